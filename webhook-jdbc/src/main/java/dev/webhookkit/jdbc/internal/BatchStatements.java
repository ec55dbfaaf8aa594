package dev.webhookkit.jdbc.internal;

import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.SettleRequest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outbox's set-based statements: many messages enqueued, or many claimed messages settled, in
 * one statement and one round trip. Each list travels as one array parameter per column and is
 * turned back into rows by {@code unnest}, so the SQL text is the same whatever the batch size:
 * built once here, and prepared once per connection by the driver's statement cache. PostgreSQL only.
 */
public final class BatchStatements {
    private static final String PENDING = DeliveryStatus.PENDING.id();

    private final String enqueueSql;
    private final String settleSql;

    /**
     * @param synchronousSettlements false to commit settlement batches without waiting for their WAL
     *     flush ({@code synchronous_commit} off for that transaction alone)
     */
    public BatchStatements(Tables tables, boolean synchronousSettlements) {
        this.enqueueSql = "INSERT INTO " + tables.outbox() + " (" + OutboxRows.NEW_MESSAGE_COLUMNS + ")"
                + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::bytea[], ?::varchar[], ?::int[],"
                + " ?::timestamptz[], ?::timestamptz[], ?::text[])";
        // The attempts first and unconditionally (recorded also when the lease was lost), then the
        // changes that still hold their lease token; RETURNING names the requests that were applied.
        this.settleSql = "WITH attempt AS (INSERT INTO " + tables.attempt() + " (" + OutboxRows.ATTEMPT_COLUMNS + ")"
                + " SELECT * FROM " + unnestHidingSizes("varchar", "varchar", "int", "text", "timestamptz", "bigint", "varchar", "int", "text", "text",
                        "boolean") + ")"
                + " UPDATE " + tables.outbox() + " o SET status = i.status, next_attempt_at = COALESCE(i.next_at, o.next_attempt_at),"
                + " attempt_count = COALESCE(i.attempt_count, o.attempt_count), lease_owner = NULL, lease_until = NULL, lease_token = NULL,"
                + " updated_at = ?"
                + " FROM " + unnestHidingSizes("int", "varchar", "varchar", "varchar", "timestamptz", "int")
                + " AS i(ord, id, token, status, next_at, attempt_count)"
                // set_config(…, true) lasts until this statement's own commit, which then does not wait for the disk.
                + (synchronousSettlements ? "" : " CROSS JOIN (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit")
                + " WHERE o.id = i.id AND o.status = '" + PENDING + "' AND o.lease_token = i.token RETURNING i.ord";
    }

    /**
     * {@code unnest} of one array parameter per type, each behind a scalar sub-select: the planner
     * then cannot see a batch's size, estimates every batch alike and, after the first five
     * executions, keeps one generic plan per connection instead of planning each batch anew.
     */
    private static String unnestHidingSizes(String... elementTypes) {
        StringBuilder sql = new StringBuilder("unnest(");
        for (int i = 0; i < elementTypes.length; i++) {
            sql.append(i == 0 ? "" : ", ").append("(SELECT ?::").append(elementTypes[i]).append("[])");
        }
        return sql.append(')').toString();
    }

    /** Inserts new pending messages with one statement. */
    public void enqueue(Connection c, List<OutboundMessage> messages) throws SQLException {
        int n = messages.size();
        String[] id = new String[n];
        String[] subscription = new String[n];
        String[] eventType = new String[n];
        String[] createdAt = new String[n];
        byte[][] body = new byte[n][];
        String[] status = new String[n];
        Integer[] attemptCount = new Integer[n];
        String[] nextAttemptAt = new String[n];
        String[] updatedAt = new String[n];
        String[] headers = new String[n];
        for (int i = 0; i < n; i++) {
            OutboundMessage m = messages.get(i);
            id[i] = m.id();
            subscription[i] = m.subscriptionId();
            eventType[i] = m.eventType();
            createdAt[i] = timestamp(m.createdAt());
            body[i] = m.body();
            status[i] = m.status().id();
            attemptCount[i] = m.attemptCount();
            nextAttemptAt[i] = timestamp(m.nextAttemptAt());
            updatedAt[i] = timestamp(m.updatedAt());
            headers[i] = HeadersJson.write(m.headers());
        }
        try (PreparedStatement ps = c.prepareStatement(enqueueSql)) {
            ArrayParams arrays = new ArrayParams(c, ps);
            arrays.of("varchar", id).of("varchar", subscription).of("varchar", eventType).of("varchar", createdAt).of("bytea", body)
                    .of("varchar", status).of("int4", attemptCount).of("varchar", nextAttemptAt).of("varchar", updatedAt).of("text", headers);
            ps.executeUpdate();
        }
    }

