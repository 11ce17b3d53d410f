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
 * @param alternativeSlackSeconds      how much later than the earliest arrival an alternative with fewer
 *                                     transfers may arrive
 * @param searchWindowSeconds          how far after the query time (or before, for arrive-by) to search
 */
public record WalkSettings(double walkSpeedMetersPerSecond, double detourFactor, int maxTransferMeters,
                           int sameStationRadiusMeters, int sameStationTransferSeconds,
                           int alternativeSlackSeconds, int searchWindowSeconds) {

    public static final WalkSettings DEFAULTS = new WalkSettings(1.25, 1.2, 400, 150, 0, 30 * 60, 36 * 3600);

    public WalkSettings {
        if (!(walkSpeedMetersPerSecond > 0.1 && walkSpeedMetersPerSecond < 5)) {
            throw new IllegalArgumentException("walkSpeedMetersPerSecond must be in (0.1, 5): " + walkSpeedMetersPerSecond);
        }
        if (!(detourFactor >= 1 && detourFactor <= 3)) {
            throw new IllegalArgumentException("detourFactor must be in [1, 3]: " + detourFactor);
        }
        if (maxTransferMeters < 0 || sameStationRadiusMeters < 0 || sameStationTransferSeconds < 0
                || alternativeSlackSeconds < 0 || searchWindowSeconds <= 0 || searchWindowSeconds > 47 * 3600) {
            throw new IllegalArgumentException("negative walk setting or search window outside (0, 47 h]");
        }
    }

    public int walkSeconds(double straightLineMeters) {
        return (int) Math.ceil(straightLineMeters * detourFactor / walkSpeedMetersPerSecond);
    }
}
