package pl.kielce.traffic.transit.job;

/** An output record: Kafka key (UTF-8 text, may be null) and value bytes. */
public record KeyedBytes(String key, byte[] value) {
}
