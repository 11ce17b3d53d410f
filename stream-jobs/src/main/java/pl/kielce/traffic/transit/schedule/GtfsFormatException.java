package pl.kielce.traffic.transit.schedule;

/** A GTFS file that cannot be read; the message names the file, the line and what is wrong. */
public final class GtfsFormatException extends RuntimeException {
    public GtfsFormatException(String message) {
        super(message);
    }

    public GtfsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
