package pl.kielce.traffic.console.web;

/** Bad input from a client; becomes a 400 problem+json that names the field. */
public final class BadInput extends RuntimeException {
    private final String field;

    public BadInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
