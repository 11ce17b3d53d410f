package pl.kielce.traffic.ctz.enforcement;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.enforcement.CtzFixtures.OLD_DIESEL;

/** Function level: the register lookup's deadline and retries (the rule "unavailable → REVIEW" is in PassageDecisionTest). */
class RegisterEnrichmentTest {

    @Test
    void anUnavailableRegisterIsAskedAgainAndItsAnswerUsedWhenItRecovers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RegisterClient flaky = plate -> CompletableFuture.completedFuture(calls.incrementAndGet() < 3
                ? RegisterAnswer.unavailable("down") : RegisterAnswer.found(OLD_DIESEL, null));
        RegisterAnswer a = RegisterEnrichment.lookupWithRetries(flaky, "TK1", 1, 3, 500, 10).get(5, TimeUnit.SECONDS);
        assertThat(a.status()).isEqualTo(RegisterAnswer.Status.FOUND);
        assertThat(calls).hasValue(3);
    }

    @Test
    void afterTheLastAttemptTheAnswerIsUnavailable() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RegisterClient broken = plate -> {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
        };
        RegisterAnswer a = RegisterEnrichment.lookupWithRetries(broken, "TK1", 1, 3, 500, 10).get(5, TimeUnit.SECONDS);
        assertThat(a.available()).isFalse();
        assertThat(calls).hasValue(3);
    }

    @Test
    void aLookupThatHangsTimesOutAsUnavailable() throws Exception {
        RegisterClient hanging = plate -> new CompletableFuture<>();
        RegisterAnswer a = RegisterEnrichment.lookupWithRetries(hanging, "TK1", 1, 2, 100, 10).get(5, TimeUnit.SECONDS);
        assertThat(a.available()).isFalse();
        assertThat(a.detail()).contains("timeout after 100 ms");
    }
}
