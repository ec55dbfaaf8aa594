package dev.webhookkit.outbound;

import dev.webhookkit.core.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A dispatcher asking a {@link dev.webhookkit.outbound.spi.DeliveryStore} for due messages.
 *
 * @param claimant who claims (one id per dispatcher instance), recorded in the lease; settling takes
 *     the lease token the store writes for this claim, not the claimant
 * @param now the claimant's clock: messages due at or before it are claimable, leases that ended at or before it are free
 * @param lease how long the claim holds; after {@code now + lease} another claimant may take the message
 * @param limit at most this many messages, &gt; 0
 * @param excludedSubscriptions subscriptions to skip (they already have as many requests in flight as they allow)
 * @param orderedSubscriptions subscriptions delivered in order ({@code Subscription.ordered()}): of each, only
 *     its earliest pending message by enqueue order is claimable, and only while no message of it is leased
 *     (by any claimant), so its messages go out one at a time and in order
 */
public record ClaimRequest(String claimant, Instant now, Duration lease, int limit, Set<String> excludedSubscriptions,
        Set<String> orderedSubscriptions) {
    public ClaimRequest {
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        excludedSubscriptions = Set.copyOf(Objects.requireNonNull(excludedSubscriptions, "excludedSubscriptions"));
        orderedSubscriptions = Set.copyOf(Objects.requireNonNull(orderedSubscriptions, "orderedSubscriptions"));
        if (claimant.isBlank()) {
            throw new ConfigurationException("claimant must not be blank");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new ConfigurationException("lease must be > 0 but was " + lease);
        }
        if (limit <= 0) {
            throw new ConfigurationException("limit must be > 0 but was " + limit);
        }
    }

    /** A claim that skips {@code excludedSubscriptions} and treats no subscription as ordered. */
    public ClaimRequest(String claimant, Instant now, Duration lease, int limit, Set<String> excludedSubscriptions) {
        this(claimant, now, lease, limit, excludedSubscriptions, Set.of());
    }

    /** A claim that skips no subscription and treats none as ordered. */
    public static ClaimRequest of(String claimant, Instant now, Duration lease, int limit) {
        return new ClaimRequest(claimant, now, lease, limit, Set.of(), Set.of());
    }

    /** This claim with {@code orderedSubscriptions} delivered in order. */
    public ClaimRequest withOrdered(Set<String> orderedSubscriptions) {
        return new ClaimRequest(claimant, now, lease, limit, excludedSubscriptions, orderedSubscriptions);
    }

    /** When the lease taken by this claim ends. */
    public Instant leaseUntil() {
        return now.plus(lease);
    }
}
