package dev.webhookkit.outbound;

import dev.webhookkit.core.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * When to try a message again, and when to give up.
 *
 * <p>Classification ({@link Classification}): 2xx is delivered; 410 Gone is final and disables the
 * subscription; 508 Loop Detected (a receiver that refused a forwarding loop) is final; a URL the
 * SSRF guard blocks, or a message that could not be sent at all, is final.
 * Under the default, {@link Classification#STANDARD_WEBHOOKS}, every other answer (redirects, which
 * are never followed, 4xx and 5xx), timeouts and connection errors are retried on the schedule.
 * {@link Classification#CLIENT_ERRORS_FINAL} also makes 4xx final, except 408, 425 and 429.
 *
 * <p>Schedule: {@code schedule().get(n)} is the delay before attempt {@code n + 1}, counted from the
 * end of the previous attempt; the default is Standard Webhooks' (immediately, 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h: eight attempts over about 28 hours). Each delay varies by ±{@link #jitter()}
 * so subscribers that failed together are not retried together. A {@code Retry-After} answer delays
 * the next attempt to at least that long, capped at {@link #maxRetryAfter()}. With more attempts
 * than delays, the last delay repeats.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {
    /** Delays before attempts 1 to 8. */
    public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    /** Each delay varies by up to ±20 %. */
    public static final double DEFAULT_JITTER = 0.2;
    /** A {@code Retry-After} longer than one hour is cut to one hour. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(1);

    private static final RetryPolicy DEFAULTS = builder().build();

    private final List<Duration> schedule;
    private final int maxAttempts;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;
    private final Classification classification;

    private RetryPolicy(Builder b) {
        this.schedule = List.copyOf(b.schedule);
        this.maxAttempts = b.maxAttempts == 0 ? schedule.size() : b.maxAttempts;
        this.jitter = b.jitter;
        this.maxRetryAfter = b.maxRetryAfter;
        this.random = b.random;
        this.classification = b.classification;
    }

    public static RetryPolicy ofDefaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.schedule = schedule;
        b.maxAttempts = maxAttempts == schedule.size() ? 0 : maxAttempts;
        b.jitter = jitter;
        b.maxRetryAfter = maxRetryAfter;
        b.random = random;
        b.classification = classification;
        return b;
    }

    /** Delays before each attempt, the first usually zero. */
    public List<Duration> schedule() {
        return schedule;
    }

    /** Attempts before a message is dead-lettered (a subscription may set its own). */
    public int maxAttempts() {
        return maxAttempts;
    }

    public double jitter() {
        return jitter;
    }

    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** The delay before the first attempt: {@code schedule().get(0)}, without jitter. */
    public Duration initialDelay() {
        return schedule.get(0);
    }

    /** Which failed answers are worth trying again. */
    public Classification classification() {
        return classification;
    }

    /** True when a failure with this outcome and status is worth trying again under this policy's classification. */
    public boolean isRetryable(AttemptOutcome outcome, int statusCode) {
        return classification.isRetryable(outcome, statusCode);
    }

    /**
     * Decides what follows an attempt.
     *
     * @param attempt the attempt just made; its {@code attemptNumber} counts it
     * @param maxAttempts the subscription's limit (its own or {@link #maxAttempts()})
     * @param retryAfter the answer's {@code Retry-After}, if any
     * @param now the end of the attempt
     */
    public Decision decide(DeliveryAttempt attempt, int maxAttempts, Optional<Duration> retryAfter, Instant now) {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(now, "now");
        if (attempt.outcome() == AttemptOutcome.SUCCESS) {
            return new Decision(Disposition.DELIVERED, Optional.empty());
        }
        if (attempt.statusCode() == 410) {
            return new Decision(Disposition.GONE, Optional.empty());
        }
        if (!classification.isRetryable(attempt.outcome(), attempt.statusCode()) || attempt.attemptNumber() >= maxAttempts) {
            return new Decision(Disposition.DEAD_LETTER, Optional.empty());
        }
        return new Decision(Disposition.RETRY, Optional.of(now.plus(delayBefore(attempt.attemptNumber() + 1, retryAfter))));
    }

    /** The delay before attempt {@code attemptNumber} (1-based), with jitter, and at least the capped {@code Retry-After}. */
    public Duration delayBefore(int attemptNumber, Optional<Duration> retryAfter) {
        if (attemptNumber < 1) {
            throw new IllegalArgumentException("attemptNumber must be >= 1 but was " + attemptNumber);
        }
        Duration base = schedule.get(Math.min(attemptNumber, schedule.size()) - 1);
        Duration delay = jittered(base);
        if (retryAfter.isPresent() && !retryAfter.get().isNegative()) {
            Duration asked = retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        return delay;
    }

    private Duration jittered(Duration base) {
        if (jitter == 0 || base.isZero()) {
            return base;
        }
        RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
        double factor = 1 + jitter * (2 * r.nextDouble() - 1);
        return Duration.ofNanos(Math.round(base.toNanos() * factor));
    }

    @Override
    public String toString() {
        return "RetryPolicy[schedule=" + schedule + ", maxAttempts=" + maxAttempts + ", jitter=" + jitter + ", maxRetryAfter=" + maxRetryAfter
                + ", classification=" + classification + "]";
    }

    /**
     * Which failures are retried. Either way 2xx is delivered, 410 Gone is final (and disables the
     * subscription), 508 Loop Detected is final, and an attempt the SSRF guard blocked or that could
     * not be sent is final.
     */
    public enum Classification {
        /**
         * Standard Webhooks' rule, the default: every other non-2xx answer is retried on the
         * schedule, 4xx included, since a receiver answering 401 or 404 is often mid-deploy or
         * misconfigured for a while; timeouts and connection errors are retried too.
         */
        STANDARD_WEBHOOKS,
        /**
         * 4xx is final, except 408 Request Timeout, 425 Too Early and 429 Too Many Requests; 3xx,
         * 5xx, timeouts and connection errors are retried. For senders that want a bad request to
         * fail fast ({@code webhook send} uses it).
         */
        CLIENT_ERRORS_FINAL;

        /** True when a failure with this outcome and status is worth trying again. */
        public boolean isRetryable(AttemptOutcome outcome, int statusCode) {
            Objects.requireNonNull(outcome, "outcome");
            if (statusCode == 410 || statusCode == 508) {
                // 508 Loop Detected: the request went round a forwarding loop; sending it again goes round again.
                return false;
            }
            return switch (outcome) {
                case SUCCESS, BLOCKED, NOT_SENT -> false;
                case REDIRECT, SERVER_ERROR, TIMEOUT, CONNECTION_ERROR -> true;
                case CLIENT_ERROR -> this == STANDARD_WEBHOOKS || statusCode == 408 || statusCode == 425 || statusCode == 429;
            };
        }
    }

    /**
     * The retry policy's verdict on an attempt.
     *
     * @param disposition what happens to the message
     * @param nextAttemptAt when it is tried again, for {@link Disposition#RETRY}
     */
    public record Decision(Disposition disposition, Optional<Instant> nextAttemptAt) {
        public Decision {
            Objects.requireNonNull(disposition, "disposition");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        }
    }

    /** Collects a policy's settings; not thread-safe. */
    public static final class Builder {
        private List<Duration> schedule = DEFAULT_SCHEDULE;
        private int maxAttempts;
        private double jitter = DEFAULT_JITTER;
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
        private RandomGenerator random;
        private Classification classification = Classification.STANDARD_WEBHOOKS;

        private Builder() {
        }

        /** Delays before each attempt (the CLI uses a short one such as 0 s, 1 s, 2 s); default {@link #DEFAULT_SCHEDULE}. */
        public Builder schedule(List<Duration> delays) {
            this.schedule = List.copyOf(Objects.requireNonNull(delays, "schedule"));
            return this;
        }

        public Builder schedule(Duration... delays) {
            return schedule(List.of(delays));
        }

        /** Attempts before giving up; default: one per scheduled delay. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts <= 0) {
                throw new ConfigurationException("maxAttempts must be > 0 but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Relative jitter in [0, 1): 0.2 varies each delay by up to ±20 %; 0 turns it off. */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** The longest {@code Retry-After} honoured; longer ones are cut to it. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /** The jitter's random source (tests pass a seeded one); default {@link ThreadLocalRandom}. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Which failures are retried; default {@link Classification#STANDARD_WEBHOOKS}. */
        public Builder classification(Classification classification) {
            this.classification = Objects.requireNonNull(classification, "classification");
            return this;
        }

        public RetryPolicy build() {
            if (schedule.isEmpty()) {
                throw new ConfigurationException("schedule must have at least one delay but was empty");
            }
            for (Duration d : schedule) {
                if (d.isNegative()) {
                    throw new ConfigurationException("schedule delays must be >= 0 but was " + schedule);
                }
            }
            if (!(jitter >= 0 && jitter < 1)) {
                throw new ConfigurationException("jitter must be in [0, 1) but was " + jitter);
            }
            if (maxRetryAfter.isNegative()) {
                throw new ConfigurationException("maxRetryAfter must be >= 0 but was " + maxRetryAfter);
            }
            return new RetryPolicy(this);
        }
    }
}
