package dev.webhookkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A fixture for purge tests and benchmarks (shared with webhook-benchmarks through this module's
 * test jar): finished messages, one attempt each, written by SQL ({@code generate_series}) into
 * two day tables of an outbox under a prefix whose tables exist ({@link JdbcSchema#create}), three
 * and two days ago (UTC), as the dispatcher would have left them; plus two messages a purge must
 * keep with their attempts. Each day is filled before it is attached, so its indexes are built
 * once rather than row by row: a million rows take tens of seconds, a hundred thousand a few.
 *
 * <p>Not thread-safe; one instance writes one prefix's days once.
 */
public final class FinishedDays {
    /** Created three days ago, finished today: kept, with its attempt of three days ago. */
    public static final String KEPT_FINISHED = "kept-finished";
    /** Created three days ago, still pending: kept, with its attempt of three days ago. */
    public static final String KEPT_PENDING = "kept-pending";
    /** Status code of the kept messages' attempts (the finished ones answered 200). */
    public static final int KEPT_ATTEMPT_STATUS = 503;

    private final DataSource db;
    private final String prefix;
    private final int messages;
    private final LocalDate today;

    /**
     * @param db where the tables are
     * @param prefix their prefix
     * @param messages finished messages to write, half on each day (an even number)
     */
    public FinishedDays(DataSource db, String prefix, int messages) {
        if (messages < 2 || messages % 2 != 0) {
            throw new IllegalArgumentException("messages must be an even number >= 2 but was " + messages);
        }
        this.db = Objects.requireNonNull(db, "db");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.messages = messages;
        this.today = LocalDate.now(ZoneOffset.UTC);
    }

    /** The id of the n-th finished message, 1 to {@code messages}. */
    public static String finishedId(int n) {
        return "old-" + n;
    }

    /** The two days written, earliest first. */
    public LocalDate[] days() {
        return new LocalDate[] {today.minusDays(3), today.minusDays(2)};
    }

    /** The cut-off that expires both days and keeps the kept messages: the start of yesterday. */
    public Instant cutoff() {
        return today.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Writes the finished messages, their attempts and the kept messages, then analyzes and checkpoints. */
    public void write() {
        int perDay = messages / 2;
        LocalDate[] days = days();
        for (int d = 0; d < days.length; d++) {
            String table = days[d].toString().replace("-", "");
            String from = "TIMESTAMP WITH TIME ZONE '" + days[d].atStartOfDay(ZoneOffset.UTC).toInstant() + "'";
            String bounds = " FOR VALUES FROM (" + from + ") TO (" + from + " + INTERVAL '1 day')";
            String at = from + " + (g - 1) * INTERVAL '" + (86_400_000L / perDay) + " milliseconds'";
            String id = "'old-' || (g + " + d * perDay + ")";
            String rows = " FROM generate_series(1, " + perDay + ") g";
            sql("CREATE TABLE " + prefix + "outbox_d" + table + " (LIKE " + prefix + "outbox INCLUDING DEFAULTS)");
            sql("INSERT INTO " + prefix + "outbox_d" + table + " (id, subscription_id, event_type, created_at, body, status, attempt_count,"
                    + " next_attempt_at, updated_at) SELECT " + id + ", 's' || (g % 16), 'order.created', " + at + ", '\\x7b7d', 'delivered', 1, "
                    + at + ", " + at + rows);
            sql("ALTER TABLE " + prefix + "outbox_finished ATTACH PARTITION " + prefix + "outbox_d" + table + bounds);
            sql("CREATE TABLE " + prefix + "attempt_d" + table + " (LIKE " + prefix + "attempt INCLUDING DEFAULTS)");
            sql("INSERT INTO " + prefix + "attempt_d" + table + " (message_id, subscription_id, attempt_number, url, started_at, latency_nanos,"
                    + " outcome, status_code, response_snippet, error) SELECT " + id + ", 's' || (g % 16), 1, 'http://127.0.0.1:1/hook', "
                    + at + ", 5000000, 'success', 200, '', ''" + rows);
            sql("ALTER TABLE " + prefix + "attempt_by_day ATTACH PARTITION " + prefix + "attempt_d" + table + bounds);
        }
        Instant threeDaysAgo = days[0].atStartOfDay(ZoneOffset.UTC).toInstant();
        sql("INSERT INTO " + prefix + "outbox (id, subscription_id, event_type, created_at, body, status, attempt_count, next_attempt_at, updated_at)"
                + " VALUES ('" + KEPT_FINISHED + "', 's1', 'e', TIMESTAMP WITH TIME ZONE '" + threeDaysAgo + "', '\\x7b7d', 'delivered', 2, now(), now()),"
                + " ('" + KEPT_PENDING + "', 's1', 'e', TIMESTAMP WITH TIME ZONE '" + threeDaysAgo + "', '\\x7b7d', 'pending', 1,"
                + " now() + INTERVAL '1 day', now())");
        sql("INSERT INTO " + prefix + "attempt (message_id, subscription_id, attempt_number, url, started_at, latency_nanos, outcome, status_code,"
                + " response_snippet, error) SELECT id, 's1', 1, 'http://127.0.0.1:1/hook', TIMESTAMP WITH TIME ZONE '" + threeDaysAgo
                + "' + INTERVAL '1 minute', 5000000, 'server_error', " + KEPT_ATTEMPT_STATUS + ", '', ''"
                + " FROM (VALUES ('" + KEPT_FINISHED + "'), ('" + KEPT_PENDING + "')) v(id)");
        sql("ANALYZE " + prefix + "outbox");
        sql("ANALYZE " + prefix + "attempt");
        // A day a purge drops ended long ago, so its pages were written out by checkpoints since; not so a fixture's.
        sql("CHECKPOINT");
    }

    private void sql(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
