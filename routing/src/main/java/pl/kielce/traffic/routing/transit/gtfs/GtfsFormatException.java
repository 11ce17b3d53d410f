package pl.kielce.traffic.routing.transit.gtfs;

/** A GTFS feed that cannot be read; the message names the file, the line and the column. */
public class GtfsFormatException extends RuntimeException {
    public GtfsFormatException(String message) {
        super(message);
    }
}
