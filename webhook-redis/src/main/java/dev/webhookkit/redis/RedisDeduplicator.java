package dev.webhookkit.redis;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.redis.internal.RedisGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link Deduplicator} shared by every instance that points at the same Redis and key prefix:
 * a delivery key is recorded with one atomic {@code SET prefix+key 1 NX PX window}, so of any
 * number of concurrent calls for a new key — on any instance — exactly one gets {@code true}.
 * {@link #forget} deletes the key.
 *
 * <pre>{@code
 * RedisClient redis = RedisClient.create("127.0.0.1", 6379);     // the host's client, shared
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .deduplicator(RedisDeduplicator.builder(redis).keyPrefix("orders-svc:dedup:").build())
 *     ...
 * }</pre>
 *
 * <p>The window is kept by Redis's own clock (key expiry). While Redis cannot be reached the
 * {@link UnavailablePolicy} applies (default {@link UnavailablePolicy#FAIL_CLOSED}: 503, the
 * sender retries); the outage is logged at most every {@link #DEFAULT_LOG_INTERVAL}, and Redis is
 * left alone for {@link #DEFAULT_PAUSE_AFTER_FAILURE} after each failure. If forgetting a key
 * fails, the key stays until its window ends and the sender's retries are answered as duplicates:
 * that is logged too.
 *
 * <p>Thread-safe. The client is the host's: this class never closes it.
 */
public final class RedisDeduplicator implements Deduplicator {
    /** Default key prefix. */
    public static final String DEFAULT_KEY_PREFIX = "webhookkit:dedup:";
    /** Default time Redis is left alone after a failed call. */
    public static final Duration DEFAULT_PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
    /** Default minimum time between two log lines about one outage. */
    public static final Duration DEFAULT_LOG_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(RedisDeduplicator.class);

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final UnavailablePolicy policy;
    private final Deduplicator fallback;
    private final RedisGuard guard;

    private RedisDeduplicator(Builder b) {
        this.redis = b.redis;
        this.keyPrefix = b.keyPrefix;
        this.policy = b.policy;
        this.fallback = b.fallback != null ? b.fallback : Deduplicator.inMemory(Deduplicator.DEFAULT_MAX_KEYS, b.clock);
        this.guard = RedisGuard.create("RedisDeduplicator[" + keyPrefix + "]", "deduplication", policy, b.pauseAfterFailure,
                b.logInterval, b.clock, LOG);
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
    public boolean markFirstSeen(String key, Duration window) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(window, "window");
        long millis = window.toMillis();
        if (millis <= 0) {
            return true; // a window under a millisecond remembers nothing, as in memory
        }
        String redisKey = keyPrefix + key;
        return guard.call(() -> "OK".equals(redis.set(redisKey, "1", SetParams.setParams().nx().px(millis))),
                () -> fallback.markFirstSeen(key, window));
    }

    /** Deletes the key (and forgets it in the fallback); never throws. */
    @Override
    public void forget(String key) {
        Objects.requireNonNull(key, "key");
        if (policy == UnavailablePolicy.FALL_BACK_TO_MEMORY) {
            fallback.forget(key);
        }
        String redisKey = keyPrefix + key;
        guard.bestEffort(() -> redis.del(redisKey),
                "could not forget a delivery key: the sender's retries count as duplicates until its window ends");
    }

    @Override
    public String toString() {
        return "RedisDeduplicator[prefix=" + keyPrefix + ", whenUnavailable=" + policy + "]";
    }

    /** Configures a {@link RedisDeduplicator}; not thread-safe. */
    public static final class Builder {
        private final UnifiedJedis redis;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private UnavailablePolicy policy = UnavailablePolicy.FAIL_CLOSED;
        private Deduplicator fallback;
        private Duration pauseAfterFailure = DEFAULT_PAUSE_AFTER_FAILURE;
        private Duration logInterval = DEFAULT_LOG_INTERVAL;
        private Clock clock = Clock.systemUTC();

        private Builder(UnifiedJedis redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
        }

        /** Prepended to every key (default {@value RedisDeduplicator#DEFAULT_KEY_PREFIX}); instances that share it share the keys. */
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
         * The deduplicator used under {@link UnavailablePolicy#FALL_BACK_TO_MEMORY} (default:
         * {@link Deduplicator#inMemory(int, Clock)} on this builder's clock).
         */
        public Builder fallback(Deduplicator fallback) {
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

        /** Clock for the pause, the log interval and the default fallback (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws ConfigurationException naming the setting when one is invalid */
        public RedisDeduplicator build() {
            RedisGuard.checkSettings(keyPrefix, pauseAfterFailure, logInterval);
            return new RedisDeduplicator(this);
        }
    }
}
