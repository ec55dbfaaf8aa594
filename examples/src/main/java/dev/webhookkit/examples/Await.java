package dev.webhookkit.examples;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: deliveries are asynchronous, sleeping a fixed time is a guess. */
final class Await {
    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** @throws IllegalStateException saying what did not happen when the deadline passes */
    static void until(Duration deadline, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException("gave up after " + deadline.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The value once the look-up finds one. @throws IllegalStateException when none turned up in time */
    static <T> T value(Duration deadline, String what, Supplier<Optional<T>> lookup) throws InterruptedException {
        AtomicReference<T> found = new AtomicReference<>();
        until(deadline, what, () -> {
            lookup.get().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }
}
