package dev.webhookkit.jdbc;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.internal.ThrottledLog;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.jdbc.internal.AlertJson;
import dev.webhookkit.jdbc.internal.Sql;
import dev.webhookkit.jdbc.internal.Tables;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventLog} in a database table, so the history of received webhooks survives restarts
 * and every instance of a receiver writes to (and reads) one history.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .eventLog(JdbcEventLog.builder(dataSource).build())
 *     ...
 * }</pre>
 *
 * <p>{@link #record} inserts the record or replaces the one with the same event id (an async
 * event's ACCEPTED, then its outcome), keeping its place in {@link #recent}. Bodies longer than
 * {@link Builder#maxBodyBytes} are cut. A database failure while recording is logged (at most
 * every 30 seconds) and never thrown: the webhook is still answered. Reads throw
 * {@link dev.webhookkit.core.DependencyUnavailableException} when the database cannot be reached.
 *
 * <p>Live listeners belong to the receiver ({@code WebhookReceiver.addRecordListener}) and hear of
 * the records it writes, not of those other instances write. Alerts read back carry no payload (the record's body holds it).
 * The table grows until {@link #purgeReceivedBefore} trims it. Thread-safe.
 */
public final class JdbcEventLog implements EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventLog.class);
    private static final String COLUMNS = "event_id, endpoint, received_at, status, reason, event_type, delivery_key, remote_address,"
            + " body, body_truncated, alerts, message, handler_content_type, handler_body, error, matched_key_id, duration_nanos";

    private final DataSource dataSource;
    private final Tables tables;
    private final int maxBodyBytes;
    private final String upsert;
    private final ThrottledLog failures;

    private JdbcEventLog(Builder b) {
        this.dataSource = b.dataSource;
        this.tables = new Tables(b.tablePrefix);
        this.maxBodyBytes = b.maxBodyBytes;
        this.failures = new ThrottledLog(b.clock, Duration.ofSeconds(30), LOG::warn);
        StringBuilder set = new StringBuilder();
        for (String column : COLUMNS.split(",\\s*")) {
            if (!column.equals("event_id")) {
                set.append(set.length() == 0 ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
            }
        }
        // INSERT … ON CONFLICT is PostgreSQL's upsert; the row keeps its seq, so its place in recent().
        this.upsert = "INSERT INTO " + tables.event() + " (" + COLUMNS + ") VALUES (" + Sql.placeholders(17) + ")"
                + " ON CONFLICT (event_id) DO UPDATE SET " + set;
    }

    /** Starts a configuration around the host's {@link DataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public void record(EventRecord record) {
        EventRecord kept = Objects.requireNonNull(record, "record").truncatedTo(maxBodyBytes);
        try {
            Sql.autoCommit(dataSource, "recording event " + kept.eventId(), c -> {
                try (PreparedStatement ps = c.prepareStatement(upsert)) {
                    bind(ps, kept);
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            failures.failed("event log " + tables.event() + " could not record events: " + e.getMessage());
        }
    }

    private static void bind(PreparedStatement ps, EventRecord r) throws SQLException {
        ps.setString(1, r.eventId());
        ps.setString(2, r.endpoint());
        Sql.setInstant(ps, 3, r.receivedAt());
        ps.setInt(4, r.status());
        ps.setString(5, r.reason().name());
        ps.setString(6, Sql.text(r.eventType()));
        ps.setString(7, Sql.text(r.deliveryKey()));
        ps.setString(8, r.remoteAddress());
        ps.setBytes(9, r.body());
        ps.setBoolean(10, r.bodyTruncated());
        ps.setString(11, Sql.text(AlertJson.write(r.alerts())));
        ps.setString(12, Sql.text(r.message()));
        ps.setString(13, r.handlerResponse().contentType());
        ps.setBytes(14, r.handlerResponse().body());
        ps.setString(15, Sql.text(r.error()));
        ps.setString(16, r.matchedKeyId());
        ps.setLong(17, r.duration().toNanos());
    }

    @Override
    public List<EventRecord> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 but was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return Sql.autoCommit(dataSource, "reading recent events", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + tables.event() + " ORDER BY seq DESC LIMIT ?")) {
                ps.setInt(1, limit);
                return read(ps);
            }
        });
    }

    @Override
    public Optional<EventRecord> find(String eventId) {
        Objects.requireNonNull(eventId, "eventId");
        return Sql.autoCommit(dataSource, "reading event " + eventId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + tables.event() + " WHERE event_id = ?")) {
                ps.setString(1, eventId);
                List<EventRecord> found = read(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    private static List<EventRecord> read(PreparedStatement ps) throws SQLException {
        List<EventRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new EventRecord(rs.getString("event_id"), rs.getString("endpoint"), Sql.getInstant(rs, "received_at"),
                        rs.getInt("status"), Reason.valueOf(rs.getString("reason")), rs.getString("event_type"),
                        rs.getString("delivery_key"), rs.getString("remote_address"), rs.getBytes("body"),
                        rs.getBoolean("body_truncated"), AlertJson.read(rs.getString("alerts")), rs.getString("message"),
                        new HandlerResponse(rs.getString("handler_content_type"), rs.getBytes("handler_body")),
                        rs.getString("error"), rs.getString("matched_key_id"), Duration.ofNanos(rs.getLong("duration_nanos"))));
            }
        }
        return out;
    }

    /**
     * Deletes the records of events received before {@code before}.
     *
     * @return the number deleted
     */
    public int purgeReceivedBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return Sql.autoCommit(dataSource, "purging events", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.event() + " WHERE received_at < ?")) {
                Sql.setInstant(ps, 1, before);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public String toString() {
        return "JdbcEventLog[" + tables.event() + ", maxBodyBytes=" + maxBodyBytes + "]";
    }

    /** Configures a {@link JdbcEventLog}; not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix = Tables.DEFAULT_PREFIX;
        private int maxBodyBytes = EventLog.DEFAULT_MAX_BODY_BYTES;
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The prefix of the table names (default {@value Tables#DEFAULT_PREFIX}), as given to {@link JdbcSchema#create(DataSource, String)}. */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = Objects.requireNonNull(tablePrefix, "tablePrefix");
            return this;
        }

        /** Body bytes kept per record (default {@link EventLog#DEFAULT_MAX_BODY_BYTES}); longer bodies are cut and marked truncated. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Clock for spacing the failure log lines (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws ConfigurationException naming the setting when one is invalid */
        public JdbcEventLog build() {
            if (maxBodyBytes < 0) {
                throw new ConfigurationException("maxBodyBytes must be >= 0 but was " + maxBodyBytes);
            }
            new Tables(tablePrefix);
            return new JdbcEventLog(this);
        }
    }
}
