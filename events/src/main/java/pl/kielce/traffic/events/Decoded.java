package pl.kielce.traffic.events;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The result of decoding: either a valid value or the reason it was refused. Never both.
 *
 * @param <T> the decoded type
 */
public final class Decoded<T> {
    private final T value;
    private final String reason;

    private Decoded(T value, String reason) {
        this.value = value;
        this.reason = reason;
    }

    public static <T> Decoded<T> ok(T value) {
        return new Decoded<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Decoded<T> failed(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a failed decoding needs a reason");
        }
        return new Decoded<>(null, reason);
    }

    public boolean isOk() {
        return value != null;
    }

    /** The value; throws {@link NoSuchElementException} (naming the reason) when decoding failed. */
    public T value() {
        if (value == null) {
            throw new NoSuchElementException("no value: " + reason);
        }
        return value;
    }

    /** The reason decoding failed; throws {@link NoSuchElementException} when it succeeded. */
    public String reason() {
        if (reason == null) {
            throw new NoSuchElementException("decoding succeeded, there is no reason");
        }
        return reason;
    }

    public Optional<T> toOptional() {
        return Optional.ofNullable(value);
    }

    public <R> Decoded<R> map(Function<? super T, ? extends R> f) {
        return value == null ? failed(reason) : ok(f.apply(value));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decoded<?> d && Objects.equals(value, d.value) && Objects.equals(reason, d.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, reason);
    }

    @Override
    public String toString() {
        return value != null ? "Decoded.ok(" + value + ")" : "Decoded.failed(" + reason + ")";
    }
}
