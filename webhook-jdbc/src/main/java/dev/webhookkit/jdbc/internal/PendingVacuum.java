package dev.webhookkit.jdbc.internal;

import dev.webhookkit.core.internal.ThrottledLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vacuums and analyzes the outbox's pending table, every interval in which messages left it. Every
 * settled message leaves a dead row, and dead index entries at the front of the claim index, and
 * autovacuum looks at a table at most once a minute (autovacuum_naptime): at a thousand messages
 * a second the claims and settlements then wade through tens of thousands of dead entries, and
 * the planner's row counts go stale enough to sort the whole table per claim. A small table
 * vacuums in milliseconds. The schedule's daemon thread starts with the first change, so a store
 * that settles nothing has none. {@code SKIP_LOCKED}: an instance that finds another one's vacuum
 * running skips its turn instead of waiting. A role that does not own the table gets a warning
 * from PostgreSQL instead of a vacuum: logged once, and the runs stop. Thread-safe.
 */
public final class PendingVacuum implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingVacuum.class);

    private final DataSource dataSource;
    private final String table;
    private final Duration interval;
    private final ThrottledLog failures;
    private final AtomicLong changedSinceRun = new AtomicLong();
    private final AtomicBoolean refused = new AtomicBoolean();
    private ScheduledExecutorService schedule;
    private boolean closed;

    /** @param interval time between runs; zero for none (autovacuum alone) */
    public PendingVacuum(DataSource dataSource, Tables tables, Duration interval) {
        this.dataSource = dataSource;
        this.table = tables.outbox() + "_pending";
        this.interval = interval;
        this.failures = new ThrottledLog(Clock.systemUTC(), Duration.ofMinutes(1), LOG::warn);
    }

    /** Counts rows that left or changed in the pending table, and starts the schedule at the first. */
    public void changed(int rows) {
        if (rows > 0 && changedSinceRun.getAndAdd(rows) == 0 && !interval.isZero()) {
            startOnce();
        }
    }

    private synchronized void startOnce() {
        if (schedule != null || closed) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhookkit-outbox-vacuum-" + table);
            t.setDaemon(true); // never keeps the JVM alive; close() stops it
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        schedule.scheduleWithFixedDelay(this::runOnSchedule, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void runOnSchedule() {
        try {
            runIfChanged();
        } catch (SQLException | RuntimeException e) {
            failures.failed("outbox " + table + " could not be vacuumed: " + e.getMessage());
        }
    }

    /**
     * Vacuums when rows changed since the last run and PostgreSQL lets this role.
     *
     * @return whether a vacuum ran
     * @throws SQLException what the database threw (the changes stay counted for the next run)
     */
    public boolean runIfChanged() throws SQLException {
        long changed = changedSinceRun.get();
        if (changed == 0 || refused.get()) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true); // VACUUM cannot run inside a transaction block
            }
            s.execute("VACUUM (ANALYZE, SKIP_LOCKED) " + table);
            SQLWarning warning = s.getWarnings();
            if (warning != null && warning.getMessage().contains("lock not available")) {
                return false; // another instance is vacuuming it now
            }
            if (warning != null) {
                refused.set(true);
                LOG.warn("outbox {}: PostgreSQL did not vacuum it ({}); the store stops trying. Let autovacuum do it, with a short"
                        + " autovacuum_naptime, or run the store as the table's owner", table, warning.getMessage());
                return false;
            }
        }
        changedSinceRun.addAndGet(-changed);
        return true;
    }

    /** Stops the schedule; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
