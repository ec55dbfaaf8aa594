package dev.webhookkit.redis;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.DeliveryClaim;
import dev.webhookkit.redis.internal.RedisGuard;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link Deduplicator} shared by every instance that points at the same Redis and key prefix.
 * A claim is one atomic script: it sets {@code prefix+key} to {@code p:<random token>} with the
 * processing lease as expiry when the key is absent, so of any number of concurrent claims for a
 * new key — on any instance — exactly one is NEW. Committing replaces the token with {@code d}
 * for the dedup window; releasing deletes the key; both only while the key still holds the
 * claim's own token, so a claim whose lease ran out cannot touch the one that took over.
 *
 * <pre>{@code
 * RedisClient redis = RedisClient.create("127.0.0.1", 6379);     // the host's client, shared
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .deduplicator(RedisDeduplicator.builder(redis).keyPrefix("orders-svc:dedup:").build())
 *     ...
 * }</pre>
 *
 * <p>Nothing is lost or run twice when Redis or the receiver fails halfway: a claim whose answer
 * never arrived (a timeout after the script ran) is remembered and released before the next claim
 * reaches Redis, so the sender's retry is processed; a receiver that dies mid-handler leaves a
 * key that ends with its lease ({@link #DEFAULT_PROCESSING_LEASE}), not with the 24-hour window.
 * Keys written by earlier versions ({@code 1}) count as done.
 *
 * <p>Windows and leases are kept by Redis's own clock (key expiry). While Redis cannot be reached
 * the {@link UnavailablePolicy} applies (default {@link UnavailablePolicy#FAIL_CLOSED}: 503, the
 * sender retries); the outage is logged at most every {@link #DEFAULT_LOG_INTERVAL}, and Redis is
 * left alone for {@link #DEFAULT_PAUSE_AFTER_FAILURE} after each failure.
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
    /** Claims whose answer was lost, kept to release later; beyond this the lease ends them. */
    static final int MAX_PENDING_RELEASES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RedisDeduplicator.class);
    private static final String PROCESSING = "p:";
    /** 1 = claimed; 0 = done; 2 = processing elsewhere, with the lease's remaining milliseconds. */
    private static final String CLAIM = "local v = redis.call('GET', KEYS[1])\n"
            + "if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return {1, 0} end\n"
            + "if string.sub(v, 1, 2) == 'p:' then return {2, redis.call('PTTL', KEYS[1])} end\n"
            + "return {0, 0}";
    /** Marks done while the key holds this claim's token, or when its lease already ended. */
    private static final String COMMIT = "local v = redis.call('GET', KEYS[1])\n"
            + "if (not v) or v == ARGV[1] then redis.call('SET', KEYS[1], 'd', 'PX', ARGV[2]) return 1 end\n"
            + "return 0";
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end\n"
            + "return 0";

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final UnavailablePolicy policy;
    private final long leaseMillis;
    private final Deduplicator fallback;
    private final RedisGuard guard;
    private final ConcurrentLinkedQueue<String[]> pendingReleases = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();

    private RedisDeduplicator(Builder b) {
        this.redis = b.redis;
        this.keyPrefix = b.keyPrefix;
        this.policy = b.policy;
        this.leaseMillis = b.processingLease.toMillis();
        this.fallback = b.fallback != null ? b.fallback
                : Deduplicator.inMemory(Deduplicator.DEFAULT_MAX_KEYS, b.clock, b.processingLease);
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
    public DeliveryClaim claim(String key, Duration window) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(window, "window");
        long windowMillis = window.toMillis();
        if (windowMillis <= 0) {
            return DeliveryClaim.unremembered(); // a window under a millisecond remembers nothing, as in memory
        }
        String redisKey = keyPrefix + key;
        String token = PROCESSING + UUID.randomUUID();
        return guard.call(() -> {
            releasePending();
            List<?> reply;
            try {
                reply = (List<?>) redis.eval(CLAIM, List.of(redisKey), List.of(token, Long.toString(leaseMillis)));
            } catch (RuntimeException e) {
                if (mayHaveRun(e)) {
                    rememberToRelease(redisKey, token); // the script may have run although its answer was lost
                }
                throw e;
            }
            return claimFrom(reply, redisKey, token, windowMillis);
        }, () -> fallback.claim(key, window));
    }

    /** A timeout may come after Redis ran the command; a refused or failed connection never does. */
    private static boolean mayHaveRun(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private DeliveryClaim claimFrom(List<?> reply, String redisKey, String token, long windowMillis) {
        long status = (Long) reply.get(0);
        if (status == 1) {
            return DeliveryClaim.fresh(
                    () -> guard.bestEffort(() -> redis.eval(COMMIT, List.of(redisKey), List.of(token, Long.toString(windowMillis))),
                            "could not mark a delivery done: a redelivery after its processing lease is processed again"),
                    () -> release(redisKey, token));
        }
        if (status == 2) {
            return DeliveryClaim.inProgress(Duration.ofMillis(Math.max(0, (Long) reply.get(1))));
        }
        return DeliveryClaim.duplicate();
    }

    private void release(String redisKey, String token) {
        if (!guard.bestEffort(() -> redis.eval(RELEASE, List.of(redisKey), List.of(token)),
                "could not release a delivery key: it is released before the next claim, or when its processing lease ends")) {
            rememberToRelease(redisKey, token);
        }
    }

    private void rememberToRelease(String redisKey, String token) {
        if (pendingCount.incrementAndGet() <= MAX_PENDING_RELEASES) {
            pendingReleases.add(new String[] {redisKey, token});
        } else {
            pendingCount.decrementAndGet();
        }
    }

    /** Releases the claims whose answers were lost; stops at the first failure (the caller's call fails too). */
    private void releasePending() {
        for (String[] pending; (pending = pendingReleases.peek()) != null; ) {
            redis.eval(RELEASE, List.of(pending[0]), List.of(pending[1]));
            if (pendingReleases.remove(pending)) {
                pendingCount.decrementAndGet();
            }
        }
    }

    /** Claims whose release is still owed to Redis (for tests and monitoring). */
    int pendingReleases() {
        return pendingCount.get();
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
        private Duration processingLease = Deduplicator.DEFAULT_PROCESSING_LEASE;
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

        /**
         * How long a claimed key stays IN_PROGRESS when its claim is never settled (the receiver
         * died mid-handler); default {@link Deduplicator#DEFAULT_PROCESSING_LEASE}. Longer than
         * any handler runs: a retry after it is processed again.
         */
        public Builder processingLease(Duration processingLease) {
            this.processingLease = Objects.requireNonNull(processingLease, "processingLease");
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
            if (processingLease.toMillis() <= 0) {
                throw new ConfigurationException("processingLease must be at least 1 ms but was " + processingLease);
            }
            return new RedisDeduplicator(this);
        }
    }
}
