package pl.kielce.traffic.transit.job;

import pl.kielce.traffic.transit.adherence.VehicleObservation;

/**
 * A decoded vehicle position with the bytes of its GTFS-RT entity and its source coordinates, so that
 * one that cannot be matched can still be dead-lettered with its original content.
 */
public record ObservedPosition(VehicleObservation observation, byte[] entityBytes, String topic, int partition,
                               long offset) {
}
