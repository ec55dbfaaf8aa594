package dev.webhookkit.redis;

import dev.webhookkit.core.spi.RateLimiter;
import dev.webhookkit.testing.RateLimiterContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import redis.clients.jedis.RedisClient;

/** webhook-testing's rate limiter contract against the local Redis, on the kit's clock (RedisRateLimiterTest has the rest). */
@Tag("services")
class RedisRateLimiterContractTest extends RateLimiterContractTest {
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
    protected RateLimiter create() {
        prefix = RedisTestServer.uniquePrefix("ratelimit-contract");
        return RedisRateLimiter.builder(redis).keyPrefix(prefix).clock(clock).build();
    }

    @AfterEach
    void deleteKeys() {
        redis.keys(prefix + "*").forEach(redis::del);
    }
}
