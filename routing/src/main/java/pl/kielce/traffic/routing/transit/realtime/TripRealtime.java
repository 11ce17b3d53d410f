package pl.kielce.traffic.routing.transit.realtime;

import java.util.Arrays;

/**
 * Real-time state of one trip run, per stop-time position of the trip (0 = first stop):
 * delays in seconds (already propagated downstream) and skipped stops.
 */
public final class TripRealtime {
    private final boolean cancelled;
    private final int[] arrivalDelaySeconds;
    private final int[] departureDelaySeconds;
    private final boolean[] skipped;

    private TripRealtime(boolean cancelled, int[] arrivalDelaySeconds, int[] departureDelaySeconds, boolean[] skipped) {
        this.cancelled = cancelled;
        this.arrivalDelaySeconds = arrivalDelaySeconds;
        this.departureDelaySeconds = departureDelaySeconds;
        this.skipped = skipped;
    }

    public static TripRealtime cancelledTrip(int stopCount) {
        return new TripRealtime(true, new int[stopCount], new int[stopCount], new boolean[stopCount]);
    }

    public static TripRealtime of(int[] arrivalDelaySeconds, int[] departureDelaySeconds, boolean[] skipped) {
        if (arrivalDelaySeconds.length != departureDelaySeconds.length || skipped.length != arrivalDelaySeconds.length) {
            throw new IllegalArgumentException("per-stop arrays must have the same length");
        }
        return new TripRealtime(false, arrivalDelaySeconds.clone(), departureDelaySeconds.clone(), skipped.clone());
    }

    public boolean cancelled() {
        return cancelled;
    }

    public int arrivalDelaySeconds(int position) {
        return arrivalDelaySeconds[position];
    }

    public int departureDelaySeconds(int position) {
        return departureDelaySeconds[position];
    }

    public boolean skipped(int position) {
        return skipped[position];
    }

    public int stopCount() {
        return skipped.length;
    }

    @Override
    public String toString() {
        return cancelled ? "cancelled" : "delays(arr=" + Arrays.toString(arrivalDelaySeconds) + ", dep="
                + Arrays.toString(departureDelaySeconds) + ", skipped=" + Arrays.toString(skipped) + ")";
    }
}
