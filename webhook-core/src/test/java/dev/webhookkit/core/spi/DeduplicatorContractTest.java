package dev.webhookkit.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Deduplicator} promises; each implementation's test extends this (it ships in
 * webhook-core's test-jar). Time passes through {@link #advance(Duration)}, never by sleeping:
 * the default moves {@link #clock}; a store that keeps time itself (Redis) overrides it.
 */
public abstract class DeduplicatorContractTest {
    protected static final Duration WINDOW = Duration.ofHours(1);

    protected final MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");
    protected Deduplicator dedup;

    /** A deduplicator with no keys (on {@link #clock}, unless {@link #advance} is overridden). */
    protected abstract Deduplicator create();

    /** Lets {@code d} pass for the deduplicator created last. */
    protected void advance(Duration d) {
        clock.advance(d);
    }

    @BeforeEach
    void createDeduplicator() {
        dedup = create();
    }

    @AfterEach
    void closeDeduplicator() throws Exception {
        if (dedup instanceof AutoCloseable c) {
            c.close();
        }
    }

    @Test
    void newKeyIsFirstSeen() {
        assertThat(dedup.markFirstSeen("orders:webhook-id:msg_1", WINDOW)).isTrue();
    }

    @Test
    void sameKeyWithinWindowIsDuplicate() {
        dedup.markFirstSeen("orders:webhook-id:msg_1", WINDOW);
        assertThat(dedup.markFirstSeen("orders:webhook-id:msg_1", WINDOW)).isFalse();
        assertThat(dedup.markFirstSeen("orders:webhook-id:msg_1", WINDOW)).isFalse();
    }

    @Test
    void differentKeysAreIndependent() {
        assertThat(dedup.markFirstSeen("orders:webhook-id:msg_1", WINDOW)).isTrue();
        assertThat(dedup.markFirstSeen("orders:webhook-id:msg_2", WINDOW)).isTrue();
        assertThat(dedup.markFirstSeen("billing:webhook-id:msg_1", WINDOW)).isTrue();
    }

    @Test
    void keyIsStillDuplicateJustBeforeWindowEnds() {
        dedup.markFirstSeen("k", WINDOW);
        advance(WINDOW.minusMinutes(1));
        assertThat(dedup.markFirstSeen("k", WINDOW)).isFalse();
    }

    @Test
    void keyIsFirstSeenAgainAfterWindowEndsAndThenRemembered() {
        dedup.markFirstSeen("k", WINDOW);
        advance(WINDOW.plusMinutes(1));
        assertThat(dedup.markFirstSeen("k", WINDOW)).isTrue();
        assertThat(dedup.markFirstSeen("k", WINDOW)).isFalse();
    }

    @Test
    void duplicateDoesNotExtendTheWindow() {
        dedup.markFirstSeen("k", WINDOW);
        advance(Duration.ofMinutes(40));
        dedup.markFirstSeen("k", WINDOW); // a duplicate: the first mark still ends the window
        advance(Duration.ofMinutes(21));
        assertThat(dedup.markFirstSeen("k", WINDOW)).isTrue();
    }

    @Test
    void forgottenKeyIsFirstSeenAgain() {
        dedup.markFirstSeen("k", WINDOW);
        dedup.forget("k");
        assertThat(dedup.markFirstSeen("k", WINDOW)).isTrue();
        assertThat(dedup.markFirstSeen("k", WINDOW)).isFalse();
    }

    @Test
    void forgettingUnknownKeyIsHarmless() {
        dedup.forget("never-seen");
        assertThat(dedup.markFirstSeen("never-seen", WINDOW)).isTrue();
    }

    @Test
    void exactlyOneOfManyConcurrentCallersSeesEachKeyFirst() throws Exception {
        int threads = 6;
        int keys = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> wins = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Integer> task = () -> {
                    start.await();
                    int won = 0;
                    for (int k = 0; k < keys; k++) {
                        if (dedup.markFirstSeen("concurrent-" + k, WINDOW)) {
                            won++;
                        }
                    }
                    return won;
                };
                wins.add(pool.submit(task));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : wins) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(keys);
        } finally {
            pool.shutdownNow();
        }
    }
}
