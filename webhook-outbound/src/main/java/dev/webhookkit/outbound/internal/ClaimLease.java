package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long a claim leases its messages: long enough for a worker to try its whole batch, one after
 * the other, at the longest request timeout among the subscriptions, and no longer, so that a
 * crashed instance's messages are taken over soon. A fixed lease set on the builder wins.
 *
 * <p>The longest timeout is read from the registry at most once per {@link #REFRESH_NANOS}: a
 * subscription given a longer timeout counts from the next refresh. Thread-safe.
 */
final class ClaimLease {
    /**
     * Added to the request time: connecting, DNS lookups of the SSRF guard, signing, the store's
     * round trips, and clock differences between instances sharing a store.
     */
    static final Duration MARGIN = Duration.ofSeconds(30);
    static final long REFRESH_NANOS = 1_000_000_000L;

    private final Duration fixed;
    private final SubscriptionRegistry subscriptions;
    private final Duration connectTimeout;
    private final int claimBatch;
    private final LongSupplier nanoTime;
    private volatile Duration current;
    private volatile long refreshAt;

    ClaimLease(Duration fixed, SubscriptionRegistry subscriptions, Duration connectTimeout, int claimBatch, LongSupplier nanoTime) {
        this.fixed = fixed;
        this.subscriptions = subscriptions;
        this.connectTimeout = connectTimeout;
        this.claimBatch = claimBatch;
        this.nanoTime = nanoTime;
    }

    /** The lease for a claim made now. */
    Duration get() {
        if (fixed != null) {
            return fixed;
        }
        long now = nanoTime.getAsLong();
        Duration d = current;
        if (d == null || now - refreshAt >= 0) {
            d = derive();
            current = d;
            refreshAt = now + REFRESH_NANOS;
        }
        return d;
    }

    /** {@code claimBatch × (longest timeout + connect timeout) + MARGIN}. */
    private Duration derive() {
        Duration longest = Duration.ZERO;
        try {
            for (Subscription s : subscriptions.list()) {
                if (s.timeout().compareTo(longest) > 0) {
                    longest = s.timeout();
                }
            }
        } catch (RuntimeException e) {
            longest = Subscription.MAX_TIMEOUT; // registry unreadable: the safe bound
        }
        return longest.plus(connectTimeout).multipliedBy(claimBatch).plus(MARGIN);
    }
}
