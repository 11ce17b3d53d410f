package pl.kielce.traffic.routing.journeys;

/** A query point the street network or timetable does not cover (HTTP 422). */
public class OutsideNetworkException extends RuntimeException {
    private final String parameter;

    public OutsideNetworkException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
