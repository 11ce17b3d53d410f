package pl.kielce.traffic.console.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/** A one-time token that lets the first person at the console create the first admin. Thread-safe. */
public final class SetupToken {
    private final AtomicReference<String> token = new AtomicReference<>();

    /** Issues a fresh token (replacing any earlier one) and returns it. */
    public String issue() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        String t = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        token.set(t);
        return t;
    }

    public boolean active() {
        return token.get() != null;
    }

    /** Uses the token up if {@code candidate} matches it (constant-time compare). */
    public boolean consume(String candidate) {
        String t = token.get();
        if (t == null || candidate == null) {
            return false;
        }
        boolean same = MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8),
                candidate.trim().getBytes(StandardCharsets.UTF_8));
        return same && token.compareAndSet(t, null);
    }
}
