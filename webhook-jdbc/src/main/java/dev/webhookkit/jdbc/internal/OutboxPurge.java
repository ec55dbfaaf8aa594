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
        long total = 0;
        for (LocalDate day : existing.all()) {
            if (DayPartitions.start(day.plusDays(1)).isAfter(cutoff)) {
                break;
            }
            total += dropDay(day, existing, cutoff);
        }
        total += deleteRows(cutoff);
        deleteAttemptsOfGoneMessages(cutoff);
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    /** Drops one day's tables in one short transaction, retried when a long query held a lock too long. */
    private long dropDay(LocalDate day, DayPartitions.Existing existing, Instant cutoff) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Sql.transaction(dataSource, "dropping the outbox tables of " + day, c -> dropDay(c, day, existing, cutoff));
            } catch (RuntimeException e) {
                boolean lockTimedOut = e.getCause() instanceof SQLException s && DayPartitions.LOCK_NOT_AVAILABLE.equals(s.getSQLState());
                if (!lockTimedOut || attempt == DROP_TRIES) {
                    throw e;
                }
            }
        }
    }

    private long dropDay(Connection c, LocalDate day, DayPartitions.Existing existing, Instant cutoff) throws SQLException {
        boolean messages = existing.outboxDays().contains(day);
        boolean attempts = existing.attemptDays().contains(day);
        String outboxDay = days.outboxTable(day);
        long count = 0;
        try (Statement s = c.createStatement()) {
            s.execute(DayPartitions.LOCK_TIMEOUT);
            if (messages) {
                // SHARE: no row moves in or out of the day (a redelivery) until it is dropped; readers go on.
                s.execute("LOCK TABLE " + outboxDay + " IN SHARE MODE");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + outboxDay)) {
                    rs.next();
                    count = rs.getLong(1);
                }
            }
            if (attempts) {
                carryAttemptsOfKeptMessages(c, day, cutoff);
                s.execute("DROP TABLE " + days.attemptTable(day));
            }
            if (messages) {
                s.execute("DROP TABLE " + outboxDay);
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
