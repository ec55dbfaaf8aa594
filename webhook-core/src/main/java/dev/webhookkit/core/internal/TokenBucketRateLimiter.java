package dev.webhookkit.core.internal;

import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.RateLimitDecision;
import dev.webhookkit.core.spi.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One token bucket per key, refilled continuously from the clock. */
public final class TokenBucketRateLimiter implements RateLimiter {
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBucketRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public RateLimitDecision tryAcquire(String key, RateLimit limit) {
        long nowNanos = nanos();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.permits(), nowNanos));
        return bucket.take(limit, nowNanos);
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
