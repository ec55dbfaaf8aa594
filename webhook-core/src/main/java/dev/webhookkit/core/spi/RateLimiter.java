package dev.webhookkit.core.spi;

import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.RateLimitDecision;
import dev.webhookkit.core.internal.TokenBucketRateLimiter;
import java.time.Clock;

/**
 * Takes a permit for a key (the endpoint name) under a limit. Thread-safe; implementations pass
 * {@code RateLimiterContractTest} (webhook-testing). A shared store that cannot be reached throws
 * {@link dev.webhookkit.core.DependencyUnavailableException}.
 */
@FunctionalInterface
public interface RateLimiter {

    RateLimitDecision tryAcquire(String key, RateLimit limit);

    /**
     * Takes a permit from one source's own bucket for an endpoint, before the request is
     * authenticated: a source that sends forged requests uses up only its own bucket, never the
     * endpoint's budget (which is taken after verification). The default keys it
     * {@code source:<endpoint>:<source>}; implementations bound how many sources they keep.
     */
    default RateLimitDecision tryAcquireForSource(String endpoint, String source, RateLimit limit) {
        return tryAcquire("source:" + endpoint + ":" + source, limit);
    }

    /** In-memory token buckets, one per key, on the system clock. */
    static RateLimiter inMemory() {
        return new TokenBucketRateLimiter(Clock.systemUTC());
    }

    /** In-memory token buckets on the given clock (tests use a controllable one). */
    static RateLimiter inMemory(Clock clock) {
        return new TokenBucketRateLimiter(clock);
    }

    /** Allows everything. */
    static RateLimiter unlimited() {
        return (key, limit) -> RateLimitDecision.allow();
    }
}
