package pl.kielce.traffic.console.web;

/** A named thing does not exist; becomes a 404 problem+json (API) or the error page. */
public final class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
