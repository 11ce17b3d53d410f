package pl.kielce.traffic.transit.job;

import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.GtfsReader;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One loaded GTFS feed per path per JVM: every operator instance of a task manager shares it (a feed is
 * immutable), so the timetable is read once, at the first task's {@code open()}.
 */
public final class GtfsFeedCache {
    private static final ConcurrentMap<Path, GtfsFeed> FEEDS = new ConcurrentHashMap<>();

    private GtfsFeedCache() {
    }

    public static GtfsFeed get(String path) {
        return FEEDS.computeIfAbsent(Path.of(path).toAbsolutePath().normalize(), GtfsReader::read);
    }
}
