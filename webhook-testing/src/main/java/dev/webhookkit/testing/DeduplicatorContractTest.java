package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.DeliveryClaim;
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
 * What every {@link Deduplicator} promises; each implementation's test extends this and returns a
 * fresh deduplicator from {@link #create()}. Time passes through {@link #advance(Duration)}, never by sleeping:
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

    /** Claims {@code key} and, when it is new, commits at once: true when the key was new. */
    public static boolean firstSeen(Deduplicator d, String key, Duration window) {
        DeliveryClaim claim = d.claim(key, window);
        if (claim.isNew()) {
            claim.commit();
            return true;
        }
        return false;
    }

    private boolean firstSeen(String key) {
        return firstSeen(dedup, key, WINDOW);
    }

    @Test
    void newKeyIsFirstSeen() {
        assertThat(dedup.claim("orders:webhook-id:msg_1", WINDOW).status()).isEqualTo(DeliveryClaim.Status.NEW);
    }

    @Test
    void sameKeyWithinWindowIsDuplicate() {
        firstSeen("orders:webhook-id:msg_1");
        assertThat(dedup.claim("orders:webhook-id:msg_1", WINDOW).status()).isEqualTo(DeliveryClaim.Status.DUPLICATE);
        assertThat(firstSeen("orders:webhook-id:msg_1")).isFalse();
    }

    @Test
    void differentKeysAreIndependent() {
        assertThat(firstSeen("orders:webhook-id:msg_1")).isTrue();
        assertThat(firstSeen("orders:webhook-id:msg_2")).isTrue();
        assertThat(firstSeen("billing:webhook-id:msg_1")).isTrue();
    }

    @Test
    void keyIsStillDuplicateJustBeforeWindowEnds() {
        firstSeen("k");
        advance(WINDOW.minusMinutes(1));
        assertThat(firstSeen("k")).isFalse();
    }

    @Test
    void keyIsFirstSeenAgainAfterWindowEndsAndThenRemembered() {
        firstSeen("k");
        advance(WINDOW.plusMinutes(1));
        assertThat(firstSeen("k")).isTrue();
        assertThat(firstSeen("k")).isFalse();
    }

    @Test
    void duplicateDoesNotExtendTheWindow() {
        firstSeen("k");
        advance(Duration.ofMinutes(40));
        firstSeen("k"); // a duplicate: the first mark still ends the window
        advance(Duration.ofMinutes(21));
        assertThat(firstSeen("k")).isTrue();
    }

    @Test
    void anUnsettledClaimIsInProgressForOthersWithTheLeaseLeft() {
        DeliveryClaim first = dedup.claim("k", WINDOW);
        assertThat(first.isNew()).isTrue();
        advance(Duration.ofMinutes(1));
        DeliveryClaim second = dedup.claim("k", WINDOW);
        assertThat(second.status()).isEqualTo(DeliveryClaim.Status.IN_PROGRESS);
        assertThat(second.retryAfter()).isPositive().isLessThanOrEqualTo(Deduplicator.DEFAULT_PROCESSING_LEASE.minusMinutes(1));
    }

    @Test
    void aReleasedClaimLetsTheRetryThrough() {
        dedup.claim("k", WINDOW).release();
        DeliveryClaim retry = dedup.claim("k", WINDOW);
        assertThat(retry.isNew()).isTrue();
        retry.commit();
        assertThat(dedup.claim("k", WINDOW).status()).isEqualTo(DeliveryClaim.Status.DUPLICATE);
    }

    @Test
    void aClaimNeverSettledEndsWithItsLease() {
        dedup.claim("k", WINDOW); // the process died mid-handler
        advance(Deduplicator.DEFAULT_PROCESSING_LEASE.plusSeconds(1));
        assertThat(dedup.claim("k", WINDOW).isNew()).isTrue();
    }

    @Test
    void aClaimWhoseLeaseRanOutCannotSettleTheClaimThatTookOver() {
        DeliveryClaim stale = dedup.claim("k", WINDOW);
        advance(Deduplicator.DEFAULT_PROCESSING_LEASE.plusSeconds(1));
        DeliveryClaim current = dedup.claim("k", WINDOW);
        assertThat(current.isNew()).isTrue();
        stale.release();
        assertThat(dedup.claim("k", WINDOW).status()).as("after the stale release").isEqualTo(DeliveryClaim.Status.IN_PROGRESS);
        stale.commit(); // already settled: ignored
        current.commit();
        assertThat(dedup.claim("k", WINDOW).status()).isEqualTo(DeliveryClaim.Status.DUPLICATE);
    }

    @Test
    void onlyTheFirstSettlementCounts() {
        DeliveryClaim claim = dedup.claim("k", WINDOW);
        claim.commit();
        claim.release();
        assertThat(dedup.claim("k", WINDOW).status()).isEqualTo(DeliveryClaim.Status.DUPLICATE);
    }

    @Test
    void theWindowStartsWhenTheClaimIsCommitted() {
        DeliveryClaim claim = dedup.claim("k", WINDOW);
        advance(Duration.ofMinutes(4));
        claim.commit();
        advance(WINDOW.minusMinutes(1));
        assertThat(dedup.claim("k", WINDOW).status()).isEqualTo(DeliveryClaim.Status.DUPLICATE);
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
                        if (firstSeen(dedup, "concurrent-" + k, WINDOW)) {
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
