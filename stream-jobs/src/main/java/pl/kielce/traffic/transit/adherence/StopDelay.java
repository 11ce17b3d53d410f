package pl.kielce.traffic.transit.adherence;

/**
 * The delay at one stop of a trip: estimated for stops passed, predicted for stops ahead.
 *
 * @param stopIndex              index in the trip's stop sequence
 * @param stopSequence           GTFS stop_sequence
 * @param stopId                 GTFS stop_id
 * @param arrivalDelaySeconds    predicted arrival minus scheduled arrival (negative = early)
 * @param departureDelaySeconds  predicted departure minus scheduled departure
 * @param scheduledArrivalSecondsOfDay   scheduled arrival, seconds of the service day
 * @param scheduledDepartureSecondsOfDay scheduled departure, seconds of the service day
 */
public record StopDelay(int stopIndex, int stopSequence, String stopId, int arrivalDelaySeconds,
                        int departureDelaySeconds, int scheduledArrivalSecondsOfDay,
                        int scheduledDepartureSecondsOfDay) {
}
