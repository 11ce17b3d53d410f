package pl.kielce.traffic.ctz.enforcement;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The lookups the enrichment subtasks of one job share (pure: fake client, fake clock). */
class SharedRegisterTest {
    private static final long TTL = 60_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<CompletableFuture<RegisterAnswer>> asked = new ArrayList<>();

    private SharedRegister register(int maxEntries) {
        return new SharedRegister("job", plate -> null, TTL, maxEntries, now::get);
    }

    private CompletableFuture<RegisterAnswer> ask() {
        CompletableFuture<RegisterAnswer> f = new CompletableFuture<>();
        asked.add(f);
        return f;
    }

    @Test
    void aPlateAskedTwiceWhileInFlightIsLookedUpOnceAndBothGetTheAnswer() {
        SharedRegister r = register(100);
        var first = r.lookup("KR1", this::ask);
        var second = r.lookup("KR1", this::ask);
        assertThat(asked).hasSize(1);
        now.set(5_000);
        asked.get(0).complete(RegisterAnswer.unknown(null));
        assertThat(first.join().answer().status()).isEqualTo(RegisterAnswer.Status.UNKNOWN);
        assertThat(second.join().fetchedNanos()).isEqualTo(5_000);
    }

    @Test
    void anAnswerIsReusedUntilItsTimeToLiveThenAskedAgain() {
        SharedRegister r = register(100);
        r.lookup("KR1", this::ask);
        asked.get(0).complete(RegisterAnswer.unknown(null));
        now.addAndGet(TTL);
        assertThat(r.lookup("KR1", this::ask).join().fetchedNanos()).as("still fresh").isEqualTo(1_000);
        assertThat(asked).hasSize(1);
        now.addAndGet(1);
        var again = r.lookup("KR1", this::ask);
        assertThat(asked).hasSize(2);
        assertThat(again).isNotDone();
    }

    @Test
    void anUnavailableAnswerIsNotKept() {
        SharedRegister r = register(100);
        var first = r.lookup("KR1", this::ask);
        asked.get(0).complete(RegisterAnswer.unavailable("down"));
        assertThat(first.join().answer().available()).isFalse();
        assertThat(r.size()).isZero();
        r.lookup("KR1", this::ask);
        assertThat(asked).hasSize(2);
    }

    @Test
    void aFailedLookupIsAnUnavailableAnswerNotAnException() {
        SharedRegister r = register(100);
        var first = r.lookup("KR1", this::ask);
        asked.get(0).completeExceptionally(new IllegalStateException("boom"));
        assertThat(first.join().answer().available()).isFalse();
        assertThat(first.join().answer().detail()).contains("IllegalStateException");
    }

    @Test
    void aLookupThatCannotStartIsUnavailableAndTheNextReadAsksAgain() {
        SharedRegister r = register(100);
        var first = r.lookup("KR1", () -> {
            throw new IllegalStateException("client closed");
        });
        assertThat(first.join().answer().available()).isFalse();
        r.lookup("KR1", this::ask);
        assertThat(asked).hasSize(1);
    }

    @Test
    void answeredLookupsAreTrimmedToTheBoundInFlightOnesKept() {
        SharedRegister r = register(4);
        for (int i = 0; i < 4; i++) {
            r.lookup("KR" + i, this::ask);
            asked.get(i).complete(RegisterAnswer.unknown(null));
        }
        r.lookup("KR4", this::ask); // fifth: over the bound, answered ones go until a quarter is free
        assertThat(r.size()).isLessThanOrEqualTo(3);
        assertThat(r.lookup("KR4", this::ask)).as("in flight, kept").isSameAs(r.lookup("KR4", this::ask));
        assertThat(asked).hasSize(5);
    }

    @Test
    void subtasksOfOneJobShareOneClientWhichTheLastReleaseCloses() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        RegisterClient.Factory factory = () -> {
            opened.incrementAndGet();
            return new RegisterClient() {
                @Override
                public CompletableFuture<RegisterAnswer> lookup(String plate) {
                    return CompletableFuture.completedFuture(RegisterAnswer.unknown(null));
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        };
        String job = UUID.randomUUID().toString();
        SharedRegister a = SharedRegister.acquire(job, factory, TTL, 100);
        SharedRegister b = SharedRegister.acquire(job, factory, TTL, 100);
        SharedRegister otherJob = SharedRegister.acquire(UUID.randomUUID().toString(), factory, TTL, 100);
        assertThat(a).isSameAs(b).isNotSameAs(otherJob);
        assertThat(opened).hasValue(2);
        a.release();
        assertThat(closed).hasValue(0);
        b.release();
        assertThat(closed).hasValue(1);
        otherJob.release();
        SharedRegister again = SharedRegister.acquire(job, factory, TTL, 100); // a restart after the last release
        assertThat(again).isNotSameAs(a);
        again.release();
        assertThat(opened).hasValue(3);
    }
}
