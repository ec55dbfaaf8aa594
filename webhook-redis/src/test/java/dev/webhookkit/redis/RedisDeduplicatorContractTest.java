package dev.webhookkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.DeliveryClaim;
import dev.webhookkit.testing.DeduplicatorContractTest;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The deduplicator contract against the local Redis. Redis keeps the window by its own clock, so
 * {@link #advance} makes time pass the way Redis sees it: it shortens every key's remaining TTL.
 */
@Tag("services")
class RedisDeduplicatorContractTest extends DeduplicatorContractTest {
    private static RedisClient redis;
    private String prefix;

    @BeforeAll
    static void connect() {
        redis = RedisTestServer.client();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    protected Deduplicator create() {
        prefix = RedisTestServer.uniquePrefix("dedup-contract");
        return RedisDeduplicator.builder(redis).keyPrefix(prefix).build();
    }

    @Override
    protected void advance(Duration d) {
        for (String key : keys()) {
            long ttl = redis.pttl(key);
            if (ttl <= d.toMillis()) {
                redis.del(key);
            } else {
                redis.pexpire(key, ttl - d.toMillis());
            }
        }
    }

    @AfterEach
    void deleteKeys() {
        keys().forEach(redis::del);
    }

    private Set<String> keys() {
        return redis.keys(prefix + "*");
    }

    @Test
    void keyIsStoredUnderPrefixAndExpiresWithTheWindow() {
        RedisDeduplicator dedup = RedisDeduplicator.builder(redis).keyPrefix(prefix).build();

        firstSeen(dedup, "orders:webhook-id:msg_9", Duration.ofMinutes(10));

        assertThat(redis.exists(prefix + "orders:webhook-id:msg_9")).isTrue();
        assertThat(redis.pttl(prefix + "orders:webhook-id:msg_9")).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
    }

    @Test
    void aKeyWrittenByAnEarlierVersionCountsAsDone() {
        redis.set(prefix + "k", "1");
        assertThat(dedup.claim("k", WINDOW).status()).isEqualTo(DeliveryClaim.Status.DUPLICATE);
    }

    @Test
    void anUnsettledClaimHoldsTheKeyOnlyForItsLease() {
        RedisDeduplicator dedup = RedisDeduplicator.builder(redis).keyPrefix(prefix).processingLease(Duration.ofSeconds(30)).build();
        dedup.claim("k", WINDOW);
        assertThat(redis.pttl(prefix + "k")).isBetween(29_000L, 30_000L);
        assertThat(redis.get(prefix + "k")).startsWith("p:");
    }

    @Test
    void instancesWithTheSamePrefixShareKeysAndOthersDoNot() {
        try (RedisClient other = RedisTestServer.client()) {
            Deduplicator first = RedisDeduplicator.builder(redis).keyPrefix(prefix).build();
            Deduplicator second = RedisDeduplicator.builder(other).keyPrefix(prefix).build();
            Deduplicator elsewhere = RedisDeduplicator.builder(other).keyPrefix(prefix + "elsewhere:").build();

            DeliveryClaim claim = first.claim("k", WINDOW);
            assertThat(claim.isNew()).isTrue();
            assertThat(second.claim("k", WINDOW).status()).isEqualTo(DeliveryClaim.Status.IN_PROGRESS);
            assertThat(firstSeen(elsewhere, "k", WINDOW)).isTrue();

            claim.release();
            assertThat(firstSeen(second, "k", WINDOW)).isTrue();
            assertThat(first.claim("k", WINDOW).status()).isEqualTo(DeliveryClaim.Status.DUPLICATE);
        }
    }
}
