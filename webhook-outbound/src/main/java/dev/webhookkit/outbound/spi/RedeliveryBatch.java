package dev.webhookkit.outbound.spi;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.outbound.MessageQuery;

/**
 * What one step of a batch redelivery ({@link DeliveryQueue#redeliverBatch}) did.
 *
 * @param scanned how many matching messages the step looked at; 0 means the scan is over (a step may
 *     look at fewer than its limit and still not be the last: rows re-checked under a lock drop out)
 * @param requeued how many of them it put back in the queue
 * @param last the place of the last message looked at, where the next step starts; null when none was
 */
public record RedeliveryBatch(int scanned, int requeued, MessageCursor last) {
    /** The largest step a store must take: {@code redeliverBatch}'s limit is 1 to this. */
    public static final int MAX_LIMIT = 500;

    public RedeliveryBatch {
        if (requeued < 0 || requeued > scanned) {
            throw new IllegalArgumentException("requeued must be between 0 and scanned (" + scanned + ") but was " + requeued);
        }
    }

    /**
     * Checks that messages in {@code state} can be redelivered in a batch: only dead and failed ones can.
     *
     * @throws ConfigurationException naming the state otherwise
     */
    public static MessageQuery.State requireRedeliverable(MessageQuery.State state) {
        if (state != MessageQuery.State.DEAD && state != MessageQuery.State.FAILED) {
            throw new ConfigurationException("only dead or failed messages can be redelivered in a batch, not " + state.id() + " ones");
        }
        return state;
    }

    /** Whether the scan is over. */
    public boolean isEnd() {
        return scanned == 0;
    }
}
