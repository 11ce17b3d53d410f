package pl.kielce.traffic.signals.model;

/** Turn of a movement, as seen by the driver. */
public enum TurnDirection {
    THROUGH, LEFT, RIGHT, U_TURN, PEDESTRIAN;

    /** SUMO connection {@code dir}: s, t, l, L (partial left), r, R (partial right). */
    public static TurnDirection fromSumo(String dir) {
        return switch (dir == null ? "s" : dir) {
            case "l", "L" -> LEFT;
            case "r", "R" -> RIGHT;
            case "t" -> U_TURN;
            default -> THROUGH;
        };
    }
}
