package pl.kielce.traffic.console.review;

/**
 * An action the rules do not allow for this person in this state. The message (English) says why; {@link #code()}
 * names the message {@code refused.<code>} that pages show in the user's language, with {@link #args()}.
 */
public final class ReviewRefused extends RuntimeException {
    private final String code;
    private final transient Object[] args;

    public ReviewRefused(String code, String message, Object... args) {
        super(message);
        this.code = code;
        this.args = args.clone();
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }
}
