package dev.webhookkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.RateLimitDecision;
import dev.webhookkit.core.spi.RateLimiter;
import dev.webhookkit.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The shared token bucket against the local Redis; refills are driven by a hand-moved clock. */
@Tag("services")
class RedisRateLimiterTest {
    private static final RateLimit TEN_PER_MINUTE = RateLimit.perMinute(10);

    private final String prefix = RedisTestServer.uniquePrefix("ratelimit");
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private RedisClient redisA;
    private RedisClient redisB;

    @BeforeEach
    void connect() {
        redisA = RedisTestServer.client();
        redisB = RedisTestServer.client();
    }

    @AfterEach
    void cleanUp() {
        redisA.keys(prefix + "*").forEach(redisA::del);
        redisA.close();
        redisB.close();
    }

    private RateLimiter limiter(RedisClient redis) {
        return RedisRateLimiter.builder(redis).keyPrefix(prefix).clock(clock).build();
    }

    @Test
    void allowsABurstUpToPermitsThenDeniesWithTimeToNextPermit() {
        RateLimiter limiter = limiter(redisA);

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed()).as("request %d", i).isTrue();
        }
        RateLimitDecision denied = limiter.tryAcquire("orders", TEN_PER_MINUTE);

        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void retryAfterShrinksAsTheBucketRefills() {
        RateLimiter limiter = limiter(redisA);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("orders", TEN_PER_MINUTE);
        }
        clock.advance(Duration.ofSeconds(4));

        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refillsOnePermitPerPeriodOverPermits() {
        RateLimiter limiter = limiter(redisA);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("orders", TEN_PER_MINUTE);
        }
        clock.advance(Duration.ofSeconds(6));

        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed()).isTrue();
        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed()).isFalse();
    }

    @Test
    void idleBucketRefillsToPermitsButNoFurther() {
        RateLimiter limiter = limiter(redisA);
        limiter.tryAcquire("orders", TEN_PER_MINUTE);
        clock.advance(Duration.ofHours(1));

        int allowed = 0;
        for (int i = 0; i < 15; i++) {
            allowed += limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(10);
    }

    @Test
    void limitHoldsInTotalAcrossTwoInstances() {
        RateLimiter instanceA = limiter(redisA);
        RateLimiter instanceB = limiter(redisB);

        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            RateLimiter instance = i % 2 == 0 ? instanceA : instanceB;
            allowed += instance.tryAcquire("orders", TEN_PER_MINUTE).allowed() ? 1 : 0;
        }

        assertThat(allowed).isEqualTo(10);
        assertThat(instanceB.tryAcquire("orders", TEN_PER_MINUTE).retryAfter()).isPositive();
    }

    @Test
    void keysHaveSeparateBuckets() {
        RateLimiter limiter = limiter(redisA);
        RateLimit one = RateLimit.perMinute(1);

        assertThat(limiter.tryAcquire("orders", one).allowed()).isTrue();
        assertThat(limiter.tryAcquire("orders", one).allowed()).isFalse();
        assertThat(limiter.tryAcquire("billing", one).allowed()).isTrue();
    }

    @Test
    void concurrentCallersOnTwoInstancesTakeExactlyThePermits() throws Exception {
        RateLimiter[] instances = {limiter(redisA), limiter(redisB)};
        RateLimit limit = RateLimit.perMinute(50);
        AtomicInteger allowed = new AtomicInteger();

        Concurrently.run(6, thread -> {
            for (int i = 0; i < 40; i++) {
                if (instances[thread % 2].tryAcquire("orders", limit).allowed()) {
                    allowed.incrementAndGet();
                }
            }
        });

        assertThat(allowed).hasValue(50);
    }

    @Test
    void serverClockModeSharesTheBucketAndGivesABoundedRetryAfter() {
        RateLimiter instanceA = RedisRateLimiter.builder(redisA).keyPrefix(prefix).build();
        RateLimiter instanceB = RedisRateLimiter.builder(redisB).keyPrefix(prefix).build();
        RateLimit threePerHour = new RateLimit(3, Duration.ofHours(1));

        assertThat(instanceA.tryAcquire("orders", threePerHour).allowed()).isTrue();
        assertThat(instanceB.tryAcquire("orders", threePerHour).allowed()).isTrue();
        assertThat(instanceA.tryAcquire("orders", threePerHour).allowed()).isTrue();
        RateLimitDecision denied = instanceB.tryAcquire("orders", threePerHour);

        assertThat(denied.allowed()).isFalse();
        // 20 minutes per permit, minus the few milliseconds the calls took
        assertThat(denied.retryAfter()).isBetween(Duration.ofMinutes(19), Duration.ofMinutes(20));
    }

    @Test
    void bucketKeyLivesUnderPrefixAndExpiresOnceIdleForAPeriod() {
        limiter(redisA).tryAcquire("orders", TEN_PER_MINUTE);

        assertThat(redisA.pttl(prefix + "orders")).isBetween(Duration.ofSeconds(59).toMillis(), Duration.ofSeconds(61).toMillis());
    }

    @Test
    void scriptIsReloadedAfterTheServerForgetsIt() {
        RateLimiter limiter = limiter(redisA);
        limiter.tryAcquire("orders", TEN_PER_MINUTE);
        redisA.scriptFlush();

        assertThat(limiter.tryAcquire("orders", TEN_PER_MINUTE).allowed()).isTrue();
    }
}
