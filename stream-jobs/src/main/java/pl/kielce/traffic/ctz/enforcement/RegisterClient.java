package pl.kielce.traffic.ctz.enforcement;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;

/**
 * Port: asks the registers about one plate without blocking the caller. The future never completes
 * exceptionally: a failure is an {@link RegisterAnswer.Status#UNAVAILABLE} answer (the job retries those).
 */
public interface RegisterClient extends AutoCloseable {

    CompletableFuture<RegisterAnswer> lookup(String plate);

    @Override
    default void close() throws Exception {
    }

    /** Opens the client the enrichment subtasks of a job share in one JVM ({@link SharedRegister}). */
    interface Factory extends Serializable {
        RegisterClient open() throws Exception;
    }
}
