package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.SettleRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Claims batches of due messages under this instance's lease, one in-flight slot per message
 * (subscriptions at their {@code maxInFlight} are skipped, so one slow endpoint cannot hold every
 * worker), and hands unsent messages back, all of one worker's in one call to the store. Claims
 * grow while a backlog lasts ({@link ClaimSize}); what a claim brings in beyond one worker's batch
 * is shared out to the others ({@link ClaimedAhead}). An ordered subscription has one slot: the
 * store hands out only its earliest message and only while none of its messages is leased anywhere,
 * and the slot keeps this instance's other workers from asking for it meanwhile.
 */
final class Claimer {
    private final DeliveryStore store;
    private final SubscriptionRegistry subscriptions;
    private final ClaimLease lease;
    private final String claimant;
    private final ClaimSize size;
    private final ClaimedAhead ahead;
    /** The subscriptions of the last claim's messages; bounds the next claim by their free slots. */
    private volatile Set<String> lastClaimed = Set.of();
    private final InFlightLimits limits = new InFlightLimits();
    private final Wakeup wakeup;
    private final StoreWarnings storeWarnings;
    private final OrderedSubscriptions ordered;

    Claimer(DeliveryStore store, SubscriptionRegistry subscriptions, ClaimLease lease, String claimant, int batch, Duration connectTimeout,
            Wakeup wakeup, StoreWarnings storeWarnings) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.lease = lease;
        this.claimant = claimant;
        this.size = new ClaimSize(batch);
        // Renewed leases are extended before each send (HeldLeases), so a message waiting here only needs a lease not yet ended;
        // a lease that is never renewed must still have room for the attempts before it in the worker's batch.
        this.ahead = new ClaimedAhead(lease.renewed() ? m -> Duration.ZERO
                : m -> subscriptions.get(m.subscriptionId()).map(Subscription::timeout).orElse(Duration.ZERO).plus(connectTimeout));
        this.wakeup = wakeup;
        this.storeWarnings = storeWarnings;
        this.ordered = new OrderedSubscriptions(subscriptions, System::nanoTime);
    }

    /**
     * At most the configured batch of messages for one worker: first those an earlier claim brought
     * in ahead; else a claim of {@link ClaimSize#next()} due messages, one in-flight slot each
     * (messages whose subscription is full go straight back), whose part beyond this worker's batch
     * waits for the other workers, woken for it.
     */
    List<OutboundMessage> claim(Instant now) {
        List<OutboundMessage> expired = new ArrayList<>();
        List<OutboundMessage> portion = ahead.take(size.configured(), now, expired);
        giveBack(expired);
        if (!portion.isEmpty()) {
            return portion;
        }
        // No larger than the room the last claim's subscriptions have left: what would not fit goes straight back.
        int asked = Math.max(size.configured(), Math.min(size.next(), roomIn(lastClaimed)));
        Set<String> inOrder = ordered.get();
        ClaimRequest request = new ClaimRequest(claimant, now, lease.get(), asked, limits.saturated(), inOrder);
        List<OutboundMessage> claimed = store.claim(request);
        if (claimed.isEmpty()) {
            size.claimed(asked, 0, 0);
            return claimed;
        }
        List<OutboundMessage> mine = new ArrayList<>(claimed.size());
        List<OutboundMessage> full = new ArrayList<>();
        boolean orderedStale = false;
        for (OutboundMessage m : claimed) {
            Optional<Subscription> sub = subscriptions.get(m.subscriptionId());
            if (sub.map(Subscription::ordered).orElse(false) && !inOrder.contains(m.subscriptionId())) {
                // Made ordered since the set was read: this one may not be its earliest; ask again with the new set.
                orderedStale = true;
                full.add(m);
            } else if (limits.tryAcquire(m.subscriptionId(), maxInFlight(sub))) {
                mine.add(m);
            } else {
                full.add(m);
            }
        }
        release(full, false);
        if (orderedStale) {
            ordered.stale();
            wakeup.wake();
        }
        size.claimed(asked, claimed.size(), mine.size());
        Set<String> seen = new HashSet<>();
        claimed.forEach(m -> seen.add(m.subscriptionId()));
        lastClaimed = seen;
        if (mine.size() <= size.configured()) {
            return mine;
        }
        List<OutboundMessage> rest = mine.subList(size.configured(), mine.size());
        ahead.add(rest);
        wakeup.wake((rest.size() + size.configured() - 1) / size.configured());
        return List.copyOf(mine.subList(0, size.configured()));
    }

    /** In-flight slots still free in these subscriptions (unbounded when none is known). */
    private int roomIn(Set<String> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        long room = 0;
        for (String id : subscriptionIds) {
            room += Math.max(0, maxInFlight(subscriptions.get(id)) - limits.inFlight(id));
        }
        return (int) Math.min(Integer.MAX_VALUE, room);
    }

    /** One for an ordered subscription, else its {@code maxInFlight}; unbounded for one that is gone. */
    private static int maxInFlight(Optional<Subscription> sub) {
        return sub.map(s -> s.ordered() ? 1 : s.maxInFlight()).orElse(Integer.MAX_VALUE);
    }

    /** Gives back what earlier claims brought in ahead and no worker took (the dispatcher stopped). */
    void giveBackClaimedAhead() {
        giveBack(ahead.drain());
    }

    /** The message was tried: frees its slot, waking a worker when its subscription was full. */
    void done(OutboundMessage m) {
        if (limits.release(m.subscriptionId())) {
            wakeup.wake();
        }
    }

    /** Gives claimed, unsent messages back to the store, in one call, and frees their in-flight slots. */
    void giveBack(List<OutboundMessage> unsent) {
        release(unsent, true);
    }

    private void release(List<OutboundMessage> unsent, boolean freeSlots) {
        if (unsent.size() == 1) {
            giveBack(unsent.get(0), freeSlots);
            return;
        }
        if (unsent.isEmpty()) {
            return;
        }
        List<SettleRequest> releases = new ArrayList<>(unsent.size());
        for (OutboundMessage m : unsent) {
            releases.add(SettleRequest.release(m.id(), leaseOf(m)));
        }
        try {
            store.settleAll(releases);
        } catch (RuntimeException e) {
            storeWarnings.failed("could not give " + unsent.size() + " messages back (they are claimable again after their lease)", e);
        } finally {
            if (freeSlots) {
                unsent.forEach(m -> limits.release(m.subscriptionId()));
            }
        }
    }

    /** Gives one claimed message back untried; {@code freeSlot} when it holds an in-flight slot. */
    void giveBack(OutboundMessage m, boolean freeSlot) {
        try {
            store.release(m.id(), leaseOf(m));
        } catch (RuntimeException e) {
            storeWarnings.failed("could not give message " + m.id() + " back (it is claimable again after its lease)", e);
        } finally {
            if (freeSlot) {
                limits.release(m.subscriptionId());
            }
        }
    }

    /** The claim's lease token, which every settlement of the message must present. */
    static OutboundMessage.Lease leaseOf(OutboundMessage m) {
        return m.lease().orElseThrow(() -> new IllegalStateException("the store returned message " + m.id() + " without a lease"));
    }
}
