package dev.webhookkit.redis;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.RateLimitDecision;
import dev.webhookkit.core.spi.RateLimiter;
import dev.webhookkit.redis.internal.RedisGuard;
import dev.webhookkit.redis.internal.TokenBucketScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link RateLimiter} whose limit holds across every instance that points at the same Redis and
 * key prefix: one token bucket per key (the endpoint name), refilled smoothly with bursts up to
 * the limit's permits — the rule of {@link RateLimiter#inMemory()} — updated atomically by a Lua
 * script. A denied request gets the time until the next permit, which the receiver sends as
 * {@code Retry-After}.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .rateLimiter(RedisRateLimiter.builder(redis).build())
 *     .endpoint(Endpoint.builder("orders").rateLimit(RateLimit.perSecond(50)) ... .build())
 *     ...
 * }</pre>
 *
 * <p>Time comes from the Redis server's clock, so instances whose clocks disagree still share one
 * bucket; {@link Builder#clock(Clock)} makes it the host's clock instead. While Redis cannot be
 * reached the {@link UnavailablePolicy} applies (default fail closed: 503, the sender retries;
 * the fallback limits each instance on its own). Thread-safe; never closes the host's client.
 */
public final class RedisRateLimiter implements RateLimiter {
    /** Default key prefix. */
    public static final String DEFAULT_KEY_PREFIX = "webhookkit:ratelimit:";

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final UnavailablePolicy policy;
    private final Clock clock;
    private final RateLimiter fallback;
    private final RedisGuard guard;

    private RedisRateLimiter(Builder b) {
        this.redis = b.redis;
        this.keyPrefix = b.keyPrefix;
        this.policy = b.policy;
        this.clock = b.clock;
        Clock local = b.clock != null ? b.clock : Clock.systemUTC();
        this.fallback = b.fallback != null ? b.fallback : RateLimiter.inMemory(local);
        this.guard = RedisGuard.create("RedisRateLimiter[" + keyPrefix + "]", "rate limiting", policy, b.pauseAfterFailure,
                b.logInterval, local, LOG);
    }

    /** Starts a configuration around the host's client (a {@code RedisClient}, a cluster client …). */
    public static Builder builder(UnifiedJedis redis) {
        return new Builder(redis);
    }

    /**
     * @throws dev.webhookkit.core.DependencyUnavailableException when Redis cannot be reached and
     *     the policy is {@link UnavailablePolicy#FAIL_CLOSED}
     */
    @Override
    public RateLimitDecision tryAcquire(String key, RateLimit limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        String redisKey = keyPrefix + key;
        long periodMicros = Math.max(1, TimeUnit.MICROSECONDS.convert(limit.period()));
        return guard.call(() -> TokenBucketScript.take(redis, redisKey, limit.permits(), periodMicros, nowMicros()),
                () -> fallback.tryAcquire(key, limit));
    }

    private long nowMicros() {
        if (clock == null) {
            return TokenBucketScript.SERVER_TIME;
        }
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
    }

    @Override
    public String toString() {
        return "RedisRateLimiter[prefix=" + keyPrefix + ", whenUnavailable=" + policy
                + (clock == null ? ", server clock" : ", host clock") + "]";
    }

    /** Configures a {@link RedisRateLimiter}; not thread-safe. */
    public static final class Builder {
        private final UnifiedJedis redis;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private UnavailablePolicy policy = UnavailablePolicy.FAIL_CLOSED;
        private RateLimiter fallback;
        private Duration pauseAfterFailure = RedisDeduplicator.DEFAULT_PAUSE_AFTER_FAILURE;
        private Duration logInterval = RedisDeduplicator.DEFAULT_LOG_INTERVAL;
        private Clock clock;

        private Builder(UnifiedJedis redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
        }

        /** Prepended to every key (default {@value RedisRateLimiter#DEFAULT_KEY_PREFIX}); instances that share it share the buckets. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /** What to do while Redis cannot be reached (default {@link UnavailablePolicy#FAIL_CLOSED}). */
        public Builder whenUnavailable(UnavailablePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The limiter used under {@link UnavailablePolicy#FALL_BACK_TO_MEMORY} (default:
         * {@link RateLimiter#inMemory(Clock)}).
         */
        public Builder fallback(RateLimiter fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /** How long Redis is left alone after a failed call (default 1 s; zero tries every call). */
        public Builder pauseAfterFailure(Duration pauseAfterFailure) {
            this.pauseAfterFailure = Objects.requireNonNull(pauseAfterFailure, "pauseAfterFailure");
            return this;
        }

        /** Minimum time between two log lines about one outage (default 30 s). */
        public Builder logInterval(Duration logInterval) {
            this.logInterval = Objects.requireNonNull(logInterval, "logInterval");
            return this;
        }

        /**
         * Refill buckets by this clock rather than the Redis server's (default: the server's). Every
         * instance sharing the buckets should then have closely synchronized clocks.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws ConfigurationException naming the setting when one is invalid */
        public RedisRateLimiter build() {
            RedisGuard.checkSettings(keyPrefix, pauseAfterFailure, logInterval);
            return new RedisRateLimiter(this);
        }
    }
}
