package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases this instance holds (claimed, not yet settled or given back), how long the store last
 * confirmed each, and the one rule that keeps a short lease from causing double sends: a send
 * starts only while the confirmed lease outlasts it ({@link #maySend}). When it does not, the lease
 * is renewed on the spot; a lease the store says is gone was taken over, and one the store cannot
 * be asked about is not sent on (better late, after its lease, than twice). Thread-safe.
 */
final class HeldLeases {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultWebhookDispatcher.class);

    private final DeliveryQueue store;
    private final ClaimLease lease;
    private final Clock clock;
    private final StoreWarnings storeWarnings;
    private final String claimant;
    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();

    HeldLeases(DeliveryQueue store, ClaimLease lease, Clock clock, StoreWarnings storeWarnings, String claimant) {
        this.store = store;
        this.lease = lease;
        this.clock = clock;
        this.storeWarnings = storeWarnings;
        this.claimant = claimant;
    }

    /** A worker claimed these messages. */
    void hold(List<OutboundMessage> claimed) {
        if (!lease.renewed()) {
            return; // the store renews nothing: its leases cover the whole batch
        }
        for (OutboundMessage m : claimed) {
            OutboundMessage.Lease l = Claimer.leaseOf(m);
            held.put(m.id(), new Held(l, l.until()));
        }
    }

    /** The worker is done with the message (settled, given back or left to its lease). */
    void drop(OutboundMessage m) {
        m.lease().ifPresent(l -> held.computeIfPresent(m.id(), (id, h) -> h.lease.token().equals(l.token()) ? null : h));
    }

    void dropAll(List<OutboundMessage> messages) {
        messages.forEach(this::drop);
    }

    int size() {
        return held.size();
    }

    /**
     * Whether the worker may send the message now, with {@code timeout} as the send's bound; marks
     * the send as started, so that a send stuck past its bound stops being renewed.
     */
    boolean maySend(OutboundMessage m, Duration timeout) {
        Held h = held.get(m.id());
        if (h == null) {
            return true; // not tracked: a store that renews nothing, whose leases cover the batch
        }
        Duration needed = lease.neededToSend(timeout);
        if (!h.lost && !h.until.isBefore(clock.instant().plus(needed))) {
            h.startSend(timeout);
            return true;
        }
        if (!h.lost) {
            renew(Map.of(m.id(), h));
        }
        if (h.lost) {
            LOG.info("dispatcher {} does not send message {}: its lease was taken over by another claim", claimant, m.id());
            return false;
        }
        if (h.until.isBefore(clock.instant().plus(needed))) {
            return false; // the store could not confirm it: the message waits for its lease to end
        }
        h.startSend(timeout);
        return true;
    }

    /** Renews every lease held now (one store call); those whose send is stuck past its bound are left to run out. */
    void renewAll() {
        Map<String, Held> live = new HashMap<>();
        long nowNanos = System.nanoTime();
        held.forEach((id, h) -> {
            if (h.stuck(nowNanos)) {
                h.warnStuckOnce(id);
            } else if (!h.lost) {
                live.put(id, h);
            }
        });
        if (!live.isEmpty()) {
            renew(live);
        }
    }

    private void renew(Map<String, Held> which) {
        Instant until = clock.instant().plus(lease.get());
        Map<String, OutboundMessage.Lease> leases = new HashMap<>(which.size() * 2);
        which.forEach((id, h) -> leases.put(id, h.lease));
        Set<String> renewed;
        try {
            renewed = store.renew(leases, until);
        } catch (RuntimeException e) {
            storeWarnings.failed("could not renew " + leases.size() + " leases (messages whose lease gets too short are not sent"
                    + " until they are claimed again)", e);
            return;
        }
        which.forEach((id, h) -> {
            if (renewed.contains(id)) {
                h.until = until;
            } else {
                h.lost = true;
            }
        });
    }

    /** One held lease; written by the renewing thread and the worker, so its fields are volatile. */
    private final class Held {
        final OutboundMessage.Lease lease;
        volatile Instant until;
        volatile boolean lost;
        /** Whether the send began, and the System.nanoTime after which it is stuck. */
        volatile boolean sending;
        volatile long stuckAfterNanos;
        private volatile boolean warned;

        Held(OutboundMessage.Lease lease, Instant until) {
            this.lease = lease;
            this.until = until;
        }

        void startSend(Duration timeout) {
            // The send is bounded by its timeout; a whole lease later it is stuck (an interceptor that ignores interrupts).
            stuckAfterNanos = System.nanoTime() + timeout.plus(HeldLeases.this.lease.get()).toNanos();
            sending = true;
        }

        boolean stuck(long nowNanos) {
            return sending && nowNanos - stuckAfterNanos > 0;
        }

        void warnStuckOnce(String id) {
            if (!warned) {
                warned = true;
                LOG.warn("dispatcher {}: the send of message {} runs past its timeout; its lease is no longer renewed and another"
                        + " instance may send it again", claimant, id);
            }
        }
    }
}
