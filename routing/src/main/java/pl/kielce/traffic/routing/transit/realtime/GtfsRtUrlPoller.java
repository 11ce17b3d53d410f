package pl.kielce.traffic.routing.transit.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.TransitFeeds;

/** Polls a GTFS-Realtime TripUpdates URL and hands each feed message to the real-time writer. */
public final class GtfsRtUrlPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GtfsRtUrlPoller.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gtfs-rt-poller");
        t.setDaemon(true);
        return t;
    });
    private final URI url;
    private final java.util.function.Consumer<com.google.transit.realtime.GtfsRealtime.FeedMessage> updater;

    public GtfsRtUrlPoller(URI url, java.util.function.Consumer<com.google.transit.realtime.GtfsRealtime.FeedMessage> updater) {
        this.url = url;
        this.updater = updater;
    }

    public GtfsRtUrlPoller start(Duration every) {
        timer.scheduleWithFixedDelay(this::pollOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    void pollOnce() {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                LOG.warn("GTFS-RT {} answered HTTP {}", url, r.statusCode());
                return;
            }
            Decoded<com.google.transit.realtime.GtfsRealtime.FeedMessage> feed = TransitFeeds.decode(r.body());
            if (feed.isOk()) {
                updater.accept(feed.value());
            } else {
                LOG.warn("GTFS-RT {}: {}", url, feed.reason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("GTFS-RT {} not read: {}", url, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
