package dev.webhookkit.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a request may pass a rate limit, and if not, how long until it may.
 *
 * @param allowed true when a permit was taken
 * @param retryAfter zero when allowed; otherwise the wait until a permit is available
 */
public record RateLimitDecision(boolean allowed, Duration retryAfter) {
    private static final RateLimitDecision ALLOWED = new RateLimitDecision(true, Duration.ZERO);

    public RateLimitDecision {
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static RateLimitDecision allow() {
        return ALLOWED;
    }

    public static RateLimitDecision deny(Duration retryAfter) {
        return new RateLimitDecision(false, retryAfter);
    }
}
