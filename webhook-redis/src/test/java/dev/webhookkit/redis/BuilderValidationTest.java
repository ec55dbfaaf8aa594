package dev.webhookkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.testing.DeduplicatorContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Settings are checked when built; needs no Redis (the client connects lazily). */
class BuilderValidationTest {
    private final RedisClient redis = RedisTestServer.client(RedisTestServer.closedPort());

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void rejectsEmptyKeyPrefix() {
        assertThatThrownBy(() -> RedisDeduplicator.builder(redis).keyPrefix("").build())
                .isInstanceOf(ConfigurationException.class).hasMessage("keyPrefix must not be empty but was ''");
        assertThatThrownBy(() -> RedisRateLimiter.builder(redis).keyPrefix("").build())
                .isInstanceOf(ConfigurationException.class).hasMessage("keyPrefix must not be empty but was ''");
    }

    @Test
    void rejectsNegativePause() {
        assertThatThrownBy(() -> RedisDeduplicator.builder(redis).pauseAfterFailure(Duration.ofSeconds(-1)).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("pauseAfterFailure must be >= 0 but was PT-1S");
    }

    @Test
    void rejectsNegativeLogInterval() {
        assertThatThrownBy(() -> RedisRateLimiter.builder(redis).logInterval(Duration.ofSeconds(-2)).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("logInterval must be >= 0 but was PT-2S");
    }

    @Test
    void toStringNamesPrefixAndPolicyButNotTheClient() {
        String text = RedisDeduplicator.builder(redis).keyPrefix("svc:").whenUnavailable(UnavailablePolicy.FALL_BACK_TO_MEMORY).build().toString();

        assertThat(text).isEqualTo("RedisDeduplicator[prefix=svc:, whenUnavailable=FALL_BACK_TO_MEMORY]");
    }

    @Test
    void windowUnderAMillisecondRemembersNothingWithoutAskingRedis() {
        RedisDeduplicator dedup = RedisDeduplicator.builder(redis).build();

        assertThat(DeduplicatorContractTest.firstSeen(dedup, "k", Duration.ZERO)).isTrue();
        assertThat(DeduplicatorContractTest.firstSeen(dedup, "k", Duration.ZERO)).isTrue();
    }
}
