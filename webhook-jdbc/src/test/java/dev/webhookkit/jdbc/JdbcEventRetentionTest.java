package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.testing.MutableClock;
import dev.webhookkit.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** JdbcEventLog's retention against the local PostgreSQL: bounded batches, a cap per run, its own schedule. */
@Tag("services")
class JdbcEventRetentionTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("events_retention");
    private static final Duration WEEK = Duration.ofDays(7);
    private static HikariDataSource db;

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("events-retention", 4, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateTables(db, PREFIX);
    }

    private JdbcEventLog.Builder log() {
        return JdbcEventLog.builder(db).tablePrefix(PREFIX).clock(clock).purgeInterval(Duration.ofHours(1));
    }

    private static EventRecord record(String id, Instant at) {
        return new EventRecord(id, "alerts", at, 200, Reason.PROCESSED, "", "", "", "{}".getBytes(StandardCharsets.UTF_8), false,
                List.of(), "", HandlerResponse.empty(), "", "", Duration.ZERO, Headers.of("X-Trace", id), true, "");
    }

    /** {@code n} rows received {@code age} before now, written by SQL (faster than one record at a time). */
    private void insertAged(int n, Duration age, String idPrefix) {
        TestDatabase.execute(db, "INSERT INTO " + PREFIX + "event (event_id, endpoint, received_at, status, reason, event_type,"
                + " delivery_key, remote_address, body, body_truncated, alerts, message, handler_content_type, handler_body, error,"
                + " matched_key_id, duration_nanos) SELECT '" + idPrefix + "' || g, 'alerts', TIMESTAMPTZ '" + clock.instant().minus(age)
                + "' - g * INTERVAL '1 millisecond', 200, 'PROCESSED', '', '', '', '', false, '[]', '', '', '', '', '', 0"
                + " FROM generate_series(1, " + n + ") g");
    }

    private static long rows() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + PREFIX + "event")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void purgeExpiredDeletesWhatIsOlderThanTheRetentionAndCountsIt() {
        try (JdbcEventLog log = log().retention(WEEK).build()) {
            log.record(record("ten-days", clock.instant().minus(Duration.ofDays(10))));
            log.record(record("just-over", clock.instant().minus(WEEK).minusMillis(1)));
            log.record(record("just-under", clock.instant().minus(WEEK).plusMillis(1)));
            log.record(record("today", clock.instant()));

            assertThat(log.purgeExpired()).isEqualTo(2);

            assertThat(log.find("ten-days")).isEmpty();
            assertThat(log.find("just-over")).isEmpty();
            assertThat(log.find("just-under")).isPresent();
            assertThat(log.purgeExpired()).isZero();
            clock.advance(Duration.ofMillis(2)); // time moves on: the next one expires
            assertThat(log.purgeExpired()).isEqualTo(1);
            assertThat(log.find("today")).isPresent();
        }
    }

    @Test
    void aPurgeDeletesInBatchesOfTheBatchSizeAndStopsAtItsCap() {
        insertAged(10, Duration.ofDays(8), "old-");
        insertAged(3, Duration.ofDays(1), "new-");
        try (JdbcEventLog log = log().retention(WEEK).purgeBatchSize(3).maxBatchesPerPurge(2).build()) {
            assertThat(log.purgeExpired()).as("two batches of three").isEqualTo(6);
            assertThat(rows()).isEqualTo(7);
            assertThat(log.purgeExpired()).as("the rest: a full batch and a short one").isEqualTo(4);
            assertThat(log.purgeExpired()).isZero();
            assertThat(rows()).isEqualTo(3);
        }
    }

    @Test
    void theDefaultBatchesTakeThousandsOfRowsInOneRun() {
        insertAged(2_500, Duration.ofDays(30), "old-");
        insertAged(10, Duration.ofDays(2), "new-");
        try (JdbcEventLog log = log().retention(WEEK).build()) {
            assertThat(log.purgeExpired()).isEqualTo(2_500);
            assertThat(rows()).isEqualTo(10);
        }
    }

    @Test
    void theLogPurgesOnItsOwnScheduleOnADaemonThreadUntilClosed() {
        insertAged(5, Duration.ofDays(8), "old-");
        String threadName = "webhookkit-event-retention-" + PREFIX + "event";
        JdbcEventLog log = log().retention(WEEK).purgeInterval(Duration.ofMillis(20)).build();
        try {
            Poll.until("the scheduled purge emptied the expired rows", () -> rows() == 0);
            assertThat(retentionThreads(threadName)).isNotEmpty().allMatch(Thread::isDaemon);
        } finally {
            log.close();
        }
        Poll.until("the retention thread stopped", () -> retentionThreads(threadName).isEmpty());
        log.close(); // idempotent
    }

    @Test
    void aLogWithoutRetentionRunsNoThreadAndRefusesPurgeExpired() {
        try (JdbcEventLog log = log().build()) {
            assertThat(retentionThreads("webhookkit-event-retention-" + PREFIX + "event")).isEmpty();
            assertThatThrownBy(log::purgeExpired).isInstanceOf(ConfigurationException.class)
                    .hasMessage("purgeExpired() needs a retention: build the log with retention(Duration)");
        }
    }

    @Test
    void purgeReceivedBeforeAlsoDeletesInBatchesUntilNoneIsLeft() {
        insertAged(7, Duration.ofDays(3), "old-");
        try (JdbcEventLog log = log().purgeBatchSize(2).maxBatchesPerPurge(1).build()) {
            assertThat(log.purgeReceivedBefore(clock.instant().minus(Duration.ofDays(1)))).isEqualTo(7);
            assertThat(rows()).isZero();
        }
    }

    @Test
    void invalidSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> log().retention(Duration.ZERO).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("retention must be > 0 but was PT0S");
        assertThatThrownBy(() -> log().retention(Duration.ofDays(-1)).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("retention must be > 0 but was PT-24H");
        assertThatThrownBy(() -> log().purgeBatchSize(0).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("purgeBatchSize must be > 0 but was 0");
        assertThatThrownBy(() -> log().maxBatchesPerPurge(-3).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("maxBatchesPerPurge must be > 0 but was -3");
        assertThatThrownBy(() -> log().purgeInterval(Duration.ZERO).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("purgeInterval must be > 0 but was PT0S");
    }

    private static List<Thread> retentionThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).toList();
    }
}
