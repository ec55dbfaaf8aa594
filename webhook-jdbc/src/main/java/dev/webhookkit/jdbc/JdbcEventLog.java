package dev.webhookkit.jdbc;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventQuery;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Page;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.internal.EventCursor;
import dev.webhookkit.core.internal.ThrottledLog;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.jdbc.internal.AlertJson;
import dev.webhookkit.jdbc.internal.Binder;
import dev.webhookkit.jdbc.internal.ActionsJson;
import dev.webhookkit.jdbc.internal.HeadersJson;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * The table grows until {@link #purgeReceivedBefore} trims it, or a {@link Builder#retention}
 * purges what is older in bounded batches on a schedule; {@link #close()} stops that schedule.
 * {@link #query} pages newest first with an opaque cursor. Thread-safe.
 */
public final class JdbcEventLog implements EventLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventLog.class);
    private static final String COLUMNS = "event_id, endpoint, received_at, status, reason, event_type, delivery_key, remote_address,"
            + " body, body_truncated, alerts, message, handler_content_type, handler_body, error, matched_key_id, duration_nanos,"
            + " headers, verified, replay_of, tenant, accepted_unsigned, actions";
    /** {@link #COLUMNS} with the payloads (bodies, headers, actions) left out, for lists. */
    private static final String SUMMARY_COLUMNS = COLUMNS
            .replace(" body,", " ''::bytea AS body,").replace(" handler_body,", " ''::bytea AS handler_body,")
            .replace(" headers,", " '[]' AS headers,").replace(" actions", " '[]' AS actions");
    /** Newest first; event ids in byte order, which the query indexes are built in. */
    private static final String NEWEST_FIRST = " ORDER BY received_at DESC, event_id COLLATE \"C\" DESC";

    /** Rows one purge statement deletes by default. */
    public static final int DEFAULT_PURGE_BATCH_SIZE = 1_000;
    /** Purge statements one purge runs at most by default (100,000 rows). */
    public static final int DEFAULT_MAX_BATCHES_PER_PURGE = 100;
    /** Time between scheduled purges by default. */
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final Tables tables;
    private final int maxBodyBytes;
    private final String upsert;
    private final ThrottledLog failures;
    private final Clock clock;
    private final Duration retention;
    private final int purgeBatchSize;
    private final int maxBatchesPerPurge;
    private final ScheduledExecutorService purger;

    private JdbcEventLog(Builder b) {
        this.dataSource = b.dataSource;
        this.tables = new Tables(b.tablePrefix);
        this.maxBodyBytes = b.maxBodyBytes;
        this.clock = b.clock;
        this.failures = new ThrottledLog(b.clock, Duration.ofSeconds(30), LOG::warn);
        this.retention = b.retention;
        this.purgeBatchSize = b.purgeBatchSize;
        this.maxBatchesPerPurge = b.maxBatchesPerPurge;
        this.purger = retention == null ? null : startPurger(b.purgeInterval);
        StringBuilder set = new StringBuilder();
        for (String column : COLUMNS.split(",\\s*")) {
            if (!column.equals("event_id")) {
                set.append(set.length() == 0 ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
            }
        }
        // INSERT … ON CONFLICT is PostgreSQL's upsert; the row keeps its seq, so its place in recent().
        this.upsert = "INSERT INTO " + tables.event() + " (" + COLUMNS + ") VALUES (" + Sql.placeholders(23) + ")"
                + " ON CONFLICT (event_id) DO UPDATE SET " + set;
    }

    private ScheduledExecutorService startPurger(Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhookkit-event-retention-" + tables.event());
            t.setDaemon(true); // never keeps the JVM alive; close() stops it
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::purgeOnSchedule, millis, millis, TimeUnit.MILLISECONDS);
        return executor;
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
        ps.setString(18, Sql.text(HeadersJson.write(r.headers())));
        ps.setBoolean(19, r.verified());
        ps.setString(20, r.replayOf());
        ps.setString(21, r.tenant());
        ps.setBoolean(22, r.acceptedUnsigned());
        ps.setString(23, Sql.text(ActionsJson.write(r.actions())));
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

    /**
     * Keyset paging on (received_at, event_id) newest first: each page is one range scan of an
     * index ({@code _event_time}, or {@code _event_endpoint_time} / {@code _event_reason_time}
     * when filtered by endpoint or reason), however deep the page, and records written between
     * pages never shift the rest.
     */
    @Override
    public Page<EventRecord> query(EventQuery query) {
        return query(query, COLUMNS);
    }

    /** Leaves the bodies, headers and actions out of the rows read. */
    @Override
    public Page<EventRecord> querySummaries(EventQuery query) {
        return query(query, SUMMARY_COLUMNS);
    }

    private Page<EventRecord> query(EventQuery query, String columns) {
        Objects.requireNonNull(query, "query");
        EventCursor after = query.cursor() == null ? null : EventCursor.decode(query.cursor());
        List<String> where = new ArrayList<>();
        List<Binder.Binding> bindings = new ArrayList<>();
        if (query.endpoint() != null) {
            where.add("endpoint = ?");
            bindings.add(b -> b.string(query.endpoint()));
        }
        if (query.reason() != null) {
            where.add("reason = ?");
            bindings.add(b -> b.string(query.reason().name()));
        }
        if (query.since() != null) {
            where.add("received_at >= ?");
            bindings.add(b -> b.instant(query.since()));
        }
        if (query.until() != null) {
            where.add("received_at < ?");
            bindings.add(b -> b.instant(query.until()));
        }
        if (after != null) {
            where.add("(received_at, event_id COLLATE \"C\") < (?, ?)");
            bindings.add(b -> b.instant(after.receivedAt()).string(after.eventId()));
        }
        String sql = "SELECT " + columns + " FROM " + tables.event() + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + NEWEST_FIRST + " LIMIT ?";
        List<EventRecord> found = Sql.autoCommit(dataSource, "querying events", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Binder binder = new Binder(ps);
                for (Binder.Binding binding : bindings) {
                    binding.bind(binder);
                }
                binder.integer(query.limit() + 1); // one more tells whether a next page exists
                return read(ps);
            }
        });
        if (found.size() <= query.limit()) {
            return Page.last(found);
        }
        List<EventRecord> page = found.subList(0, query.limit());
        return new Page<>(page, EventCursor.after(page.get(page.size() - 1)));
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
                        rs.getString("error"), rs.getString("matched_key_id"), Duration.ofNanos(rs.getLong("duration_nanos")),
                        HeadersJson.read(rs.getString("headers")), rs.getBoolean("verified"), rs.getString("replay_of"),
                        rs.getString("tenant"), rs.getBoolean("accepted_unsigned"),
                        ActionsJson.read(rs.getString("actions"))));
            }
        }
        return out;
    }

    /**
     * Deletes the records of events received before {@code before}, {@link Builder#purgeBatchSize}
     * rows per statement, until none is left.
     *
     * @return the number deleted
     */
    public int purgeReceivedBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return purge(before, Integer.MAX_VALUE);
    }

    /**
     * Deletes the records older than the {@linkplain Builder#retention retention}, in batches of
     * {@link Builder#purgeBatchSize} rows (one short statement each, so neither locks nor WAL pile
     * up) and at most {@link Builder#maxBatchesPerPurge} batches per call; what is left is taken
     * by the next call. The log calls this on its own every {@link Builder#purgeInterval}.
     *
     * @return the number deleted
     * @throws ConfigurationException when the log was built without a retention
     * @throws dev.webhookkit.core.DependencyUnavailableException when the database cannot be reached
     */
    public int purgeExpired() {
        if (retention == null) {
            throw new ConfigurationException("purgeExpired() needs a retention: build the log with retention(Duration)");
        }
        return purge(clock.instant().minus(retention), maxBatchesPerPurge);
    }

    private int purge(Instant before, int maxBatches) {
        String sql = "DELETE FROM " + tables.event() + " WHERE event_id IN (SELECT event_id FROM " + tables.event()
                + " WHERE received_at < ? ORDER BY received_at LIMIT ?)";
        int total = 0;
        for (int batch = 0; batch < maxBatches; batch++) {
            int deleted = Sql.autoCommit(dataSource, "purging events", c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    new Binder(ps).instant(before).integer(purgeBatchSize);
                    return ps.executeUpdate();
                }
            });
            total += deleted;
            if (deleted < purgeBatchSize) {
                break;
            }
        }
        return total;
    }

    private void purgeOnSchedule() {
        try {
            int deleted = purgeExpired();
            if (deleted > 0) {
                LOG.debug("event log {}: purged {} records older than {}", tables.event(), deleted, retention);
            }
        } catch (RuntimeException e) {
            failures.failed("event log " + tables.event() + " could not purge expired events: " + e.getMessage());
        }
    }

    /** Stops the retention schedule (if any); the data source stays the host's. Idempotent. */
    @Override
    public void close() {
        if (purger != null) {
            purger.shutdownNow();
        }
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
        private Duration retention;
        private int purgeBatchSize = DEFAULT_PURGE_BATCH_SIZE;
        private int maxBatchesPerPurge = DEFAULT_MAX_BATCHES_PER_PURGE;
        private Duration purgeInterval = DEFAULT_PURGE_INTERVAL;

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

        /**
         * Keeps records for this long after they were received: older ones are deleted every
         * {@link #purgeInterval} by a daemon thread of the log's own (stopped by
         * {@link JdbcEventLog#close()}), or on demand by {@link JdbcEventLog#purgeExpired()}.
         * Default: none, the table grows until the host trims it.
         */
        public Builder retention(Duration retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** Rows deleted per statement when purging (default {@value JdbcEventLog#DEFAULT_PURGE_BATCH_SIZE}). */
        public Builder purgeBatchSize(int purgeBatchSize) {
            this.purgeBatchSize = purgeBatchSize;
            return this;
        }

        /** Batches one purge runs at most (default {@value JdbcEventLog#DEFAULT_MAX_BATCHES_PER_PURGE}); the rest waits for the next. */
        public Builder maxBatchesPerPurge(int maxBatchesPerPurge) {
            this.maxBatchesPerPurge = maxBatchesPerPurge;
            return this;
        }

        /** Time between scheduled purges when a retention is set (default 10 minutes, the first one after that long). */
        public Builder purgeInterval(Duration purgeInterval) {
            this.purgeInterval = Objects.requireNonNull(purgeInterval, "purgeInterval");
            return this;
        }

        /** Clock for the retention cut-off and for spacing the failure log lines (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws ConfigurationException naming the setting when one is invalid */
        public JdbcEventLog build() {
            if (maxBodyBytes < 0) {
                throw new ConfigurationException("maxBodyBytes must be >= 0 but was " + maxBodyBytes);
            }
            if (retention != null && (retention.isNegative() || retention.isZero())) {
                throw new ConfigurationException("retention must be > 0 but was " + retention);
            }
            if (purgeBatchSize <= 0) {
                throw new ConfigurationException("purgeBatchSize must be > 0 but was " + purgeBatchSize);
            }
            if (maxBatchesPerPurge <= 0) {
                throw new ConfigurationException("maxBatchesPerPurge must be > 0 but was " + maxBatchesPerPurge);
            }
            if (purgeInterval.isNegative() || purgeInterval.isZero()) {
                throw new ConfigurationException("purgeInterval must be > 0 but was " + purgeInterval);
            }
            new Tables(tablePrefix);
            return new JdbcEventLog(this);
        }
    }
}
