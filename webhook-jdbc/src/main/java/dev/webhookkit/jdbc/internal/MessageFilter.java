package dev.webhookkit.jdbc.internal;

import dev.webhookkit.outbound.MessageQuery;
import java.sql.SQLException;

/**
 * The WHERE clause of a message query's filters over the outbox: a subscription and an operator
 * {@link MessageQuery.State}, which maps to the stored status plus, for pending and failed, whether
 * an attempt was made.
 *
 * @param subscriptionId null for every subscription
 * @param state null for every state
 */
public record MessageFilter(String subscriptionId, MessageQuery.State state) {

    public static MessageFilter of(String subscriptionId, MessageQuery.State state) {
        return new MessageFilter(subscriptionId, state);
    }

    /** {@code " WHERE …"}, or empty without filters; its parameters are bound by {@link #bind}. */
    public String where() {
        StringBuilder sql = new StringBuilder();
        if (state != null) {
            sql.append(" WHERE ").append(switch (state) {
                case PENDING -> "status = 'pending' AND attempt_count = 0";
                case FAILED -> "status = 'pending' AND attempt_count > 0";
                case DELIVERED -> "status = 'delivered'";
                case DEAD -> "status = 'dead_lettered'";
            });
        }
        if (subscriptionId != null) {
            sql.append(state == null ? " WHERE " : " AND ").append("subscription_id = ?");
        }
        return sql.toString();
    }

    public void bind(Binder binder) throws SQLException {
        if (subscriptionId != null) {
            binder.string(subscriptionId);
        }
    }
}
