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
    /** The longest period: beyond it the refill arithmetic stops being meaningful (and a typo such as 1e11 seconds is caught). */
    public static final Duration MAX_PERIOD = Duration.ofDays(365);

    public RateLimit {
        Objects.requireNonNull(period, "period");
        if (permits <= 0) {
            throw new ConfigurationException("rate limit permits must be > 0 but was " + permits);
        }
        if (period.isZero() || period.isNegative()) {
            throw new ConfigurationException("rate limit period must be > 0 but was " + period);
        }
        if (period.compareTo(MAX_PERIOD) > 0) {
            throw new ConfigurationException("rate limit period must be at most " + MAX_PERIOD + " but was " + period);
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
        // In double from seconds and nanos: Duration.toNanos() throws past ~292 years.
        return (period.getSeconds() * 1e9 + period.getNano()) / permits;
    }
}
