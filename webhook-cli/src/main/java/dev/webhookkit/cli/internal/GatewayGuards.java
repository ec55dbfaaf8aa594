package dev.webhookkit.cli.internal;

import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.RateLimiter;
import dev.webhookkit.redis.RedisDeduplicator;
import dev.webhookkit.redis.RedisRateLimiter;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.RedisClient;

/**
 * Delivery dedup and rate limits for {@code serve}: per process in memory, or shared by every
 * instance through one Redis. {@link #close()} closes the Redis client.
 *
 * @param deduplicator the receiver's deduplicator
 * @param rateLimiter the receiver's rate limiter
 * @param redis the Redis client, when there is one
 */
record GatewayGuards(Deduplicator deduplicator, RateLimiter rateLimiter, Optional<RedisClient> redis) implements AutoCloseable {

    GatewayGuards {
        Objects.requireNonNull(deduplicator, "deduplicator");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(redis, "redis");
    }

    static GatewayGuards inMemory(Clock clock) {
        return new GatewayGuards(Deduplicator.inMemory(1_000_000, clock), RateLimiter.inMemory(clock), Optional.empty());
    }

    /**
     * Connects and checks that Redis answers.
     *
     * @throws DependencyUnavailableException when it does not
     */
    static GatewayGuards redis(URI url) {
        RedisClient client;
        try {
            client = RedisClient.create(url);
        } catch (RuntimeException e) {
            throw new DependencyUnavailableException("cannot use Redis at " + safe(url) + ": " + e.getClass().getSimpleName(), e);
        }
        try {
            client.ping();
        } catch (RuntimeException e) {
            client.close();
            // Jedis' messages name the host and port, never the password.
            throw new DependencyUnavailableException("cannot reach Redis at " + safe(url) + ": " + e.getMessage(), e);
        }
        return new GatewayGuards(RedisDeduplicator.builder(client).build(), RedisRateLimiter.builder(client).build(), Optional.of(client));
    }

    /** The URL without its user info, which holds the password. */
    static String safe(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "") + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    @Override
    public void close() {
        redis.ifPresent(RedisClient::close);
    }
}
