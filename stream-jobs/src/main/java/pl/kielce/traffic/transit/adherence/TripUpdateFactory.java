package pl.kielce.traffic.transit.adherence;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.TripUpdate.StopTimeEvent;
import com.google.transit.realtime.GtfsRealtime.TripUpdate.StopTimeUpdate;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import pl.kielce.traffic.events.TransitFeeds;
import pl.kielce.traffic.transit.schedule.GtfsTime;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Builds the GTFS-Realtime TripUpdate feed for one trip: one entity (id = {@code tripId:YYYYMMDD}) with
 * the trip descriptor (trip_id, route_id, start_date, start_time, direction_id when known), the vehicle,
 * the current delay and a StopTimeUpdate per stop of the trip (see {@link DelayPredictor#predict}) carrying
 * both stop_sequence and stop_id and both delay and absolute time for arrival and departure, so any
 * consumer can use either form.
 *
 * <p>Each Kafka record holds the newest state of one trip, so the header says DIFFERENTIAL: a consumer
 * keeps the latest entity per id (Kafka key = entity id).
 */
public final class TripUpdateFactory {
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private TripUpdateFactory() {
    }

    public static String entityId(ScheduledTrip trip, java.time.LocalDate serviceDate) {
        return trip.id() + ":" + serviceDate.format(YYYYMMDD);
    }

    public static FeedMessage tripUpdate(TripProgress p, List<StopDelay> stops, String vehicleId,
                                         long timestampEpochSeconds, ZoneId zone) {
        ScheduledTrip trip = p.trip();
        long dayStart = GtfsTime.serviceDayStartEpochSeconds(p.serviceDate(), zone);
        TripDescriptor.Builder td = TripDescriptor.newBuilder()
                .setTripId(trip.id())
                .setRouteId(trip.routeId())
                .setStartDate(p.serviceDate().format(YYYYMMDD))
                .setStartTime(GtfsTime.format(trip.firstDepartureSeconds()))
                .setScheduleRelationship(TripDescriptor.ScheduleRelationship.SCHEDULED);
        if (trip.directionId() >= 0) {
            td.setDirectionId(trip.directionId());
        }
        TripUpdate.Builder tu = TripUpdate.newBuilder()
                .setTrip(td)
                .setVehicle(VehicleDescriptor.newBuilder().setId(vehicleId))
                .setTimestamp(timestampEpochSeconds)
                .setDelay(p.delaySeconds());
        for (StopDelay s : stops) {
            tu.addStopTimeUpdate(StopTimeUpdate.newBuilder()
                    .setStopSequence(s.stopSequence())
                    .setStopId(s.stopId())
                    .setArrival(StopTimeEvent.newBuilder()
                            .setDelay(s.arrivalDelaySeconds())
                            .setTime(dayStart + s.scheduledArrivalSecondsOfDay() + s.arrivalDelaySeconds()))
                    .setDeparture(StopTimeEvent.newBuilder()
                            .setDelay(s.departureDelaySeconds())
                            .setTime(dayStart + s.scheduledDepartureSecondsOfDay() + s.departureDelaySeconds()))
                    .setScheduleRelationship(StopTimeUpdate.ScheduleRelationship.SCHEDULED));
        }
        return FeedMessage.newBuilder()
                .setHeader(FeedHeader.newBuilder()
                        .setGtfsRealtimeVersion(TransitFeeds.GTFS_RT_VERSION)
                        .setIncrementality(FeedHeader.Incrementality.DIFFERENTIAL)
                        .setTimestamp(timestampEpochSeconds))
                .addEntity(FeedEntity.newBuilder().setId(entityId(trip, p.serviceDate())).setTripUpdate(tu))
                .build();
    }
}
