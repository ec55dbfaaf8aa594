package dev.webhookkit.redis.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.redis.UnavailablePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Runs calls to Redis and applies the {@link UnavailablePolicy} when one fails. After a failure
 * Redis is left alone for a pause, so a dead server costs each request nothing instead of a
 * connect timeout. Whatever the client throws is turned into the policy's answer: only
 * {@link DependencyUnavailableException} ever leaves. Thread-safe.
 */
public final class RedisGuard {
    private final String purpose;
    private final UnavailablePolicy policy;
    private final long pauseMillis;
    private final Clock clock;
    private final OutageLog log;
    private volatile long pausedUntil = Long.MIN_VALUE;

    /**
     * @param purpose what Redis is used for, in exception messages ("deduplication")
     */
    public RedisGuard(String purpose, UnavailablePolicy policy, Duration pauseAfterFailure, Clock clock, OutageLog log) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.pauseMillis = pauseAfterFailure.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The result of {@code redisCall}, or when Redis is unavailable: {@code fallback}'s result
     * (FALL_BACK_TO_MEMORY) or a {@link DependencyUnavailableException} (FAIL_CLOSED).
     */
    public <T> T call(Supplier<T> redisCall, Supplier<T> fallback) {
        if (pauseMillis > 0 && clock.millis() < pausedUntil) {
            log.skipped();
            return unavailable(fallback, null);
        }
        T result;
        try {
            result = redisCall.get();
        } catch (RuntimeException e) {
            pausedUntil = clock.millis() + pauseMillis;
            log.failed(e, policy == UnavailablePolicy.FAIL_CLOSED
                    ? "failing closed: " + purpose + " answers 503 DEPENDENCY_UNAVAILABLE"
                    : "falling back to this instance's in-memory " + purpose);
            return unavailable(fallback, e);
        }
        log.succeeded();
        return result;
    }

    /**
     * Runs {@code redisCall} even during a pause (it matters more than it costs: undoing a mark); a
     * failure is logged with {@code consequence} and otherwise ignored, whatever the policy.
     *
     * @return whether the call succeeded
     */
    public boolean bestEffort(Runnable redisCall, String consequence) {
        try {
            redisCall.run();
        } catch (RuntimeException e) {
            pausedUntil = clock.millis() + pauseMillis;
            log.failed(e, consequence);
            return false;
        }
        log.succeeded();
        return true;
    }

    /**
     * The guard of one Redis-backed component, logging its outages to {@code logger}.
     *
     * @param component names the component in log lines ({@code RedisDeduplicator[prefix]})
     */
    public static RedisGuard create(String component, String purpose, UnavailablePolicy policy, Duration pauseAfterFailure,
                                    Duration logInterval, Clock clock, Logger logger) {
        OutageLog outages = new OutageLog(component, clock, logInterval, logger::warn, logger::info);
        return new RedisGuard(purpose, policy, pauseAfterFailure, clock, outages);
    }

    /** Checks the settings every Redis-backed component has. @throws ConfigurationException naming the one that is invalid */
    public static void checkSettings(String keyPrefix, Duration pauseAfterFailure, Duration logInterval) {
        if (keyPrefix.isEmpty()) {
            throw new ConfigurationException("keyPrefix must not be empty but was ''");
        }
        if (pauseAfterFailure.isNegative()) {
            throw new ConfigurationException("pauseAfterFailure must be >= 0 but was " + pauseAfterFailure);
        }
        if (logInterval.isNegative()) {
            throw new ConfigurationException("logInterval must be >= 0 but was " + logInterval);
        }
    }

    private <T> T unavailable(Supplier<T> fallback, RuntimeException cause) {
        if (policy == UnavailablePolicy.FALL_BACK_TO_MEMORY) {
            return fallback.get();
        }
        throw new DependencyUnavailableException("Redis unavailable for " + purpose
                + (cause == null ? " (paused after a recent failure)" : ""), cause);
    }
}
