package dev.webhookkit.outbound;

import dev.webhookkit.core.ConfigurationException;
import java.util.Locale;

/**
 * A search of the outbox: optionally one subscription's messages and one {@link State}, newest
 * first (by creation time, then id), in pages of at most {@link #limit()}.
 *
 * @param subscriptionId only this subscription's messages, null for all
 * @param state only messages in this state, null for all
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param cursor the {@link dev.webhookkit.core.Page#next()} of the previous page, null for the first
 */
public record MessageQuery(String subscriptionId, State state, int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public MessageQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ConfigurationException("limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
        }
    }

    public static MessageQuery all() {
        return new MessageQuery(null, null, DEFAULT_LIMIT, null);
    }

    public MessageQuery withSubscription(String subscriptionId) {
        return new MessageQuery(subscriptionId, state, limit, cursor);
    }

    public MessageQuery withState(State state) {
        return new MessageQuery(subscriptionId, state, limit, cursor);
    }

    public MessageQuery withLimit(int limit) {
        return new MessageQuery(subscriptionId, state, limit, cursor);
    }

    public MessageQuery withCursor(String cursor) {
        return new MessageQuery(subscriptionId, state, limit, cursor);
    }

    /** Whether a message passes the filters (not the cursor). */
    public boolean matches(OutboundMessage message) {
        return (subscriptionId == null || subscriptionId.equals(message.subscriptionId()))
                && (state == null || state == State.of(message));
    }

    /**
     * Where a message stands, as operators ask for it; the four are disjoint.
     * PENDING: queued, not yet attempted. FAILED: queued again after a failed attempt (retrying).
     * DELIVERED: a subscriber accepted it. DEAD: retries exhausted or given up.
     */
    public enum State {
        PENDING,
        FAILED,
        DELIVERED,
        DEAD;

        /** {@code pending}, {@code failed}, {@code delivered}, {@code dead}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws ConfigurationException for anything but the four ids */
        public static State fromId(String id) {
            for (State state : values()) {
                if (state.id().equals(id)) {
                    return state;
                }
            }
            throw new ConfigurationException("state must be one of pending, failed, delivered, dead but was '" + id + "'");
        }

        public static State of(OutboundMessage message) {
            return switch (message.status()) {
                case DELIVERED -> DELIVERED;
                case DEAD_LETTERED -> DEAD;
                case PENDING -> message.attemptCount() == 0 ? PENDING : FAILED;
            };
        }
    }
}
