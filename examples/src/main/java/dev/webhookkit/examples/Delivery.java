package dev.webhookkit.examples;

import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.util.List;
import java.util.Objects;

/**
 * One outbound message and its attempts, as the dispatcher's delivery log has them.
 *
 * @param message the message (id, event type, status)
 * @param attempts its attempts, oldest first
 */
public record Delivery(OutboundMessage message, List<DeliveryAttempt> attempts) {
    public Delivery {
        Objects.requireNonNull(message, "message");
        attempts = List.copyOf(attempts);
    }

    /** The deliveries of these messages from the dispatcher's log, in the order given. */
    public static List<Delivery> of(WebhookDispatcher dispatcher, List<String> messageIds) {
        return messageIds.stream()
                .map(id -> new Delivery(dispatcher.log().message(id).orElseThrow(
                        () -> new IllegalStateException("message " + id + " is not in the delivery log")), dispatcher.log().attempts(id)))
                .toList();
    }

    /** The latest attempt. @throws IllegalStateException when there was none */
    public DeliveryAttempt lastAttempt() {
        if (attempts.isEmpty()) {
            throw new IllegalStateException("message " + message.id() + " was never attempted");
        }
        return attempts.get(attempts.size() - 1);
    }
}
