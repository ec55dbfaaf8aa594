package dev.webhookkit.jdbc.internal;

import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.OutboundMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** Maps outbox and attempt rows to and from the core value types. */
public final class OutboxRows {
    /** The outbox columns {@link #message} reads, in SELECT order. */
    public static final String MESSAGE_COLUMNS =
            "id, subscription_id, event_type, created_at, body, status, attempt_count, next_attempt_at, updated_at, lease_owner, lease_until, lease_token";
    /** The attempt columns {@link #attempt} reads and {@link #bindAttempt} writes. */
    public static final String ATTEMPT_COLUMNS =
            "message_id, subscription_id, attempt_number, url, started_at, latency_nanos, outcome, status_code, response_snippet, error";

    private OutboxRows() {
    }

    public static OutboundMessage message(ResultSet rs) throws SQLException {
        String leaseOwner = rs.getString("lease_owner");
        Instant leaseUntil = Sql.getInstant(rs, "lease_until");
        String leaseToken = rs.getString("lease_token");
        return OutboundMessage.builder(rs.getString("id"), rs.getString("subscription_id"), rs.getString("event_type"),
                        Sql.getInstant(rs, "created_at"), rs.getBytes("body"))
                .status(DeliveryStatus.fromId(rs.getString("status")))
                .attemptCount(rs.getInt("attempt_count"))
                .nextAttemptAt(Sql.getInstant(rs, "next_attempt_at"))
                .updatedAt(Sql.getInstant(rs, "updated_at"))
                .lease(leaseOwner == null || leaseUntil == null || leaseToken == null ? null
                        : new OutboundMessage.Lease(leaseOwner, leaseUntil, leaseToken))
                .build();
    }

    /** Binds a new pending message to {@code INSERT … (id, subscription_id, event_type, created_at, body, status, attempt_count, next_attempt_at, updated_at)}. */
    public static void bindNewMessage(PreparedStatement ps, OutboundMessage m) throws SQLException {
        ps.setString(1, m.id());
        ps.setString(2, m.subscriptionId());
        ps.setString(3, m.eventType());
        Sql.setInstant(ps, 4, m.createdAt());
        ps.setBytes(5, m.body());
        ps.setString(6, m.status().id());
        ps.setInt(7, m.attemptCount());
        Sql.setInstant(ps, 8, m.nextAttemptAt());
        Sql.setInstant(ps, 9, m.updatedAt());
    }

    public static void bindAttempt(PreparedStatement ps, DeliveryAttempt a) throws SQLException {
        ps.setString(1, a.messageId());
        ps.setString(2, a.subscriptionId());
        ps.setInt(3, a.attemptNumber());
        ps.setString(4, Sql.text(a.url()));
        Sql.setInstant(ps, 5, a.startedAt());
        ps.setLong(6, saturatedNanos(a.latency()));
        ps.setString(7, a.outcome().id());
        ps.setInt(8, a.statusCode());
        ps.setString(9, Sql.text(a.responseSnippet()));
        ps.setString(10, Sql.text(a.error()));
    }

    public static DeliveryAttempt attempt(ResultSet rs) throws SQLException {
        return new DeliveryAttempt(rs.getString("message_id"), rs.getString("subscription_id"), rs.getInt("attempt_number"),
                rs.getString("url"), Sql.getInstant(rs, "started_at"), Duration.ofNanos(rs.getLong("latency_nanos")),
                AttemptOutcome.fromId(rs.getString("outcome")), rs.getInt("status_code"), rs.getString("response_snippet"),
                rs.getString("error"));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
