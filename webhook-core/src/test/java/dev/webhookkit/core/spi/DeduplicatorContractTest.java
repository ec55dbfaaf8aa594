package dev.webhookkit.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * The behaviour every {@link Deduplicator} must have. An implementation's test extends this and
 * supplies the deduplicator; stores whose time is not the test clock's override {@link #expire}.
 */
public abstract class DeduplicatorContractTest {
    protected final MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");
    protected Deduplicator dedup;
    private String prefix;

    /** A fresh deduplicator on {@link #clock} (or on real time, then override {@link #expire}). */
    protected abstract Deduplicator create();

    /** Makes a key recorded with {@code window} expire. */
    protected void expire(Duration window) {
        clock.advance(window);
    }

    @BeforeEach
    void setUpDeduplicator() {
        dedup = create();
        prefix = "contract:" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void tearDownDeduplicator() throws Exception {
        if (dedup instanceof AutoCloseable c) {
            c.close();
        }
    }

    protected String key(String name) {
        return prefix + name;
    }

    @Test
    void firstSightingIsNewAndRepeatsAreDuplicates() {
        assertThat(dedup.markFirstSeen(key("a"), Duration.ofMinutes(5))).isTrue();
        assertThat(dedup.markFirstSeen(key("a"), Duration.ofMinutes(5))).isFalse();
        assertThat(dedup.markFirstSeen(key("a"), Duration.ofMinutes(5))).isFalse();
        assertThat(dedup.markFirstSeen(key("b"), Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void keysExpireAfterTheirWindow() {
        Duration window = Duration.ofSeconds(2);
        assertThat(dedup.markFirstSeen(key("w"), window)).isTrue();
        expire(window);
        assertThat(dedup.markFirstSeen(key("w"), window)).isTrue();
        assertThat(dedup.markFirstSeen(key("w"), window)).isFalse();
    }

    @Test
    void forgottenKeysAreNewAgain() {
        assertThat(dedup.markFirstSeen(key("f"), Duration.ofMinutes(5))).isTrue();
        dedup.forget(key("f"));
        assertThat(dedup.markFirstSeen(key("f"), Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void exactlyOneOfManyConcurrentCallersWins() throws Exception {
        int threads = 8;
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
                        if (dedup.markFirstSeen(key("c" + k), Duration.ofMinutes(5))) {
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
