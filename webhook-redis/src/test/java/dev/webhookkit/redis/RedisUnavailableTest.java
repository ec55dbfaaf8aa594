package dev.webhookkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.DeliveryClaim;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.testing.DeduplicatorContractTest;
import dev.webhookkit.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Redis that cannot be reached: the client points at a closed port on 127.0.0.1. Needs no Redis,
 * so it runs in every build.
 */
class RedisUnavailableTest {
    private static final Duration WINDOW = Duration.ofHours(1);

    private final RedisClient deadRedis = RedisTestServer.client(RedisTestServer.closedPort());
    private final AtomicInteger handled = new AtomicInteger();

    @AfterEach
    void close() {
        deadRedis.close();
    }

    private WebhookReceiver receiver(Deduplicator dedup, RedisRateLimiter limiter, RateLimit limit) {
        Endpoint.Builder endpoint = Endpoint.builder("orders").allowUnsigned().handler(EventHandler.of(e -> handled.incrementAndGet()));
        if (limit != null) {
            endpoint.rateLimit(limit);
        }
        WebhookReceiver.Builder b = WebhookReceiver.builder().deduplicator(dedup).endpoint(endpoint.build());
        if (limiter != null) {
            b.rateLimiter(limiter);
        }
        return b.build();
    }

    private static WebhookRequest delivery(String id) {
        return WebhookRequest.post(("{\"type\":\"order.created\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
                Headers.of("webhook-id", id));
    }

    @Test
    void deduplicatorFailsClosedByDefault() {
        RedisDeduplicator dedup = RedisDeduplicator.builder(deadRedis).build();

        assertThatThrownBy(() -> DeduplicatorContractTest.firstSeen(dedup, "k", WINDOW))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("Redis unavailable for deduplication");
    }

    @Test
    void receiverAnswers503WithoutProcessingWhenDeduplicatorFailsClosed() {
        try (WebhookReceiver receiver = receiver(RedisDeduplicator.builder(deadRedis).build(), null, null)) {
            var result = receiver.receive("orders", delivery("msg_1"));

            assertThat(result.reason()).isEqualTo(Reason.DEPENDENCY_UNAVAILABLE);
            assertThat(result.status()).isEqualTo(503);
            assertThat(handled).hasValue(0);
        }
    }

    @Test
    void callsDuringThePauseFailAtOnceWithoutTouchingRedis() {
        RedisDeduplicator dedup = RedisDeduplicator.builder(deadRedis).pauseAfterFailure(Duration.ofMinutes(5)).build();
        assertThatThrownBy(() -> DeduplicatorContractTest.firstSeen(dedup, "k", WINDOW)).isInstanceOf(DependencyUnavailableException.class);

        assertThatThrownBy(() -> DeduplicatorContractTest.firstSeen(dedup, "k", WINDOW))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("paused after a recent failure")
                .hasNoCause();
    }

    @Test
    void deduplicatorFallsBackToMemoryWhenConfigured() {
        RedisDeduplicator dedup = RedisDeduplicator.builder(deadRedis).whenUnavailable(UnavailablePolicy.FALL_BACK_TO_MEMORY).build();
        try (WebhookReceiver receiver = receiver(dedup, null, null)) {
            assertThat(receiver.receive("orders", delivery("msg_1")).reason()).isEqualTo(Reason.PROCESSED);
            assertThat(receiver.receive("orders", delivery("msg_1")).reason()).isEqualTo(Reason.DUPLICATE);
            assertThat(receiver.receive("orders", delivery("msg_2")).reason()).isEqualTo(Reason.PROCESSED);
            assertThat(handled).hasValue(2);
        }
    }

    @Test
    void releaseInFallbackModeReleasesTheInMemoryClaimAndNeverThrows() {
        RedisDeduplicator dedup = RedisDeduplicator.builder(deadRedis).whenUnavailable(UnavailablePolicy.FALL_BACK_TO_MEMORY).build();
        DeliveryClaim claim = dedup.claim("k", WINDOW);
        assertThat(claim.isNew()).isTrue();
        assertThat(dedup.claim("k", WINDOW).status()).isEqualTo(DeliveryClaim.Status.IN_PROGRESS);

        claim.release();

        assertThat(DeduplicatorContractTest.firstSeen(dedup, "k", WINDOW)).isTrue();
        assertThat(DeduplicatorContractTest.firstSeen(dedup, "k", WINDOW)).isFalse();
    }

    @Test
    void claimsDuringAnOutageOweNoReleases() {
        RedisDeduplicator dedup = RedisDeduplicator.builder(deadRedis).pauseAfterFailure(Duration.ZERO).build();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> dedup.claim("k", WINDOW)).isInstanceOf(DependencyUnavailableException.class);
        }
        // Nothing reached Redis, so there is no claim to undo once it is back.
        assertThat(dedup.pendingReleases()).isZero();

        assertThatThrownBy(() -> DeduplicatorContractTest.firstSeen(dedup, "k", WINDOW)).isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void rateLimiterFailsClosedByDefaultAndReceiverAnswers503() {
        RedisRateLimiter limiter = RedisRateLimiter.builder(deadRedis).build();
        try (WebhookReceiver receiver = receiver(Deduplicator.none(), limiter, RateLimit.perMinute(5))) {
            var result = receiver.receive("orders", delivery("msg_1"));

            assertThat(result.reason()).isEqualTo(Reason.DEPENDENCY_UNAVAILABLE);
            assertThat(handled).hasValue(0);
        }
        assertThatThrownBy(() -> limiter.tryAcquire("orders", RateLimit.perMinute(5)))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("Redis unavailable for rate limiting");
    }

    @Test
    void rateLimiterFallsBackToThisInstancesBucketWhenConfigured() {
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        RedisRateLimiter limiter = RedisRateLimiter.builder(deadRedis).clock(clock)
                .whenUnavailable(UnavailablePolicy.FALL_BACK_TO_MEMORY).build();
        try (WebhookReceiver receiver = receiver(Deduplicator.none(), limiter, RateLimit.perMinute(2))) {
            assertThat(receiver.receive("orders", delivery("a")).reason()).isEqualTo(Reason.PROCESSED);
            assertThat(receiver.receive("orders", delivery("b")).reason()).isEqualTo(Reason.PROCESSED);
            var limited = receiver.receive("orders", delivery("c"));

            assertThat(limited.reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
        }
    }
}
