package pl.kielce.traffic.console.review;

/** An action the rules do not allow for this person in this state; the message says why. */
public final class ReviewRefused extends RuntimeException {
    public ReviewRefused(String message) {
        super(message);
    }
}
