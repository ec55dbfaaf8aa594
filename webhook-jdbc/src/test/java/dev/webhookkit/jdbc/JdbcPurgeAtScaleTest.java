package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.DeliveryAttempt;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The partitioned purge at a scale CI affords (a few seconds of set-up): it drops whole expired
 * days with their attempts, keeps the attempts of messages that stay, and a delivery loop (enqueue,
 * claim, complete) keeps completing while it runs. How fast it is, and how it compares with a
 * DELETE, is OutboxPurgeBenchmark's to say (docs/performance.md), not this test's.
 */
@Tag("services")
class JdbcPurgeAtScaleTest {
    private static final int MESSAGES = 100_000;
    /** Far above the purge's lock_timeout (3 tries of 200 ms): a cycle this long means delivery waited on the purge. */
    private static final Duration STALL = Duration.ofSeconds(5);
    private static final String PREFIX = TestDatabase.uniquePrefix("scale");
    private static HikariDataSource db;
    private static FinishedDays fixture;

    @BeforeAll
    static void fillTwoFinishedDays() {
        db = TestDatabase.poolWithTables("scale", 6, PREFIX);
        fixture = new FinishedDays(db, PREFIX, MESSAGES);
        fixture.write();
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @Test
    void purgeDropsExpiredDaysWithTheirAttemptsWhileDeliveryGoesOn() throws Exception {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(db).tablePrefix(PREFIX).build();
        int purged;
        DeliveryLoop loop = DeliveryLoop.start(store, "new-", 20, Duration.ofSeconds(30));
        try {
            loop.watch();
            purged = store.purgeFinished(fixture.cutoff());
            loop.stopWatching();
        } finally {
            loop.close();
        }

        assertThat(purged).isEqualTo(MESSAGES);
        for (LocalDate day : fixture.days()) {
            String table = day.toString().replace("-", "");
            assertThat(count("SELECT count(*) FROM pg_class WHERE relname IN ('" + PREFIX + "outbox_d" + table + "', '" + PREFIX + "attempt_d"
                    + table + "')")).as("the tables of %s are dropped", day).isZero();
        }
        assertThat(store.message(FinishedDays.finishedId(1))).isEmpty();
        assertThat(store.attempts(FinishedDays.finishedId(MESSAGES))).isEmpty();
        assertThat(count("SELECT count(*) FROM " + PREFIX + "attempt WHERE message_id LIKE 'old-%'")).isZero();
        assertThat(store.message(FinishedDays.KEPT_FINISHED)).isPresent();
        assertThat(store.message(FinishedDays.KEPT_PENDING)).isPresent();
        assertThat(store.attempts(FinishedDays.KEPT_FINISHED)).extracting(DeliveryAttempt::statusCode).containsExactly(FinishedDays.KEPT_ATTEMPT_STATUS);
        assertThat(store.attempts(FinishedDays.KEPT_PENDING)).extracting(DeliveryAttempt::statusCode).containsExactly(FinishedDays.KEPT_ATTEMPT_STATUS);

        assertThat(loop.watchedCycles()).as("delivery cycles that overlapped the purge").isNotEmpty();
        assertThat(loop.longestWatchedCycle()).as("longest delivery cycle during the purge").isLessThan(STALL);
        assertThat(count("SELECT count(*) FROM " + PREFIX + "outbox WHERE id LIKE 'new-%' AND status = 'delivered'"))
                .as("every message the loop enqueued is delivered and none was purged").isEqualTo(loop.cycles());
    }

    private static long count(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
