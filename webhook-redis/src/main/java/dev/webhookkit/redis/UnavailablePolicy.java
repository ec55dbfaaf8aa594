package dev.webhookkit.redis;

/**
 * What a Redis-backed component does while Redis cannot be reached (connection refused, timeout,
 * pool exhausted, any error from the client). Either way one rate-limited log line reports the
 * outage; nothing but {@link dev.webhookkit.core.DependencyUnavailableException} leaves the
 * component.
 */
public enum UnavailablePolicy {
    /**
     * Throw {@link dev.webhookkit.core.DependencyUnavailableException}: the receiver answers 503
     * DEPENDENCY_UNAVAILABLE and the sender retries later. Nothing is processed twice. The default.
     */
    FAIL_CLOSED,
    /**
     * Carry on with this instance's in-memory fallback. Requests keep flowing, but during the outage
     * each instance deduplicates and rate-limits on its own: a delivery retried to another instance
     * may be processed twice, and the limit holds per instance rather than in total.
     */
    FALL_BACK_TO_MEMORY
}
