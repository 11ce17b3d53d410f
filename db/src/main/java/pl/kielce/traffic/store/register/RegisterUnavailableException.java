package pl.kielce.traffic.store.register;

/** A register could not be read (database down, timeout). Decisions that need it go to REVIEW. */
public final class RegisterUnavailableException extends RuntimeException {
    public RegisterUnavailableException(String register, Throwable cause) {
        super(register + " unavailable: " + cause.getMessage(), cause);
    }
}
