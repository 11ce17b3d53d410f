package pl.kielce.traffic.signals.model;

/** What a signal shows a movement during one step of the cycle. */
public enum Indication {
    RED,
    YELLOW,
    /** Green but yielding to conflicting protected movements (SUMO {@code g}). */
    PERMITTED_GREEN,
    /** Protected green (SUMO {@code G}). */
    PROTECTED_GREEN;

    public boolean isGreen() {
        return this == PERMITTED_GREEN || this == PROTECTED_GREEN;
    }

    /** The more restrictive of two indications (a lane group is only as free as its most restricted link). */
    public Indication mostRestrictive(Indication other) {
        return this.ordinal() <= other.ordinal() ? this : other;
    }

    /** SUMO link state character → indication. Off/blinking states count as permitted green. */
    public static Indication fromSumo(char c) {
        return switch (c) {
            case 'G' -> PROTECTED_GREEN;
            case 'g', 's', 'o', 'O' -> PERMITTED_GREEN;
            case 'y', 'Y' -> YELLOW;
            case 'r', 'R', 'u' -> RED; // u = red+amber: vehicles still stop
            default -> throw new IllegalArgumentException("unknown SUMO signal state '" + c + "'");
        };
    }

    public char toSumo() {
        return switch (this) {
            case PROTECTED_GREEN -> 'G';
            case PERMITTED_GREEN -> 'g';
            case YELLOW -> 'y';
            case RED -> 'r';
        };
    }
}
