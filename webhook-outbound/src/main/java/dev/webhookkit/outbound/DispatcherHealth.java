package dev.webhookkit.outbound;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a dispatcher is doing, for a health endpoint: {@link WebhookDispatcher#health()}.
 *
 * @param running whether it still takes events (false after {@link WebhookDispatcher#close})
 * @param backlog messages queued in its store (pending, failed ones waiting for a retry included);
 *     -1 when the store could not be asked
 * @param oldestPendingAge how long the oldest queued message has existed; empty when none is queued
 *     or the store could not tell
 * @param storeReachable whether the store answered
 * @param storeError why it did not, in a short text without secrets (the failure's type and
 *     operation); empty when it answered
 */
public record DispatcherHealth(boolean running, long backlog, Optional<Duration> oldestPendingAge, boolean storeReachable,
        Optional<String> storeError) {

    public DispatcherHealth {
        Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
        Objects.requireNonNull(storeError, "storeError");
    }

    /** Running and the store answered. */
    public boolean healthy() {
        return running && storeReachable;
    }
}
