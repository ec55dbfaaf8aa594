package dev.webhookkit.outbound;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link dev.webhookkit.outbound.spi.EndpointHealthStore} knows of one subscription's
 * endpoint: its failures since the last success, and whether (and why) the dispatcher disabled it.
 *
 * @param subscriptionId whose endpoint
 * @param failures attempts that failed since the last success (or since it was disabled)
 * @param failingSince when the first of those failures happened; empty when none
 * @param failedMessages messages given up (dead-lettered) since the last success
 * @param disabledReason why the dispatcher disabled the subscription; empty when it did not (or
 *     the subscription was enabled again since)
 * @param disabledAt when it did; empty with {@code disabledReason}
 */
public record EndpointHealthState(String subscriptionId, long failures, Optional<Instant> failingSince, long failedMessages,
        Optional<DisableReason> disabledReason, Optional<Instant> disabledAt) {

    public EndpointHealthState {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(failingSince, "failingSince");
        Objects.requireNonNull(disabledReason, "disabledReason");
        Objects.requireNonNull(disabledAt, "disabledAt");
        if (failures < 0 || failedMessages < 0) {
            throw new IllegalArgumentException("failures and failedMessages must be >= 0 but were " + failures + " and " + failedMessages);
        }
    }

    /** A subscription nothing is known against: no failures, not disabled. */
    public static EndpointHealthState healthy(String subscriptionId) {
        return new EndpointHealthState(subscriptionId, 0, Optional.empty(), 0, Optional.empty(), Optional.empty());
    }
}
