package pl.kielce.traffic.routing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The journey planner HTTP service: {@code ./traffic routing serve --osm FILE --gtfs FILE [--port N]}. */
@SpringBootApplication
public class RoutingApplication {
    public static void main(String[] args) {
        SpringApplication.run(RoutingApplication.class, args);
    }
}
