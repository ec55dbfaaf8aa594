package dev.webhookkit.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits until a condition holds, for at most a timeout, and fails the test with an
 * {@link AssertionError} that says what it waited for (and, if asked, the state seen last) when time
 * runs out. It checks at once and then every few milliseconds, so a passing test waits no longer
 * than the condition takes. An interrupted wait fails too (and keeps the interrupt flag). A
 * condition may throw (an {@code AssertionError} that something died, for instance): that ends the
 * wait with its exception.
 *
 * <pre>{@code
 * Poll.until("the delivery to be recorded", () -> log.find(id).isPresent());
 * Poll.until("every message delivered", Duration.ofSeconds(60), () -> delivered() == 100, () -> "delivered " + delivered());
 * }</pre>
 */
public final class Poll {
    /** Generous for a loaded machine; a passing test returns as soon as the condition holds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final long MAX_PAUSE_MILLIS = 20;

    private Poll() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for {@code condition}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    /** Waits up to {@code timeout} for {@code condition}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /** Waits up to {@code timeout} for {@code condition}; when it does not hold in time, the failure ends with {@code state}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(state, "state");
        long deadline = System.nanoTime() + requirePositive(timeout).toNanos();
        for (int round = 0; !condition.getAsBoolean(); round++) {
            if (System.nanoTime() - deadline > 0) {
                String seen = state.get();
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what + (seen.isEmpty() ? "" : "; " + seen));
            }
            pause(round);
        }
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} until the value {@code value} gives satisfies
     * {@code condition}, and returns that value; the failure says the value seen last.
     */
    public static <T> T until(String what, Supplier<T> value, Predicate<T> condition) {
        return until(what, DEFAULT_TIMEOUT, value, condition);
    }

    /** Waits up to {@code timeout} until {@code value} satisfies {@code condition}; returns that value. */
    public static <T> T until(String what, Duration timeout, Supplier<T> value, Predicate<T> condition) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(condition, "condition");
        Object[] last = new Object[1];
        until(what, timeout, () -> {
            T seen = value.get();
            last[0] = seen;
            return condition.test(seen);
        }, () -> "last seen: " + last[0]);
        @SuppressWarnings("unchecked")
        T found = (T) last[0];
        return found;
    }

    private static Duration requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0 but was " + timeout);
        }
        return timeout;
    }

    /** 1, 2, 4 … ms, then every {@link #MAX_PAUSE_MILLIS}: quick for fast conditions, light on a slow one (a database query). */
    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(MAX_PAUSE_MILLIS, 1L << Math.min(round, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
