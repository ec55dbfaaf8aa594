package dev.webhookkit.outbound.spi;

import dev.webhookkit.core.Page;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read-only views of the messages a {@link DeliveryQueue} holds, for operators and the
 * dispatcher's {@link dev.webhookkit.outbound.DeliveryLog}: one message, a subscription's messages,
 * the messages in a status (the dead-letter list), pages of a {@link MessageQuery}, counts and the
 * oldest queued message. Each answer reflects every change the
 * queue made before the call. Implementations must be thread-safe and pass
 * {@code DeliveryQueriesContractTest} (webhook-testing).
 */
public interface DeliveryQueries {

    /** The message as stored now, with its lease if claimed; empty when unknown (or no longer kept). */
    Optional<OutboundMessage> message(String messageId);

    /** The subscription's messages, newest first (by creation time), at most {@code limit}. */
    List<OutboundMessage> messagesForSubscription(String subscriptionId, int limit);

    /** Messages in a status, newest first (by last change), at most {@code limit}: the dead-letter list for {@link DeliveryStatus#DEAD_LETTERED}. */
    List<OutboundMessage> messagesWithStatus(DeliveryStatus status, int limit);

    /** How many messages are in a status now. */
    long count(DeliveryStatus status);

    /**
     * The messages that pass the query's filters, newest first, one page at a time.
     * @throws dev.webhookkit.core.ConfigurationException for a cursor this store did not hand out
     */
    default Page<OutboundMessage> messages(MessageQuery query) {
        throw new UnsupportedOperationException(getClass().getName() + " does not answer message queries");
    }

    /**
     * The creation time of the oldest message still queued (pending, including
     * {@linkplain MessageQuery.State#FAILED failed} ones waiting for a retry); empty when none is.
     * The default is empty: a store that cannot tell.
     */
    default Optional<Instant> oldestPending() {
        return Optional.empty();
    }
}
