package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.Page;
import dev.webhookkit.core.Registration;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryLog;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.AttemptLog;
import dev.webhookkit.outbound.spi.DeliveryQueries;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The delivery log as a read-only view of the store's queries and attempt log, plus the dispatcher's listeners. */
final class StoreDeliveryLog implements DeliveryLog {
    private final DeliveryQueries queries;
    private final AttemptLog attempts;
    private final Listeners listeners;

    StoreDeliveryLog(DeliveryQueries queries, AttemptLog attempts, Listeners listeners) {
        this.queries = queries;
        this.attempts = attempts;
        this.listeners = listeners;
    }

    @Override
    public Optional<OutboundMessage> message(String messageId) {
        return queries.message(messageId);
    }

    @Override
    public List<DeliveryAttempt> attempts(String messageId) {
        return attempts.attempts(messageId);
    }

    @Override
    public List<DeliveryAttempt> attemptsForSubscription(String subscriptionId, int limit) {
        return attempts.attemptsForSubscription(subscriptionId, limit);
    }

    @Override
    public List<OutboundMessage> messagesForSubscription(String subscriptionId, int limit) {
        return queries.messagesForSubscription(subscriptionId, limit);
    }

    @Override
    public List<OutboundMessage> messages(DeliveryStatus status, int limit) {
        return queries.messagesWithStatus(status, limit);
    }

    @Override
    public Page<OutboundMessage> messages(MessageQuery query) {
        return queries.messages(Objects.requireNonNull(query, "query"));
    }

    @Override
    public long count(DeliveryStatus status) {
        return queries.count(status);
    }

    @Override
    public Registration addListener(DispatchListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }
}