    /**
     * Applies settling changes with one statement: every attempt is recorded, each change applied
     * only while the message is pending under the request's lease token.
     *
     * @return whether each request was applied, in the order of {@code requests}
     */
    public List<Boolean> settle(Connection c, List<SettleRequest> requests, Instant changedAt) throws SQLException {
        // Rows are locked in id order, so two batches that touch the same rows (a lost lease) wait, never deadlock.
        List<Integer> order = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> requests.get(i).messageId()));
        List<DeliveryAttempt> attempts = new ArrayList<>(requests.size());
        int n = requests.size();
        Integer[] ord = new Integer[n];
        String[] id = new String[n];
        String[] token = new String[n];
        String[] status = new String[n];
        String[] nextAt = new String[n];
        Integer[] attemptCount = new Integer[n];
        for (int k = 0; k < n; k++) {
            int i = order.get(k);
            SettleRequest r = requests.get(i);
            ord[k] = i;
            id[k] = r.messageId();
            token[k] = r.lease().token();
            status[k] = statusAfter(r.kind());
            nextAt[k] = r.nextAttemptAt() == null ? null : timestamp(r.nextAttemptAt());
            attemptCount[k] = r.attempt() == null ? null : r.attempt().attemptNumber();
        }
        for (SettleRequest r : requests) {
            if (r.attempt() != null) {
                attempts.add(r.attempt());
            }
        }
        try (PreparedStatement ps = c.prepareStatement(settleSql)) {
            ArrayParams arrays = new ArrayParams(c, ps);
            bindAttempts(arrays, attempts);
            arrays.instant(changedAt);
            arrays.of("int4", ord).of("varchar", id).of("varchar", token).of("varchar", status).of("varchar", nextAt).of("int4", attemptCount);
            Boolean[] applied = new Boolean[n];
            java.util.Arrays.fill(applied, Boolean.FALSE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied[rs.getInt(1)] = Boolean.TRUE;
                }
            }
            return List.of(applied);
        }
    }

    private static void bindAttempts(ArrayParams arrays, List<DeliveryAttempt> attempts) throws SQLException {
        int n = attempts.size();
        String[] messageId = new String[n];
        String[] subscription = new String[n];
        Integer[] number = new Integer[n];
        String[] url = new String[n];
        String[] startedAt = new String[n];
        Long[] latency = new Long[n];
        String[] outcome = new String[n];
        Integer[] statusCode = new Integer[n];
        String[] snippet = new String[n];
        String[] error = new String[n];
        Boolean[] unsigned = new Boolean[n];
        for (int i = 0; i < n; i++) {
            DeliveryAttempt a = attempts.get(i);
            messageId[i] = a.messageId();
            subscription[i] = a.subscriptionId();
            number[i] = a.attemptNumber();
            url[i] = Sql.text(a.url());
            startedAt[i] = timestamp(a.startedAt());
            latency[i] = OutboxRows.saturatedNanos(a.latency());
            outcome[i] = a.outcome().id();
            statusCode[i] = a.statusCode();
            snippet[i] = Sql.text(a.responseSnippet());
            error[i] = Sql.text(a.error());
            unsigned[i] = a.unsigned();
        }
        arrays.of("varchar", messageId).of("varchar", subscription).of("int4", number).of("text", url).of("varchar", startedAt)
                .of("int8", latency).of("varchar", outcome).of("int4", statusCode).of("text", snippet).of("text", error).of("bool", unsigned);
    }

    private static String statusAfter(SettleRequest.Kind kind) {
        return switch (kind) {
            case COMPLETE -> DeliveryStatus.DELIVERED.id();
            case DEAD_LETTER -> DeliveryStatus.DEAD_LETTERED.id();
            case RESCHEDULE, RELEASE -> PENDING;
        };
    }

    /** An instant as text the {@code ::timestamptz[]} casts read, cut to the microseconds the columns keep. */
    private static String timestamp(Instant instant) {
        return Sql.micros(instant).toString();
    }

    /** Binds array parameters in the order their {@code ?} appear. */
    private static final class ArrayParams {
        private final Connection connection;
        private final PreparedStatement statement;
        private int next = 1;

        ArrayParams(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        ArrayParams of(String elementType, Object[] values) throws SQLException {
            Array array = connection.createArrayOf(elementType, values);
            statement.setArray(next++, array);
            return this;
        }

        ArrayParams instant(Instant value) throws SQLException {
            Sql.setInstant(statement, next++, value);
            return this;
        }
    }
}
