package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.spi.DeliveryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Claims batches of due messages under this instance's lease, one in-flight slot per message
 * (subscriptions at their {@code maxInFlight} are skipped, so one slow endpoint cannot hold every
 * worker), and hands unsent messages back. An ordered subscription has one slot: the store hands
 * out only its earliest message and only while none of its messages is leased anywhere, and the
 * slot keeps this instance's other workers from asking for it meanwhile.
 */
final class Claimer {
    private final DeliveryStore store;
    private final SubscriptionRegistry subscriptions;
    private final ClaimLease lease;
    private final String claimant;
    private final int batch;
    private final InFlightLimits limits = new InFlightLimits();
    private final Wakeup wakeup;
    private final StoreWarnings storeWarnings;
    private final OrderedSubscriptions ordered;

    Claimer(DeliveryStore store, SubscriptionRegistry subscriptions, ClaimLease lease, String claimant, int batch, Wakeup wakeup,
            StoreWarnings storeWarnings) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.lease = lease;
        this.claimant = claimant;
        this.batch = batch;
        this.wakeup = wakeup;
        this.storeWarnings = storeWarnings;
        this.ordered = new OrderedSubscriptions(subscriptions, System::nanoTime);
    }

    /** Claims due messages, one in-flight slot each; messages whose subscription is full go straight back. */
    List<OutboundMessage> claim(Instant now) {
        Set<String> inOrder = ordered.get();
        ClaimRequest request = new ClaimRequest(claimant, now, lease.get(), batch, limits.saturated(), inOrder);
        List<OutboundMessage> claimed = store.claim(request);
        if (claimed.isEmpty()) {
            return claimed;
        }
        List<OutboundMessage> mine = new ArrayList<>(claimed.size());
        for (OutboundMessage m : claimed) {
            Optional<Subscription> sub = subscriptions.get(m.subscriptionId());
            boolean isOrdered = sub.map(Subscription::ordered).orElse(false);
            if (isOrdered && !inOrder.contains(m.subscriptionId())) {
                // Made ordered since the set was read: this one may not be its earliest; ask again with the new set.
                ordered.stale();
                giveBack(m, false);
                wakeup.wake();
                continue;
            }
            int max = isOrdered ? 1 : sub.map(Subscription::maxInFlight).orElse(Integer.MAX_VALUE);
            if (limits.tryAcquire(m.subscriptionId(), max)) {
                mine.add(m);
            } else {
                giveBack(m, false);
            }
        }
        return mine;
    }

    /** The message was tried: frees its slot, waking a worker when its subscription was full. */
    void done(OutboundMessage m) {
        if (limits.release(m.subscriptionId())) {
            wakeup.wake();
        }
    }

    /** Gives claimed, unsent messages back to the store and frees their in-flight slots. */
    void giveBack(List<OutboundMessage> unsent) {
        for (OutboundMessage m : unsent) {
            giveBack(m, true);
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
