package pl.kielce.traffic.routing.transit.scan;

/**
 * How walking is modelled by the connection scan. Distances are straight-line metres times a detour
 * factor (the OSM extracts we serve often lack footways, so street distances between platforms a few
 * metres apart are detours of hundreds of metres; see routing/README.md).
 *
 * @param walkSpeedMetersPerSecond     walking speed
 * @param detourFactor                 straight-line distance multiplier for walking time
 * @param maxTransferMeters            longest walk between two stops when changing vehicles
 * @param sameStationRadiusMeters      platforms with the same stop name within this radius form one station
 * @param sameStationTransferSeconds   time to change between platforms of one station (through-running lines
 *                                     split into separate trips need zero-minute changes)
 * @param stationRadiusMeters         a query point at a stop is at its station: every platform with that stop's name
 *                                     within this radius is reached with a same-station change (like a planner
 *                                     asked for a station by name)
 * @param alternativeSlackSeconds      how much later than the earliest arrival an alternative with fewer
 *                                     transfers may arrive
 * @param searchWindowSeconds          how far after the query time (or before, for arrive-by) to search
 */
public record WalkSettings(double walkSpeedMetersPerSecond, double detourFactor, int maxTransferMeters,
                           int sameStationRadiusMeters, int sameStationTransferSeconds, int stationRadiusMeters,
                           int alternativeSlackSeconds, int searchWindowSeconds) {

    public static final WalkSettings DEFAULTS = new WalkSettings(1.25, 1.2, 600, 150, 0, 300, 30 * 60, 36 * 3600);

    public WalkSettings {
        if (!(walkSpeedMetersPerSecond > 0.1 && walkSpeedMetersPerSecond < 5)) {
            throw new IllegalArgumentException("walkSpeedMetersPerSecond must be in (0.1, 5): " + walkSpeedMetersPerSecond);
        }
        if (!(detourFactor >= 1 && detourFactor <= 3)) {
            throw new IllegalArgumentException("detourFactor must be in [1, 3]: " + detourFactor);
        }
        if (stationRadiusMeters < 0 || stationRadiusMeters > maxTransferMeters) {
            throw new IllegalArgumentException("stationRadiusMeters must be in [0, maxTransferMeters]: " + stationRadiusMeters);
        }
        if (maxTransferMeters < 0 || sameStationRadiusMeters < 0 || sameStationTransferSeconds < 0
                || alternativeSlackSeconds < 0 || searchWindowSeconds <= 0 || searchWindowSeconds > 47 * 3600) {
            throw new IllegalArgumentException("negative walk setting or search window outside (0, 47 h]");
        }
    }

    /**
     * Settings from properties {@code routing.walk.speed-mps}, {@code .detour-factor}, {@code .max-transfer-m},
     * {@code .same-station-radius-m}, {@code .same-station-transfer-s}, {@code .station-radius-m}, {@code .alternative-slack-s},
     * {@code .search-window-s}; absent keys keep {@link #DEFAULTS}.
     */
    public static WalkSettings from(java.util.function.UnaryOperator<String> props) {
        WalkSettings d = DEFAULTS;
        return new WalkSettings(
                dbl(props, "routing.walk.speed-mps", d.walkSpeedMetersPerSecond()),
                dbl(props, "routing.walk.detour-factor", d.detourFactor()),
                (int) dbl(props, "routing.walk.max-transfer-m", d.maxTransferMeters()),
                (int) dbl(props, "routing.walk.same-station-radius-m", d.sameStationRadiusMeters()),
                (int) dbl(props, "routing.walk.same-station-transfer-s", d.sameStationTransferSeconds()),
                (int) dbl(props, "routing.walk.station-radius-m", d.stationRadiusMeters()),
                (int) dbl(props, "routing.walk.alternative-slack-s", d.alternativeSlackSeconds()),
                (int) dbl(props, "routing.walk.search-window-s", d.searchWindowSeconds()));
    }

    private static double dbl(java.util.function.UnaryOperator<String> props, String key, double fallback) {
        String v = props.apply(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + v);
        }
    }

    public int walkSeconds(double straightLineMeters) {
        return (int) Math.ceil(straightLineMeters * detourFactor / walkSpeedMetersPerSecond);
    }
}
