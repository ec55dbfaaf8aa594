package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.Registration;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dispatcher's listeners; one that throws is logged and the others still hear. */
final class Listeners implements DispatchListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<DispatchListener> listeners = new CopyOnWriteArrayList<>();

    Listeners(List<DispatchListener> initial) {
        listeners.addAll(initial);
    }

    Registration add(DispatchListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void each(String hook, Consumer<DispatchListener> call) {
        for (DispatchListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("dispatch listener {} failed in {}", l.getClass().getName(), hook, e);
            }
        }
    }

    @Override
    public void onAttempt(DeliveryAttempt attempt) {
        each("onAttempt", l -> l.onAttempt(attempt));
    }

    @Override
    public void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
        each("onDelivered", l -> l.onDelivered(message, attempt));
    }

    @Override
    public void onRetryScheduled(OutboundMessage message, DeliveryAttempt attempt) {
        each("onRetryScheduled", l -> l.onRetryScheduled(message, attempt));
    }

    @Override
    public void onDeadLettered(OutboundMessage message, DeliveryAttempt attempt) {
        each("onDeadLettered", l -> l.onDeadLettered(message, attempt));
    }

    @Override
    public void onSubscriptionDisabled(Subscription subscription, DisableReason reason) {
        each("onSubscriptionDisabled", l -> l.onSubscriptionDisabled(subscription, reason));
    }
}
