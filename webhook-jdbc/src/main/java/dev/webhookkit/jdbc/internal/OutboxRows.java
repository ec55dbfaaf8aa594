package dev.webhookkit.jdbc.internal;

import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.OutboundMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** Maps outbox and attempt rows to and from the core value types. */
public final class OutboxRows {
    /** The outbox columns {@link #message} reads, in SELECT order. */
    public static final String MESSAGE_COLUMNS =
            "id, subscription_id, event_type, created_at, body, status, attempt_count, next_attempt_at, updated_at, lease_owner, lease_until, lease_token,"
            + " headers";
    /** The attempt columns {@link #attempt} reads and {@link #bindAttempt} writes, in that order. */
    public static final String ATTEMPT_COLUMNS =
            "message_id, subscription_id, attempt_number, url, started_at, latency_nanos, outcome, status_code, response_snippet, error, unsigned";
    /** The outbox columns an enqueue writes ({@link BatchStatements#enqueue}), in that order. */
    public static final String NEW_MESSAGE_COLUMNS =
            "id, subscription_id, event_type, created_at, body, status, attempt_count, next_attempt_at, updated_at, headers";

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
                .headers(HeadersJson.read(rs.getString("headers")))
                .build();
    }

    /** {@code (?, …)} for one row of {@code columns}, a comma-separated list. */
    public static String valuesFor(String columns) {
        return "(" + Sql.placeholders(columns.split(",").length) + ")";
    }

    /** Binds an attempt's {@link #ATTEMPT_COLUMNS}. */
    public static void bindAttempt(Binder b, DeliveryAttempt a) throws SQLException {
        b.string(a.messageId()).string(a.subscriptionId()).integer(a.attemptNumber()).string(Sql.text(a.url()))
                .instant(a.startedAt()).longValue(saturatedNanos(a.latency())).string(a.outcome().id()).integer(a.statusCode())
                .string(Sql.text(a.responseSnippet())).string(Sql.text(a.error())).bool(a.unsigned());
    }

    public static DeliveryAttempt attempt(ResultSet rs) throws SQLException {
        return new DeliveryAttempt(rs.getString("message_id"), rs.getString("subscription_id"), rs.getInt("attempt_number"),
                rs.getString("url"), Sql.getInstant(rs, "started_at"), Duration.ofNanos(rs.getLong("latency_nanos")),
                AttemptOutcome.fromId(rs.getString("outcome")), rs.getInt("status_code"), rs.getString("response_snippet"),
                rs.getString("error"), rs.getBoolean("unsigned"));
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
