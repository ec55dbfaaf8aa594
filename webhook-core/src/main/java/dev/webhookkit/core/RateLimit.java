package dev.webhookkit.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A token-bucket limit: at most {@code permits} requests per {@code period}, refilled smoothly,
 * with bursts up to {@code permits}.
 *
 * @param permits requests allowed per period, &gt; 0
 * @param period the refill period, &gt; 0
 */
public record RateLimit(int permits, Duration period) {
    public RateLimit {
        Objects.requireNonNull(period, "period");
        if (permits <= 0) {
            throw new ConfigurationException("rate limit permits must be > 0 but was " + permits);
        }
        if (period.isZero() || period.isNegative()) {
            throw new ConfigurationException("rate limit period must be > 0 but was " + period);
        }
    }

    public static RateLimit perSecond(int permits) {
        return new RateLimit(permits, Duration.ofSeconds(1));
    }

    public static RateLimit perMinute(int permits) {
        return new RateLimit(permits, Duration.ofMinutes(1));
    }

    /** Nanoseconds it takes to earn one permit back. */
    public double nanosPerPermit() {
        return (double) period.toNanos() / permits;
    }
}
