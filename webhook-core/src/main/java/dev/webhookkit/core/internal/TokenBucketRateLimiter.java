package dev.webhookkit.core.internal;

import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.RateLimitDecision;
import dev.webhookkit.core.spi.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One token bucket per key, refilled continuously from the clock. Per-source buckets live apart
 * and are bounded ({@link #MAX_SOURCES}): a flood from ever new addresses evicts other sources'
 * buckets — one at a time, a refilled one if it is among the few looked at — never an endpoint's.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
    /** Most per-source buckets kept at once. */
    public static final int MAX_SOURCES = 10_000;
    private static final int EVICTION_SCAN = 32;

    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Bucket> sources = new ConcurrentHashMap<>();

    public TokenBucketRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public RateLimitDecision tryAcquire(String key, RateLimit limit) {
        long nowNanos = nanos();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.permits(), nowNanos));
        return bucket.take(limit, nowNanos);
    }

    @Override
    public RateLimitDecision tryAcquireForSource(String endpoint, String source, RateLimit limit) {
        long nowNanos = nanos();
        String key = endpoint + " " + source;
        Bucket bucket = sources.get(key);
        if (bucket == null) {
            if (sources.size() >= MAX_SOURCES) {
                evictSources(limit, nowNanos);
            }
            bucket = sources.computeIfAbsent(key, k -> new Bucket(limit.permits(), nowNanos));
        }
        return bucket.take(limit, nowNanos);
    }

    /** Number of per-source buckets held. */
    public int sourceCount() {
        return sources.size();
    }

    /** Drops a few buckets, preferring ones that have refilled (their source went quiet). */
    private void evictSources(RateLimit limit, long nowNanos) {
        String fallback = null;
        int scanned = 0;
        for (var it = sources.entrySet().iterator(); it.hasNext() && scanned < EVICTION_SCAN; scanned++) {
            var e = it.next();
            if (e.getValue().isFull(limit, nowNanos)) {
                it.remove();
                return;
            }
            fallback = fallback == null ? e.getKey() : fallback;
        }
        if (fallback != null) {
            sources.remove(fallback);
        }
    }

    private long nanos() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastNanos = nowNanos;
        }

        synchronized boolean isFull(RateLimit limit, long nowNanos) {
            return tokens + Math.max(0, nowNanos - lastNanos) / limit.nanosPerPermit() >= limit.permits();
        }

        synchronized RateLimitDecision take(RateLimit limit, long nowNanos) {
            double perPermit = limit.nanosPerPermit();
            if (nowNanos > lastNanos) {
                tokens = Math.min(limit.permits(), tokens + (nowNanos - lastNanos) / perPermit);
                lastNanos = nowNanos;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return RateLimitDecision.allow();
            }
            long waitNanos = (long) Math.ceil((1 - tokens) * perPermit);
            return RateLimitDecision.deny(Duration.ofNanos(waitNanos));
        }
    }
}
