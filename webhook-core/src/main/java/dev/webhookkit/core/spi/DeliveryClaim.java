package dev.webhookkit.core.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answer of {@link Deduplicator#claim}: whether this delivery is new, already done, or being
 * processed right now elsewhere. A {@link Status#NEW} claim holds a processing lease on the key and
 * must be settled exactly once: {@link #commit()} after the delivery was handled (the key then
 * counts as done for the dedup window), or {@link #release()} after it failed (so the sender's
 * retry is processed). Only the first settlement counts; later calls do nothing. A claim that is
 * never settled (the process crashed) ends with its lease, and the key is new again.
 */
public final class DeliveryClaim {
    /** What the deduplicator found for the key. */
    public enum Status {
        /** First sight, or the previous attempt failed or its lease ended: process it, then settle. */
        NEW,
        /** Handled within the window: acknowledge, do not process again. */
        DUPLICATE,
        /** Another attempt holds the lease right now: ask the sender to retry after {@link #retryAfter()}. */
        IN_PROGRESS
    }

    private static final Runnable NOTHING = () -> { };
    private static final DeliveryClaim DUPLICATE = new DeliveryClaim(Status.DUPLICATE, Duration.ZERO, NOTHING, NOTHING);

    private final Status status;
    private final Duration retryAfter;
    private final Runnable commit;
    private final Runnable release;
    private final AtomicBoolean settled = new AtomicBoolean();

    private DeliveryClaim(Status status, Duration retryAfter, Runnable commit, Runnable release) {
        this.status = status;
        this.retryAfter = retryAfter;
        this.commit = commit;
        this.release = release;
    }

    /** A new delivery: {@code commit} marks it done, {@code release} forgets it; each runs at most once, only one of them. */
    public static DeliveryClaim fresh(Runnable commit, Runnable release) {
        return new DeliveryClaim(Status.NEW, Duration.ZERO, Objects.requireNonNull(commit, "commit"),
                Objects.requireNonNull(release, "release"));
    }

    /** A new delivery that needs no settlement (a deduplicator that remembers nothing). */
    public static DeliveryClaim unremembered() {
        return new DeliveryClaim(Status.NEW, Duration.ZERO, NOTHING, NOTHING);
    }

    public static DeliveryClaim duplicate() {
        return DUPLICATE;
    }

    /** Being processed elsewhere; the sender may retry after {@code retryAfter} (at least one second is advised). */
    public static DeliveryClaim inProgress(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return new DeliveryClaim(Status.IN_PROGRESS, retryAfter.isNegative() ? Duration.ZERO : retryAfter, NOTHING, NOTHING);
    }

    public Status status() {
        return status;
    }

    public boolean isNew() {
        return status == Status.NEW;
    }

    /** For {@link Status#IN_PROGRESS}: how long the current lease has left; zero otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The delivery was handled: remember it as done for the window. */
    public void commit() {
        if (settled.compareAndSet(false, true)) {
            commit.run();
        }
    }

    /** The delivery failed: forget it, so the sender's retry is processed. */
    public void release() {
        if (settled.compareAndSet(false, true)) {
            release.run();
        }
    }

    @Override
    public String toString() {
        return "DeliveryClaim[" + status + (status == Status.IN_PROGRESS ? ", retryAfter=" + retryAfter : "") + "]";
    }
}
