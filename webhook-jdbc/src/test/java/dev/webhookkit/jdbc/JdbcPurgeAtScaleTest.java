package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's target: purging a million finished messages takes under a second and does not block
 * delivery. The million (and an attempt each) are written by SQL in two finished days; a delivery
 * loop (enqueue, claim, complete) runs through the purge and its longest cycle is measured.
 */
@Tag("services")
class JdbcPurgeAtScaleTest {
    private static final int MESSAGES = 1_000_000;
    private static final String PREFIX = TestDatabase.uniquePrefix("scale");
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final Instant THREE_DAYS_AGO = TODAY.minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static HikariDataSource db;

    @BeforeAll
    static void fillTwoFinishedDays() {
        long started = System.nanoTime();
        db = TestDatabase.poolWithTables("scale", 6, PREFIX);
        // Finished over two days (three and two days ago), each with one attempt, as the dispatcher would leave them.
        // Filled before they are attached, so that their indexes are built once rather than row by row: set-up time only.
        int perDay = MESSAGES / 2;
        for (int d = 0; d < 2; d++) {
            LocalDate day = TODAY.minusDays(3 - d);
            String table = day.toString().replace("-", "");
            String from = "TIMESTAMP WITH TIME ZONE '" + day.atStartOfDay(ZoneOffset.UTC).toInstant() + "'";
            String bounds = " FOR VALUES FROM (" + from + ") TO (" + from + " + INTERVAL '1 day')";
            String at = from + " + g * INTERVAL '" + (86_400_000L / perDay) + " milliseconds'";
            String id = "'old-' || (g + " + d * perDay + ")";
            String rows = " FROM generate_series(1, " + perDay + ") g";
            sql("CREATE TABLE " + PREFIX + "outbox_d" + table + " (LIKE " + PREFIX + "outbox INCLUDING DEFAULTS)");
            sql("INSERT INTO " + PREFIX + "outbox_d" + table + " (id, subscription_id, event_type, created_at, body, status, attempt_count,"
                    + " next_attempt_at, updated_at) SELECT " + id + ", 's' || (g % 16), 'order.created', " + at + ", '\\x7b7d', 'delivered', 1, "
                    + at + ", " + at + rows);
            sql("ALTER TABLE " + PREFIX + "outbox_finished ATTACH PARTITION " + PREFIX + "outbox_d" + table + bounds);
            sql("CREATE TABLE " + PREFIX + "attempt_d" + table + " (LIKE " + PREFIX + "attempt INCLUDING DEFAULTS)");
            sql("INSERT INTO " + PREFIX + "attempt_d" + table + " (message_id, subscription_id, attempt_number, url, started_at, latency_nanos,"
                    + " outcome, status_code, response_snippet, error) SELECT " + id + ", 's' || (g % 16), 1, 'http://127.0.0.1:1/hook', "
                    + at + ", 5000000, 'success', 200, '', ''" + rows);
            sql("ALTER TABLE " + PREFIX + "attempt_by_day ATTACH PARTITION " + PREFIX + "attempt_d" + table + bounds);
        }
        // Kept: a message created three days ago that finished today, and one still pending, each with an attempt back then.
        sql("INSERT INTO " + PREFIX + "outbox (id, subscription_id, event_type, created_at, body, status, attempt_count, next_attempt_at, updated_at)"
                + " VALUES ('kept-finished', 's1', 'e', TIMESTAMP WITH TIME ZONE '" + THREE_DAYS_AGO + "', '\\x7b7d', 'delivered', 2, now(), now()),"
                + " ('kept-pending', 's1', 'e', TIMESTAMP WITH TIME ZONE '" + THREE_DAYS_AGO + "', '\\x7b7d', 'pending', 1, now() + INTERVAL '1 day', now())");
        sql("INSERT INTO " + PREFIX + "attempt (message_id, subscription_id, attempt_number, url, started_at, latency_nanos, outcome, status_code,"
                + " response_snippet, error) SELECT id, 's1', 1, 'http://127.0.0.1:1/hook', TIMESTAMP WITH TIME ZONE '" + THREE_DAYS_AGO
                + "' + INTERVAL '1 minute', 5000000, 'server_error', 503, '', '' FROM (VALUES ('kept-finished'), ('kept-pending')) v(id)");
        sql("ANALYZE " + PREFIX + "outbox");
        sql("ANALYZE " + PREFIX + "attempt");
        // A day a purge drops ended long ago, so its pages were written out by checkpoints since; not so a fixture's.
        sql("CHECKPOINT");
        System.out.printf("purge at scale: %,d finished messages and attempts written in %,d ms%n", MESSAGES,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @Test
    void purgingAMillionFinishedMessagesTakesUnderASecondAndDeliveryGoesOn() throws Exception {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(db).tablePrefix(PREFIX).build();
        AtomicBoolean purging = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong longestCycleDuringPurge = new AtomicLong();
        AtomicInteger deliveredDuringPurge = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        ExecutorService loop = Executors.newSingleThreadExecutor();
        Future<?> deliveries = loop.submit(() -> {
            for (int i = 0; !stop.get(); i++) {
                boolean duringPurge = purging.get();
                long cycle = System.nanoTime();
                store.enqueue(List.of(OutboundMessage.pending("new-" + i, "s1", "order.created", Instant.now(),
                        "{}".getBytes(StandardCharsets.UTF_8))));
                for (OutboundMessage m : store.claim(ClaimRequest.of("w1", Instant.now(), LEASE, 10))) {
                    store.complete(m.id(), m.lease().orElseThrow(), DeliveryAttempt.answered(m.id(), m.subscriptionId(), 1,
                            "http://127.0.0.1:1/hook", Instant.now(), Duration.ofMillis(1), 200, "ok"));
                }
                long took = System.nanoTime() - cycle;
                delivered.incrementAndGet();
                if (duringPurge || purging.get()) {
                    deliveredDuringPurge.incrementAndGet();
                    longestCycleDuringPurge.accumulateAndGet(took, Math::max);
                }
            }
            return null;
        });
        long quietStart = System.nanoTime();
        Poll.until("the delivery loop runs", () -> delivered.get() >= 20);
        long quietCycleNanos = (System.nanoTime() - quietStart) / Math.max(1, delivered.get());

        purging.set(true);
        long started = System.nanoTime();
        int purged = store.purgeFinished(TODAY.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        long purgeNanos = System.nanoTime() - started;
        purging.set(false);
        stop.set(true);
        deliveries.get(30, TimeUnit.SECONDS);
        loop.shutdown();

        System.out.printf("purge at scale: %,d messages purged in %,d ms; delivery loop: %.1f ms a cycle before, %d cycles during the purge,"
                        + " longest %.1f ms%n", purged, TimeUnit.NANOSECONDS.toMillis(purgeNanos), quietCycleNanos / 1e6,
                deliveredDuringPurge.get(), longestCycleDuringPurge.get() / 1e6);
        assertThat(purged).isEqualTo(MESSAGES);
        assertThat(Duration.ofNanos(purgeNanos)).isLessThan(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(longestCycleDuringPurge.get())).as("longest delivery cycle during the purge").isLessThan(Duration.ofMillis(500));
        assertThat(store.message("old-1")).isEmpty();
        assertThat(store.attempts("old-" + MESSAGES)).isEmpty();
        assertThat(store.attempts("kept-finished")).extracting(DeliveryAttempt::statusCode).containsExactly(503);
        assertThat(store.attempts("kept-pending")).extracting(DeliveryAttempt::statusCode).containsExactly(503);
        assertThat(count("SELECT count(*) FROM " + PREFIX + "attempt WHERE message_id LIKE 'old-%'")).isZero();
        assertThat(count("SELECT count(*) FROM " + PREFIX + "outbox WHERE id LIKE 'new-%' AND status = 'delivered'")).isEqualTo(delivered.get());
    }

    private static void sql(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
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
