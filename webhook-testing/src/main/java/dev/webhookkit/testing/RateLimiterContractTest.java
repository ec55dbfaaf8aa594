package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.RateLimitDecision;
import dev.webhookkit.core.spi.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} promises, a token bucket per key: a burst of up to
 * {@link RateLimit#permits()} requests, refilled smoothly over {@link RateLimit#period()} and never
 * beyond {@code permits}; a denial says how long until the next permit; a source's bucket
 * ({@link RateLimiter#tryAcquireForSource}) is its own and never spends the endpoint's. Each
 * implementation's test extends this and returns a fresh limiter on {@link #clock} from
 * {@link #create()}; a limiter that keeps time itself overrides {@link #advance}. A limiter that is
 * {@link AutoCloseable} is closed after each test.
 */
public abstract class RateLimiterContractTest {
    /** Ten per minute: one permit every six seconds. */
    protected static final RateLimit TEN_PER_MINUTE = RateLimit.perMinute(10);
    private static final Duration ONE_PERMIT = Duration.ofSeconds(6);
    /** Room for an implementation's rounding of {@code Retry-After} (nanoseconds from doubles, milliseconds). */
    private static final Duration ROUNDING = Duration.ofMillis(10);

    protected final MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");
    protected RateLimiter limiter;

    /** A limiter with no buckets (on {@link #clock}, unless {@link #advance} is overridden). */
    protected abstract RateLimiter create();

    /** Lets {@code d} pass for the limiter created last. */
    protected void advance(Duration d) {
        clock.advance(d);
    }

    @BeforeEach
    void createLimiter() {
        limiter = create();
    }

    @AfterEach
    void closeLimiter() throws Exception {
        if (limiter instanceof AutoCloseable c) {
            c.close();
        }
    }

    private void useUp(String key) {
        for (int i = 0; i < TEN_PER_MINUTE.permits(); i++) {
            assertThat(limiter.tryAcquire(key, TEN_PER_MINUTE).allowed()).as("%s request %d", key, i + 1).isTrue();
        }
    }

    private void useUpSource(String endpoint, String source) {
        for (int i = 0; i < TEN_PER_MINUTE.permits(); i++) {
            assertThat(limiter.tryAcquireForSource(endpoint, source, TEN_PER_MINUTE).allowed())
                    .as("%s from %s request %d", endpoint, source, i + 1).isTrue();
        }
    }

    @Test
    void allowsABurstUpToPermitsThenDenies() {
        useUp("orders");
        RateLimitDecision denied = limiter.tryAcquire("orders", TEN_PER_MINUTE);
        assertThat(denied.allowed()).isFalse();
    }

    @Test
    void anAllowedRequestHasNoRetryAfter() {
        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE)).isEqualTo(RateLimitDecision.allow());
    }

    @Test
    void aDenialSaysHowLongUntilTheNextPermit() {
        useUp("orders");
        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).retryAfter()).isPositive().isLessThanOrEqualTo(ONE_PERMIT.plus(ROUNDING));
    }

    @Test
    void retryAfterShrinksAsTheBucketRefills() {
        useUp("orders");
        Duration first = limiter.tryAcquire("orders", TEN_PER_MINUTE).retryAfter();
        advance(Duration.ofSeconds(4));
        Duration later = limiter.tryAcquire("orders", TEN_PER_MINUTE).retryAfter();
        assertThat(later).isPositive().isLessThan(first).isBetween(Duration.ofSeconds(2).minus(ROUNDING), Duration.ofSeconds(2).plus(ROUNDING));
    }

    @Test
    void refillsOnePermitPerPeriodOverPermits() {
        useUp("orders");
        advance(ONE_PERMIT.minusMillis(100));
        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed()).as("before the permit is earned").isFalse();
        advance(Duration.ofMillis(200));
        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed()).as("once earned").isTrue();
        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed()).as("only one").isFalse();
    }

    @Test
    void anIdleBucketRefillsToPermitsButNoFurther() {
        useUp("orders");
        advance(Duration.ofHours(1));
        useUp("orders");
        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed()).as("the burst is capped at permits").isFalse();
    }

    @Test
    void keysHaveSeparateBuckets() {
        useUp("orders");
        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed()).isFalse();
        assertThat(limiter.tryAcquire("billing", TEN_PER_MINUTE).allowed()).isTrue();
    }

    @Test
    void aSourceThatUsedUpItsBucketLeavesTheEndpointsBudgetWhole() {
        useUpSource("orders", "203.0.113.9");
        assertThat(limiter.tryAcquireForSource("orders", "203.0.113.9", TEN_PER_MINUTE).allowed()).isFalse();
        useUp("orders");
    }

    @Test
    void anEndpointThatUsedUpItsBudgetLeavesItsSourcesBucketsWhole() {
        useUp("orders");
        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed()).isFalse();
        useUpSource("orders", "203.0.113.9");
    }

    @Test
    void eachSourceOfEachEndpointHasItsOwnBucket() {
        useUpSource("orders", "203.0.113.9");
        assertThat(limiter.tryAcquireForSource("orders", "203.0.113.9", TEN_PER_MINUTE).allowed()).isFalse();
        assertThat(limiter.tryAcquireForSource("orders", "198.51.100.7", TEN_PER_MINUTE).allowed()).as("another source").isTrue();
        assertThat(limiter.tryAcquireForSource("billing", "203.0.113.9", TEN_PER_MINUTE).allowed()).as("another endpoint").isTrue();
    }

    @Test
    void aSourceBucketRefillsWithTime() {
        useUpSource("orders", "203.0.113.9");
        advance(ONE_PERMIT.plusMillis(100));
        assertThat(limiter.tryAcquireForSource("orders", "203.0.113.9", TEN_PER_MINUTE).allowed()).isTrue();
    }

    @Test
    void concurrentCallersTakeExactlyThePermits() throws Exception {
        RateLimit fifty = RateLimit.perMinute(50);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> allowed = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                allowed.add(pool.submit(() -> {
                    start.await();
                    int won = 0;
                    for (int i = 0; i < 40; i++) {
                        won += limiter.tryAcquire("orders", fifty).allowed() ? 1 : 0;
                    }
                    return won;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : allowed) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }
}
