package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.Registration;
import dev.webhookkit.core.internal.Fanout;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.Subscription;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's listeners as one: each hook is told through the shared {@link Fanout}, so one
 * listener that throws (even an {@code Error}) is logged, the others still hear, and the worker
 * that told them goes on.
 */
final class Listeners implements DispatchListener {
    private final Fanout<DispatchListener> fanout = new Fanout<>(LoggerFactory.getLogger(Listeners.class));

    Listeners(List<DispatchListener> initial) {
        initial.forEach(fanout::add);
    }

    Registration add(DispatchListener listener) {
        return fanout.add(listener);
    }

    @Override
    public void onAttemptStarting(OutboundMessage message, int attemptNumber) {
        fanout.tell(l -> l.onAttemptStarting(message, attemptNumber), "onAttemptStarting");
    }

    @Override
    public void onAttempt(DeliveryAttempt attempt) {
        fanout.tell(l -> l.onAttempt(attempt), "onAttempt");
    }

    @Override
    public void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
        fanout.tell(l -> l.onDelivered(message, attempt), "onDelivered");
    }

    @Override
    public void onRetryScheduled(OutboundMessage message, DeliveryAttempt attempt) {
        fanout.tell(l -> l.onRetryScheduled(message, attempt), "onRetryScheduled");
    }

    @Override
    public void onDeadLettered(OutboundMessage message, DeliveryAttempt attempt) {
        fanout.tell(l -> l.onDeadLettered(message, attempt), "onDeadLettered");
    }

    @Override
    public void onSubscriptionDisabled(Subscription subscription, DisableReason reason) {
        fanout.tell(l -> l.onSubscriptionDisabled(subscription, reason), "onSubscriptionDisabled");
    }
}
