package pl.kielce.traffic.routing.journeys;

/** The routing graph is still loading (HTTP 503). */
public class NotReadyException extends RuntimeException {
    public NotReadyException(String message) {
        super(message);
    }
}
