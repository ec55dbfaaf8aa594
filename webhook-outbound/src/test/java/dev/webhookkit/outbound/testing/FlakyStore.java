package dev.webhookkit.outbound.testing;

import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.Page;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.MessageCursor;
import dev.webhookkit.outbound.spi.RedeliveryBatch;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store that can be told to fail: claims (an outage) or completions (an outcome that cannot
 * be recorded), each failure counted. Everything else goes to the wrapped store.
 */
public final class FlakyStore implements DeliveryStore {
    private final DeliveryStore store;
    public volatile boolean failClaims;
    public volatile boolean failCompletes;
    /** Counts, message queries and the oldest pending message fail: the store looks down to a health check. */
    public volatile boolean failQueries;
    public final AtomicInteger failedClaims = new AtomicInteger();
    public final AtomicInteger failedCompletes = new AtomicInteger();
    /** Lease renewals fail (the store is unreachable for them), each counted. */
    public volatile boolean failRenewals;
    public final AtomicInteger failedRenewals = new AtomicInteger();
    /** Renewals that reached the wrapped store. */
    public final AtomicInteger renewals = new AtomicInteger();
    /** The limit of every batch redelivery step asked for, in order. */
    public final java.util.List<Integer> redeliveryStepLimits = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FlakyStore(DeliveryStore store) {
        this.store = store;
    }

    private static DependencyUnavailableException outage(String what) {
        return new DependencyUnavailableException("test store is down (" + what + ")", new java.io.IOException("connection refused"));
    }

    @Override
    public List<OutboundMessage> claim(ClaimRequest request) {
        if (failClaims) {
            failedClaims.incrementAndGet();
            throw outage("claim");
        }
        return store.claim(request);
    }

    @Override
    public boolean complete(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt) {
        if (failCompletes) {
            failedCompletes.incrementAndGet();
            throw outage("complete");
        }
        return store.complete(messageId, lease, attempt);
    }

    @Override
    public void enqueue(List<OutboundMessage> messages) {
        store.enqueue(messages);
    }

    @Override
    public boolean reschedule(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt, Instant nextAttemptAt) {
        return store.reschedule(messageId, lease, attempt, nextAttemptAt);
    }

    @Override
    public boolean deadLetter(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt) {
        return store.deadLetter(messageId, lease, attempt);
    }

    @Override
    public java.util.Set<String> renew(java.util.Map<String, OutboundMessage.Lease> held, Instant until) {
        if (failRenewals) {
            failedRenewals.incrementAndGet();
            throw outage("renew");
        }
        renewals.incrementAndGet();
        return store.renew(held, until);
    }

    @Override
    public boolean release(String messageId, OutboundMessage.Lease lease) {
        return store.release(messageId, lease);
    }

    @Override
    public boolean redeliver(String messageId, Instant dueAt) {
        return store.redeliver(messageId, dueAt);
    }

    @Override
    public void recordAttempt(DeliveryAttempt attempt) {
        store.recordAttempt(attempt);
    }

    @Override
    public Optional<OutboundMessage> message(String messageId) {
        return store.message(messageId);
    }

    @Override
    public List<OutboundMessage> messagesForSubscription(String subscriptionId, int limit) {
        return store.messagesForSubscription(subscriptionId, limit);
    }

    @Override
    public List<OutboundMessage> messagesWithStatus(DeliveryStatus status, int limit) {
        return store.messagesWithStatus(status, limit);
    }

    @Override
    public List<DeliveryAttempt> attempts(String messageId) {
        return store.attempts(messageId);
    }

    @Override
    public List<DeliveryAttempt> attemptsForSubscription(String subscriptionId, int limit) {
        return store.attemptsForSubscription(subscriptionId, limit);
    }

    @Override
    public long count(DeliveryStatus status) {
        if (failQueries) {
            throw outage("count");
        }
        return store.count(status);
    }

    @Override
    public Page<OutboundMessage> messages(MessageQuery query) {
        if (failQueries) {
            throw outage("messages");
        }
        return store.messages(query);
    }

    @Override
    public Optional<Instant> oldestPending() {
        if (failQueries) {
            throw outage("oldestPending");
        }
        return store.oldestPending();
    }

    @Override
    public RedeliveryBatch redeliverBatch(String subscriptionId, MessageQuery.State state, MessageCursor after, int limit, Instant dueAt) {
        redeliveryStepLimits.add(limit);
        return store.redeliverBatch(subscriptionId, state, after, limit, dueAt);
    }

    @Override
    public int purgeFinished(Instant before) {
        return store.purgeFinished(before);
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return store.nextDueAt();
    }
}
