package dev.webhookkit.outbound;

import dev.webhookkit.core.Page;
import dev.webhookkit.core.Registration;
import java.util.List;
import java.util.Optional;

/**
 * What happened to every message: each attempt with its time, status, latency and the answer's
 * first bytes or the error, queryable per message and per subscription, with live listeners. A
 * view of the dispatcher's {@link dev.webhookkit.outbound.spi.DeliveryStore}, so with a shared store it
 * shows every instance's attempts. Thread-safe.
 */
public interface DeliveryLog {

    Optional<OutboundMessage> message(String messageId);

    /** Every attempt of a message, oldest first. */
    List<DeliveryAttempt> attempts(String messageId);

    /** The subscription's latest attempts, newest first. */
    List<DeliveryAttempt> attemptsForSubscription(String subscriptionId, int limit);

    /** The subscription's latest messages, newest first. */
    List<OutboundMessage> messagesForSubscription(String subscriptionId, int limit);

    /** Messages given up, latest first; {@link WebhookDispatcher#redeliver(String)} sends one again. */
    default List<OutboundMessage> deadLetters(int limit) {
        return messages(DeliveryStatus.DEAD_LETTERED, limit);
    }

    /** Messages in a status, latest change first. */
    List<OutboundMessage> messages(DeliveryStatus status, int limit);

    /**
     * The messages that pass the query's filters, newest first (by creation time, then id), one page
     * at a time: pass {@link dev.webhookkit.core.Page#next()} as the next query's cursor.
     *
     * @throws dev.webhookkit.core.ConfigurationException for a cursor the log did not hand out
     */
    Page<OutboundMessage> messages(MessageQuery query);

    /** How many messages are in a status. */
    long count(DeliveryStatus status);

    /** Adds a listener told of every attempt and outcome from now on. */
    Registration addListener(DispatchListener listener);
}
