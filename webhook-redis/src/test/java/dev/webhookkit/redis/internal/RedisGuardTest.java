package dev.webhookkit.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.redis.UnavailablePolicy;
import dev.webhookkit.testing.MutableClock;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

class RedisGuardTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final OutageLog log = new OutageLog("RedisDeduplicator[svc:]", clock, Duration.ofSeconds(30), warnings::add, infos::add);
    private final AtomicInteger redisCalls = new AtomicInteger();
    private boolean redisUp;

    private Boolean redis() {
        redisCalls.incrementAndGet();
        if (!redisUp) {
            throw new JedisConnectionException("Failed to connect to redis://app:hunter2@10.0.0.5:6379",
                    new ConnectException("Connection refused"));
        }
        return true;
    }

    private RedisGuard guard(UnavailablePolicy policy) {
        return new RedisGuard("deduplication", policy, Duration.ofSeconds(1), clock, log);
    }

    @Test
    void failClosedTurnsAnyClientFailureIntoDependencyUnavailable() {
        RedisGuard guard = guard(UnavailablePolicy.FAIL_CLOSED);

        assertThatThrownBy(() -> guard.call(this::redis, () -> false))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessage("Redis unavailable for deduplication")
                .hasCauseInstanceOf(JedisConnectionException.class);
    }

    @Test
    void fallBackAnswersWithTheFallback() {
        RedisGuard guard = guard(UnavailablePolicy.FALL_BACK_TO_MEMORY);

        assertThat(guard.call(this::redis, () -> false)).isFalse();
    }

    @Test
    void leavesRedisAloneDuringThePauseAndTriesAgainAfterIt() {
        RedisGuard guard = guard(UnavailablePolicy.FALL_BACK_TO_MEMORY);
        guard.call(this::redis, () -> false);
        guard.call(this::redis, () -> false);
        clock.advance(Duration.ofMillis(999));
        guard.call(this::redis, () -> false);
        assertThat(redisCalls).hasValue(1);

        redisUp = true;
        clock.advance(Duration.ofMillis(1));

        assertThat(guard.call(this::redis, () -> false)).isTrue();
        assertThat(redisCalls).hasValue(2);
    }

    @Test
    void logsTheFirstFailureAtOnceThenAtMostOncePerIntervalWithoutCredentials() {
        RedisGuard guard = new RedisGuard("deduplication", UnavailablePolicy.FAIL_CLOSED, Duration.ZERO, clock, log);
        for (int i = 0; i < 5; i++) {
            tryQuietly(guard);
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .startsWith("RedisDeduplicator[svc:]: Redis unavailable (JedisConnectionException: Failed to connect to redis://***@10.0.0.5:6379"
                        + " (caused by ConnectException: Connection refused)); failing closed: deduplication answers 503")
                .doesNotContain("hunter2");

        clock.advance(Duration.ofSeconds(10)); // 35 s after the first report
        tryQuietly(guard);

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).endsWith("[4 more failed calls since the last report]");
    }

    @Test
    void logsRecoveryOnceWithTheNumberOfFailedCalls() {
        RedisGuard guard = new RedisGuard("deduplication", UnavailablePolicy.FAIL_CLOSED, Duration.ZERO, clock, log);
        tryQuietly(guard);
        tryQuietly(guard);
        redisUp = true;

        guard.call(this::redis, () -> false);
        guard.call(this::redis, () -> false);

        assertThat(infos).containsExactly("RedisDeduplicator[svc:]: Redis reachable again after 2 failed calls");
        assertThat(log.isDown()).isFalse();
    }

    @Test
    void bestEffortSwallowsFailuresEvenWhenFailingClosed() {
        RedisGuard guard = guard(UnavailablePolicy.FAIL_CLOSED);

        guard.bestEffort(this::redis, "could not forget a key");

        assertThat(warnings).singleElement().asString().endsWith("could not forget a key");
    }

    private void tryQuietly(RedisGuard guard) {
        try {
            guard.call(this::redis, () -> false);
        } catch (DependencyUnavailableException expected) {
            // the policy's answer
        }
    }
}
