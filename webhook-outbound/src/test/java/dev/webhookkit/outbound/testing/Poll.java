package dev.webhookkit.outbound.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, checking every few milliseconds; fails the test when time
 * runs out. This module's own copy of webhook-testing's Poll, which its tests cannot depend on.
 */
public final class Poll {
    /** Generous for a loaded machine; a passing test returns as soon as the condition holds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private Poll() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            pause();
        }
    }

    /** Waits until {@code condition} holds and says what was seen last when it does not. */
    public static <T> T until(String what, Supplier<T> value, java.util.function.Predicate<T> condition) {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        T last = value.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEFAULT_TIMEOUT + " waiting for: " + what + "; last seen: " + last);
            }
            pause();
            last = value.get();
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
