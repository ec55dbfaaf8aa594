package dev.webhookkit.verify;

import dev.webhookkit.core.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a signed timestamp may lie from the time a request arrived
 * ({@link dev.webhookkit.core.WebhookRequest#receivedAt()}) before it is rejected as
 * {@link dev.webhookkit.core.Reason#TIMESTAMP_EXPIRED}. This is the replay protection of every
 * timestamped scheme.
 *
 * <p>Default: 5 minutes into the past and 5 minutes into the future. Unlike some peers, timestamps
 * too far in the future are rejected too: a sender whose clock is far ahead could otherwise mint
 * signatures that stay replayable for as long as its clock is wrong. {@link #ignore()} turns the
 * check off, for replaying captured requests; the timestamp is still required when the scheme
 * signs it.
 *
 * <p>Immutable and thread-safe.
 */
public final class TimestampPolicy {
    /** The default tolerance in both directions. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final TimestampPolicy DEFAULTS = new TimestampPolicy(DEFAULT_TOLERANCE, DEFAULT_TOLERANCE, false);
    private static final TimestampPolicy IGNORE = new TimestampPolicy(Duration.ZERO, Duration.ZERO, true);

    private final Duration tolerance;
    private final Duration futureTolerance;
    private final boolean ignored;

    private TimestampPolicy(Duration tolerance, Duration futureTolerance, boolean ignored) {
        this.tolerance = tolerance;
        this.futureTolerance = futureTolerance;
        this.ignored = ignored;
    }

    /** 5 minutes either way. */
    public static TimestampPolicy defaults() {
        return DEFAULTS;
    }

    /** The same tolerance into the past and into the future. */
    public static TimestampPolicy tolerance(Duration tolerance) {
        return of(tolerance, tolerance);
    }

    /**
     * Separate tolerances: how old a timestamp may be, and how far ahead of the arrival time (the
     * sender's clock running fast).
     */
    public static TimestampPolicy of(Duration tolerance, Duration futureTolerance) {
        return new TimestampPolicy(nonNegative(tolerance, "tolerance"), nonNegative(futureTolerance, "futureTolerance"), false);
    }

    /** No tolerance check at all: for replaying captured requests and for tests. */
    public static TimestampPolicy ignore() {
        return IGNORE;
    }

    public boolean isIgnored() {
        return ignored;
    }

    /** How old a signed timestamp may be; zero when {@link #isIgnored()}. */
    public Duration tolerance() {
        return tolerance;
    }

    /** How far in the future a signed timestamp may be; zero when {@link #isIgnored()}. */
    public Duration futureTolerance() {
        return futureTolerance;
    }

    /** True when {@code signedAt} is within the tolerances around {@code receivedAt} (bounds included). */
    public boolean accepts(Instant signedAt, Instant receivedAt) {
        if (ignored) {
            return true;
        }
        if (signedAt.isBefore(receivedAt)) {
            return Duration.between(signedAt, receivedAt).compareTo(tolerance) <= 0;
        }
        return Duration.between(receivedAt, signedAt).compareTo(futureTolerance) <= 0;
    }

    /** {@link #accepts(Instant, Instant)} for a signed time in Unix seconds, without allocating. */
    public boolean acceptsEpochSecond(long signedAtSeconds, Instant receivedAt) {
        if (ignored) {
            return true;
        }
        long secondsLate = receivedAt.getEpochSecond() - signedAtSeconds;
        if (secondsLate >= 0) {
            // age = secondsLate s + nano ns, must be <= tolerance
            return withinLimit(secondsLate, receivedAt.getNano(), tolerance);
        }
        // ahead = -secondsLate s - nano ns, must be <= futureTolerance
        return withinLimit(-secondsLate, -receivedAt.getNano(), futureTolerance);
    }

    /** seconds s + nanos ns &lt;= limit, without overflow for any seconds value. */
    private static boolean withinLimit(long seconds, long nanos, Duration limit) {
        long secondsOver = seconds - limit.getSeconds();
        if (secondsOver > 2) {
            return false;
        }
        if (secondsOver < -2) {
            return true;
        }
        return secondsOver * 1_000_000_000L + nanos - limit.getNano() <= 0;
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new ConfigurationException(name + " must be >= 0 but was " + d);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimestampPolicy p && p.ignored == ignored && p.tolerance.equals(tolerance)
                && p.futureTolerance.equals(futureTolerance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tolerance, futureTolerance, ignored);
    }

    @Override
    public String toString() {
        return ignored ? "TimestampPolicy[ignore]" : "TimestampPolicy[tolerance=" + tolerance + ", futureTolerance=" + futureTolerance + "]";
    }
}
