package pl.kielce.traffic.transit.simulation;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.TransitFeeds;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.KafkaPublisher;
import pl.kielce.traffic.transit.adherence.TripGeometry;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.GtfsReader;
import pl.kielce.traffic.transit.schedule.GtfsTime;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/**
 * {@code ./traffic transit delay-bus}: publishes one VehiclePosition of a given trip, half way between two of
 * its stops, {@code --delay-seconds} later than the timetable says (for demos and manual checks of the
 * chain positions → job → TripUpdates → journey planner).
 */
@Command(name = "delay-bus", mixinStandardHelpOptions = true,
        description = "Publish one position of a trip running late (half way between stop K and K+1)")
public final class DelayedBusCommand implements Callable<Integer> {
    @Option(names = "--gtfs", required = true)
    Path gtfs;

    @Mixin
    KafkaPublisher kafka;

    @Option(names = "--trip", required = true, description = "trip_id")
    String tripId;

    @Option(names = "--date", required = true, description = "service date YYYY-MM-DD")
    LocalDate date;

    @Option(names = "--stop-index", defaultValue = "0", description = "between this stop (0 = first) and the next")
    int stopIndex;

    @Option(names = "--delay-seconds", required = true)
    int delaySeconds;

    @Option(names = "--vehicle", defaultValue = "demo-bus")
    String vehicle;

    @Override
    public Integer call() throws Exception {
        GtfsFeed feed = GtfsReader.read(gtfs);
        System.out.println(publish(feed, tripId, date, stopIndex, delaySeconds, vehicle, kafka.bootstrapServers()));
        return 0;
    }

    /** Publishes the late position; returns a one-line description. */
    static String publish(GtfsFeed feed, String tripId, LocalDate date, int stopIndex, int delaySeconds, String vehicle,
                          String bootstrapServers) throws Exception {
        ScheduledTrip trip = feed.trip(tripId).orElseThrow(() -> new IllegalArgumentException("no trip_id " + tripId));
        if (stopIndex < 0 || stopIndex > trip.stopCount() - 2) {
            throw new IllegalArgumentException("--stop-index must be within 0.." + (trip.stopCount() - 2));
        }
        double[] p = TripGeometry.of(trip, feed).pointAt(stopIndex, 0.5);
        double scheduled = trip.departureSeconds(stopIndex)
                + 0.5 * (trip.arrivalSeconds(stopIndex + 1) - trip.departureSeconds(stopIndex));
        long at = GtfsTime.serviceDayStartEpochSeconds(date, feed.zone()) + Math.round(scheduled) + delaySeconds;
        FeedMessage m = FeedMessage.newBuilder()
                .setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion(TransitFeeds.GTFS_RT_VERSION).setTimestamp(at))
                .addEntity(FeedEntity.newBuilder().setId(vehicle).setVehicle(VehiclePosition.newBuilder()
                        .setVehicle(VehicleDescriptor.newBuilder().setId(vehicle))
                        .setTrip(TripDescriptor.newBuilder().setTripId(trip.id()).setRouteId(trip.routeId())
                                .setStartDate(date.format(DateTimeFormatter.BASIC_ISO_DATE)))
                        .setPosition(Position.newBuilder().setLatitude((float) p[0]).setLongitude((float) p[1]))
                        .setTimestamp(at)))
                .build();
        try (KafkaProducer<byte[], byte[]> producer = KafkaPublisher.producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>(Topics.TRANSIT_VEHICLE_POSITIONS, vehicle.getBytes(StandardCharsets.UTF_8),
                    m.toByteArray())).get();
        }
        return String.format("[transit] %s on trip %s (route %s) between stops %s and %s at %s (%s local), %d s late",
                vehicle, trip.id(), trip.routeId(), trip.stop(stopIndex).id(), trip.stop(stopIndex + 1).id(),
                Instant.ofEpochSecond(at), GtfsTime.format((int) Math.round(scheduled) + delaySeconds), delaySeconds);
    }
}
