package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.EndpointHealthState;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Judges, per subscription, whether its endpoint has failed long enough (or lost enough messages)
 * to be disabled, from the counts in the {@link EndpointHealthStore} — shared by every instance on
 * the same store, so each judges from all their attempts and a restart keeps the counts.
 *
 * <p>Failures are written as they happen (one atomic change each). Successes, the common case, reset
 * the counts at most once per {@link #SUCCESS_WRITE_NANOS} per subscription and instance, and at once
 * after this instance saw a failure: a failure another instance counts meanwhile waits that long for
 * the reset, which is nothing against limits of days or of whole messages given up. A store that
 * cannot be reached is reported and does not disable anything. Thread-safe.
 */
final class EndpointHealth {
    static final long SUCCESS_WRITE_NANOS = 1_000_000_000L;

    private final Duration failingPeriod;
    private final int failedMessagesLimit;
    private final EndpointHealthStore store;
    private final StoreWarnings storeWarnings;
    private final LongSupplier nanoTime;
    /** When this instance last wrote a success per subscription; absent after a failure it saw. */
    private final ConcurrentHashMap<String, Long> successWrittenAt = new ConcurrentHashMap<>();

    EndpointHealth(Duration failingPeriod, int failedMessagesLimit, EndpointHealthStore store, StoreWarnings storeWarnings,
            LongSupplier nanoTime) {
        this.failingPeriod = failingPeriod;
        this.failedMessagesLimit = failedMessagesLimit;
        this.store = store;
        this.storeWarnings = storeWarnings;
        this.nanoTime = nanoTime;
    }

    void succeeded(String subscriptionId) {
        long now = nanoTime.getAsLong();
        Long written = successWrittenAt.get(subscriptionId);
        if (written != null && now - written < SUCCESS_WRITE_NANOS) {
            return;
        }
        try {
            store.recordSuccess(subscriptionId);
            successWrittenAt.put(subscriptionId, now);
        } catch (RuntimeException e) {
            storeWarnings.failed("could not record the health of subscription " + subscriptionId, e);
        }
    }

    /**
     * Records a failed attempt (and whether it was the message's last).
     *
     * @return the reason to disable the subscription now, if it crossed a limit
     */
    Optional<DisableReason> failed(String subscriptionId, Instant at, boolean messageGivenUp) {
        successWrittenAt.remove(subscriptionId);
        EndpointHealthState s;
        try {
            s = store.recordFailure(subscriptionId, at, messageGivenUp);
        } catch (RuntimeException e) {
            storeWarnings.failed("could not record the health of subscription " + subscriptionId, e);
            return Optional.empty();
        }
        if (failedMessagesLimit > 0 && s.failedMessages() >= failedMessagesLimit) {
            return Optional.of(DisableReason.TOO_MANY_FAILED_MESSAGES);
        }
        if (!failingPeriod.isZero() && s.failingSince().isPresent() && !at.isBefore(s.failingSince().get().plus(failingPeriod))) {
            return Optional.of(DisableReason.FAILING_TOO_LONG);
        }
        return Optional.empty();
    }

    /** The counts start again (the subscription is about to be disabled). */
    void forget(String subscriptionId) {
        successWrittenAt.remove(subscriptionId);
        try {
            store.recordSuccess(subscriptionId);
        } catch (RuntimeException e) {
            storeWarnings.failed("could not record the health of subscription " + subscriptionId, e);
        }
    }

    /** This dispatcher disabled the subscription: the reason is kept for the admin API and other instances. */
    void disabled(String subscriptionId, DisableReason reason, Instant at) {
        try {
            store.recordDisabled(subscriptionId, reason, at);
        } catch (RuntimeException e) {
            storeWarnings.failed("could not record why subscription " + subscriptionId + " was disabled", e);
        }
    }
}
