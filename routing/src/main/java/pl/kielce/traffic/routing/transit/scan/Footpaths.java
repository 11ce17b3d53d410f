package pl.kielce.traffic.routing.transit.scan;

import java.util.Arrays;

import pl.kielce.traffic.routing.transit.model.Timetable;

/**
 * Stop-to-stop transfers by straight-line distance (symmetric): for each stop, the other stops within
 * {@link WalkSettings#maxTransferMeters()} and the walking seconds to them. Platforms of one station
 * (same name, within {@link WalkSettings#sameStationRadiusMeters()}) get
 * {@link WalkSettings#sameStationTransferSeconds()}.
 */
final class Footpaths {
    final int[] first;
    final int[] target;
    final int[] seconds;
    final int[] meters;

    private Footpaths(int[] first, int[] target, int[] seconds, int[] meters) {
        this.first = first;
        this.target = target;
        this.seconds = seconds;
        this.meters = meters;
    }

    static Footpaths build(Timetable tt, WalkSettings walk) {
        int n = tt.stopCount();
        int[] first = new int[n + 1];
        int cap = n * 8;
        int[] target = new int[cap];
        int[] secs = new int[cap];
        int[] meters = new int[cap];
        int m = 0;
        double latSpan = walk.maxTransferMeters() / 111_000.0;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(tt.stopLat[a], tt.stopLat[b]));
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[order[i]] = i;
        }
        for (int s = 0; s < n; s++) {
            first[s] = m;
            for (int dir = -1; dir <= 1; dir += 2) {
                for (int r = rank[s] + dir; r >= 0 && r < n; r += dir) {
                    int o = order[r];
                    if (Math.abs(tt.stopLat[o] - tt.stopLat[s]) > latSpan) {
                        break;
                    }
                    double d = Geo.distanceMeters(tt.stopLat[s], tt.stopLon[s], tt.stopLat[o], tt.stopLon[o]);
                    if (d > walk.maxTransferMeters()) {
                        continue;
                    }
                    if (m == target.length) {
                        target = Arrays.copyOf(target, m * 2);
                        secs = Arrays.copyOf(secs, m * 2);
                        meters = Arrays.copyOf(meters, m * 2);
                    }
                    boolean sameStation = d <= walk.sameStationRadiusMeters() && tt.stopName[s].equals(tt.stopName[o]);
                    target[m] = o;
                    secs[m] = sameStation ? walk.sameStationTransferSeconds() : walk.walkSeconds(d);
                    meters[m] = (int) Math.round(d);
                    m++;
                }
            }
        }
        first[n] = m;
        return new Footpaths(first, Arrays.copyOf(target, m), Arrays.copyOf(secs, m), Arrays.copyOf(meters, m));
    }

    int count() {
        return target.length;
    }
}
