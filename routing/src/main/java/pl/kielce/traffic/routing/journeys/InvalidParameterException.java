package pl.kielce.traffic.routing.journeys;

/** A request parameter that is malformed or out of range (HTTP 400 naming the parameter). */
public class InvalidParameterException extends RuntimeException {
    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
