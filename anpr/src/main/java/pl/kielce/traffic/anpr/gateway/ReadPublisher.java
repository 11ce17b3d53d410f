package pl.kielce.traffic.anpr.gateway;

import pl.kielce.traffic.events.AnprRead;

/** Where accepted reads go (Kafka in production). Must not return before the read is durably accepted. */
public interface ReadPublisher extends AutoCloseable {
    void publish(AnprRead read) throws Exception;

    @Override
    default void close() {
    }
}
