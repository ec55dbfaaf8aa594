package dev.webhookkit.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Deletes finished messages last changed before a cut-off, and their attempts, from the partitioned
 * outbox: each day that ended before the cut-off is dropped whole (its finished messages and its
 * attempts, milliseconds however many rows), and only what is left before the cut-off — the day it
 * falls into, and the default tables — is deleted row by row in short batches.
 *
 * <p>An attempt lives in the table of the day it started, which may end before its message
 * finished (a retry over midnight) or was redelivered. Before such a day is dropped, the attempts
 * of messages that stay are moved to {@code <prefix>attempt_carried} (an {@code UPDATE} of
 * {@code carried_over}, which PostgreSQL moves between partitions); they are deleted with their
 * message later. The messages looked at are those created before the day ended (plus a minute for
 * instances' clocks), pending or finished after the cut-off: few, since most messages finish within
 * seconds of their first attempt.
 */
public final class OutboxPurge {
    /** Clock difference between instances tolerated when deciding which attempts may belong to a kept message. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    private static final String FINISHED = "('delivered', 'dead_lettered')";
    private static final int DROP_TRIES = 3;
    /** PostgreSQL's undefined_table: a day table another instance dropped meanwhile. */
    private static final String UNDEFINED_TABLE = "42P01";
    /** Days dropped in one transaction: one commit for a usual purge, a bounded hold of the parents' locks after a long pause. */
    private static final int DAYS_PER_TRANSACTION = 7;

    private final DataSource dataSource;
    private final Tables tables;
    private final DayPartitions days;

    public OutboxPurge(DataSource dataSource, Tables tables) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tables = tables;
        this.days = new DayPartitions(tables);
    }

    public DayPartitions days() {
        return days;
    }

    /** Deletes finished messages last changed before {@code before} and their attempts; the number of messages deleted. */
    public int purgeFinished(Instant before) {
        Objects.requireNonNull(before, "before");
        Instant cutoff = Sql.micros(before);
        DayPartitions.Existing existing = Sql.autoCommit(dataSource, "listing the outbox's day tables", days::existing);
        List<LocalDate> expired = new ArrayList<>();
        for (LocalDate day : existing.all()) {
            if (DayPartitions.start(day.plusDays(1)).isAfter(cutoff)) {
                break;
            }
            expired.add(day);
        }
        long total = 0;
        for (int from = 0; from < expired.size(); from += DAYS_PER_TRANSACTION) {
            total += dropDays(expired.subList(from, Math.min(expired.size(), from + DAYS_PER_TRANSACTION)), existing, cutoff);
        }
        total += deleteRows(cutoff);
        deleteAttemptsOfGoneMessages(cutoff);
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    /**
     * Drops some days' tables in one short transaction, tried again when a long query held a lock
     * too long, or another instance's purge dropped one of them first (then with the tables left).
     */
    private long dropDays(List<LocalDate> expired, DayPartitions.Existing listed, Instant cutoff) {
        DayPartitions.Existing existing = listed;
        for (int attempt = 1; ; attempt++) {
            DayPartitions.Existing now = existing;
            try {
                return Sql.transaction(dataSource, "dropping the outbox tables of " + expired, c -> dropDays(c, expired, now, cutoff));
            } catch (RuntimeException e) {
                String state = e.getCause() instanceof SQLException s ? s.getSQLState() : "";
                if (!(DayPartitions.LOCK_NOT_AVAILABLE.equals(state) || UNDEFINED_TABLE.equals(state)) || attempt == DROP_TRIES) {
                    throw e;
                }
                existing = Sql.autoCommit(dataSource, "listing the outbox's day tables", days::existing);
            }
        }
    }

    /**
     * Counts and carries first, under locks that hold back no one but a redelivery out of these
     * days; then the drops, whose exclusive locks on the parents last only until the commit.
     */
    private long dropDays(Connection c, List<LocalDate> expired, DayPartitions.Existing existing, Instant cutoff) throws SQLException {
        long count = 0;
        try (Statement s = c.createStatement()) {
            s.execute(DayPartitions.LOCK_TIMEOUT);
            for (LocalDate day : expired) {
                if (existing.outboxDays().contains(day)) {
                    // SHARE: no row moves in or out of the day (a redelivery) until it is dropped; readers go on.
                    s.execute("LOCK TABLE " + days.outboxTable(day) + " IN SHARE MODE");
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + days.outboxTable(day))) {
                        rs.next();
                        count += rs.getLong(1);
                    }
                }
                if (existing.attemptDays().contains(day)) {
                    carryAttemptsOfKeptMessages(c, day, cutoff);
                }
            }
            // The outbox's days first: a settlement moves its row into the outbox's finished tables and
            // then inserts its attempt, so taking the locks in that order too never waits in a circle.
            for (LocalDate day : expired) {
                if (existing.outboxDays().contains(day)) {
                    s.execute("DROP TABLE " + days.outboxTable(day));
                }
            }
            for (LocalDate day : expired) {
                if (existing.attemptDays().contains(day)) {
                    s.execute("DROP TABLE " + days.attemptTable(day));
                }
            }
        }
        return count;
    }

    private void carryAttemptsOfKeptMessages(Connection c, LocalDate day, Instant cutoff) throws SQLException {
        Instant start = DayPartitions.start(day);
        Instant end = DayPartitions.start(day.plusDays(1));
        String createdBefore = DayPartitions.literal(end.plus(CLOCK_MARGIN));
        // Literal bounds, so that the planner prunes to the one day table.
        String sql = "UPDATE " + tables.attempt() + " SET carried_over = TRUE WHERE carried_over = FALSE"
                + " AND started_at >= " + DayPartitions.literal(start) + " AND started_at < " + DayPartitions.literal(end)
                + " AND message_id IN (SELECT id FROM " + tables.outbox() + " WHERE status = 'pending' AND created_at < " + createdBefore
                + " UNION ALL SELECT id FROM " + tables.outbox() + " WHERE status IN " + FINISHED + " AND updated_at >= ? AND created_at < "
                + createdBefore + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            new Binder(ps).instant(cutoff);
            ps.executeUpdate();
        }
    }

    /** Row by row, in batches of a few hundred (one transaction each): what no dropped day held. */
    private long deleteRows(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = Sql.transaction(dataSource, "purging finished messages", c -> deleteBatch(c, cutoff));
            total += deleted;
        } while (deleted == Sql.MAX_IN_LIST);
        return total;
    }

    private int deleteBatch(Connection c, Instant cutoff) throws SQLException {
        List<String> ids = new ArrayList<>();
        String finishedBefore = " WHERE status IN " + FINISHED + " AND updated_at < ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + tables.outbox() + finishedBefore
                + " LIMIT " + Sql.MAX_IN_LIST + " FOR UPDATE SKIP LOCKED")) {
            new Binder(ps).instant(cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        String in = " IN (" + Sql.placeholders(ids.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.attempt() + " WHERE message_id" + in)) {
            new Binder(ps).strings(ids);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.outbox() + finishedBefore + " AND id" + in)) {
            new Binder(ps).instant(cutoff).strings(ids);
            ps.executeUpdate();
        }
        return ids.size();
    }

    /**
     * Attempts whose message a dropped day took with it, where no day was dropped under them: the
     * carried ones, and those in the default table (their day had no table) from before the cut-off.
     */
    private void deleteAttemptsOfGoneMessages(Instant cutoff) {
        String gone = " AND NOT EXISTS (SELECT 1 FROM " + tables.outbox() + " o WHERE o.id = a.message_id)";
        Sql.autoCommit(dataSource, "purging attempts of purged messages", c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM " + tables.attempt() + " a WHERE a.carried_over = TRUE" + gone);
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + days.attemptParent() + "_default a WHERE a.started_at < ?" + gone)) {
                new Binder(ps).instant(cutoff);
                return ps.executeUpdate();
            }
        });
    }
}
