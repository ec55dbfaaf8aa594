package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long a claim leases its messages, how often the leases this instance still holds are
 * renewed, and how much of a lease must be left for a send to start. A fixed lease set on the
 * builder wins over the derived one.
 *
 * <p>On a store that {@linkplain dev.webhookkit.outbound.spi.DeliveryQueue#renew renews} leases
 * the lease is short, about one attempt: {@code T + connect timeout + }{@link #MARGIN}, where
 * {@code T} is the longest subscription timeout, but at most {@code 2T - poll interval - 1 s} so
 * that a crashed instance's messages are claimed by another one within {@code 2T} (its lease
 * plus one poll), and at least {@code T + 2 s}. The {@link LeaseRenewal} extends held leases every
 * {@link #renewEvery()}, which leaves two renewals of slack before a held lease gets too short to
 * send on. On a store that does not renew, the lease covers a worker's whole batch as before:
 * {@code claimBatch × (T + connect timeout) + 30 s}.
 *
 * <p>The longest timeout is read from the registry at most once per {@link #REFRESH_NANOS}: a
 * subscription given a longer timeout counts from the next refresh. Thread-safe.
 */
final class ClaimLease {
    /** Added to one attempt's time in the renewed lease: signing, the store's round trips, scheduling. */
    static final Duration MARGIN = Duration.ofSeconds(2);
    /** Added to the request time of a lease that is never renewed: it must outlast a whole batch. */
    static final Duration UNRENEWED_MARGIN = Duration.ofSeconds(30);
    /**
     * A send starts only while the lease has its subscription's timeout plus this left: the send
     * (bounded by that timeout, connect included) then ends before the lease could, renewed or not.
     */
    static final Duration SEND_MARGIN = Duration.ofSeconds(1);
    /** Renewals never come more often than this. */
    static final Duration MIN_RENEW_INTERVAL = Duration.ofMillis(100);
    static final long REFRESH_NANOS = 1_000_000_000L;

    private final Duration fixed;
    private final SubscriptionRegistry subscriptions;
    private final Duration connectTimeout;
    private final int claimBatch;
    private final Duration pollInterval;
    private final boolean renewed;
    private final LongSupplier nanoTime;
    private volatile Derived current;
    private volatile long refreshAt;

    /** A lease that is never renewed (the store cannot), so it covers a whole batch. */
    ClaimLease(Duration fixed, SubscriptionRegistry subscriptions, Duration connectTimeout, int claimBatch, LongSupplier nanoTime) {
        this(fixed, subscriptions, connectTimeout, claimBatch, Duration.ofSeconds(1), false, nanoTime);
    }

    /**
     * @param renewed whether the store renews leases (short leases) or not (a batch-long one)
     * @param pollInterval how often idle workers look for due messages, part of the time a takeover takes
     */
    ClaimLease(Duration fixed, SubscriptionRegistry subscriptions, Duration connectTimeout, int claimBatch, Duration pollInterval,
            boolean renewed, LongSupplier nanoTime) {
        this.fixed = fixed;
        this.subscriptions = subscriptions;
        this.connectTimeout = connectTimeout;
        this.claimBatch = claimBatch;
        this.pollInterval = pollInterval;
        this.renewed = renewed;
        this.nanoTime = nanoTime;
    }

    /** Whether held leases are renewed (the store can renew them). */
    boolean renewed() {
        return renewed;
    }

    /** The lease for a claim or a renewal made now. */
    Duration get() {
        return derived().lease;
    }

    /** How often the held leases are renewed: half of what a fresh lease has beyond the longest send. */
    Duration renewEvery() {
        return derived().renewEvery;
    }

    /**
     * How much of its lease a message must have left for a send with {@code timeout} to start:
     * the timeout plus {@link #SEND_MARGIN}, but never more than a lease renewed one interval ago
     * has (a fixed lease shorter than the send relies on renewals during the send).
     */
    Duration neededToSend(Duration timeout) {
        Derived d = derived();
        Duration wanted = timeout.plus(SEND_MARGIN);
        Duration reachable = d.lease.minus(d.renewEvery);
        return wanted.compareTo(reachable) <= 0 ? wanted : reachable;
    }

    private Derived derived() {
        long now = nanoTime.getAsLong();
        Derived d = current;
        if (d == null || now - refreshAt >= 0) {
            d = derive();
            current = d;
            refreshAt = now + REFRESH_NANOS;
        }
        return d;
    }

    private Derived derive() {
        Duration longest = longestTimeout();
        if (fixed != null) {
            return new Derived(fixed, atLeast(fixed.dividedBy(3), MIN_RENEW_INTERVAL));
        }
        if (!renewed) {
            Duration lease = longest.plus(connectTimeout).multipliedBy(claimBatch).plus(UNRENEWED_MARGIN);
            return new Derived(lease, lease);
        }
        Duration natural = longest.plus(connectTimeout).plus(MARGIN);
        Duration takeoverBound = longest.multipliedBy(2).minus(pollInterval).minus(SEND_MARGIN);
        Duration floor = longest.plus(SEND_MARGIN.multipliedBy(2));
        Duration lease = natural.compareTo(takeoverBound) <= 0 ? natural : takeoverBound;
        lease = atLeast(lease, floor);
        Duration renewEvery = atLeast(lease.minus(longest).minus(SEND_MARGIN).dividedBy(2), MIN_RENEW_INTERVAL);
        return new Derived(lease, renewEvery);
    }

    private Duration longestTimeout() {
        Duration longest = Duration.ZERO;
        try {
            for (Subscription s : subscriptions.list()) {
                if (s.timeout().compareTo(longest) > 0) {
                    longest = s.timeout();
                }
            }
        } catch (RuntimeException e) {
            return Subscription.MAX_TIMEOUT; // registry unreadable: the safe bound
        }
        return longest.isZero() ? Subscription.DEFAULT_TIMEOUT : longest;
    }

    private static Duration atLeast(Duration d, Duration min) {
        return d.compareTo(min) >= 0 ? d : min;
    }

    private record Derived(Duration lease, Duration renewEvery) {
    }
}
