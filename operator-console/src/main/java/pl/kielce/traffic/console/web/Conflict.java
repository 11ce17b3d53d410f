package pl.kielce.traffic.console.web;

/** An action not allowed in the current state (e.g. confirming one's own second check); 409. */
public final class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
