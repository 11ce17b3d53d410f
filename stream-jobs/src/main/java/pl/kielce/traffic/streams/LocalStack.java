package pl.kielce.traffic.streams;

import java.util.Map;

/**
 * Where the local stack's services are, for jobs run by {@link LocalJobsMain}. Read from the environment
 * ({@code TRAFFIC_KAFKA_BOOTSTRAP}, {@code TRAFFIC_JDBC_URL}, {@code TRAFFIC_CITY_DIR}) with the demo's defaults.
 *
 * @param kafkaBootstrap Kafka bootstrap servers, e.g. {@code 127.0.0.1:59092}
 * @param jdbcUrl        PostGIS JDBC URL with user, e.g. {@code jdbc:postgresql://localhost:55432/traffic?user=postgres}
 * @param cityDir        folder with the city data ({@code cities/kielce})
 */
public record LocalStack(String kafkaBootstrap, String jdbcUrl, String cityDir) {
    public static final String DEFAULT_KAFKA = "127.0.0.1:59092";
    public static final String DEFAULT_JDBC = "jdbc:postgresql://localhost:55432/traffic?user=postgres";
    public static final String DEFAULT_CITY_DIR = "cities/kielce";

    public static LocalStack fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static LocalStack fromEnvironment(Map<String, String> env) {
        return new LocalStack(env.getOrDefault("TRAFFIC_KAFKA_BOOTSTRAP", DEFAULT_KAFKA),
                env.getOrDefault("TRAFFIC_JDBC_URL", DEFAULT_JDBC),
                env.getOrDefault("TRAFFIC_CITY_DIR", DEFAULT_CITY_DIR));
    }
}
