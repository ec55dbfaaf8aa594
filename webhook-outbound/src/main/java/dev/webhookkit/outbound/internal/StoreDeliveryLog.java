package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.Registration;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryLog;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The delivery log as a view of the store plus the dispatcher's listeners. */
final class StoreDeliveryLog implements DeliveryLog {
    private final DeliveryStore store;
    private final Listeners listeners;

    StoreDeliveryLog(DeliveryStore store, Listeners listeners) {
        this.store = store;
        this.listeners = listeners;
    }

    @Override
    public Optional<OutboundMessage> message(String messageId) {
        return store.message(messageId);
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
    public List<OutboundMessage> messagesForSubscription(String subscriptionId, int limit) {
        return store.messagesForSubscription(subscriptionId, limit);
    }

    @Override
    public List<OutboundMessage> messages(DeliveryStatus status, int limit) {
        return store.messagesWithStatus(status, limit);
    }

    @Override
    public long count(DeliveryStatus status) {
        return store.count(status);
    }

    @Override
    public Registration addListener(DispatchListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }
}
