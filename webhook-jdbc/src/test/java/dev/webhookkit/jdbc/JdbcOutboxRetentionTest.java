package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.testing.MutableClock;
import dev.webhookkit.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The partitioned outbox's purge and retention: whole days dropped with their attempts, attempts of
 * kept messages carried over, the default tables, ids of finished messages still unique.
 */
@Tag("services")
class JdbcOutboxRetentionTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static HikariDataSource db;

    private String prefix;
    private MutableClock clock;

    @BeforeAll
    static void openPool() {
        db = TestDatabase.pool("retention", 4);
    }

    @AfterAll
    static void closePool() {
        db.close();
    }

    /** Tables of their own per test: the day tables each test makes and drops are part of what it checks. */
    @BeforeEach
    void createTables() {
        prefix = TestDatabase.uniquePrefix("retention");
        JdbcSchema.create(db, prefix);
        clock = MutableClock.at("2026-03-10T10:00:00Z");
    }

    @AfterEach
    void dropTables() {
        TestDatabase.dropTables(db, prefix);
    }

    private JdbcDeliveryStore.Builder storeBuilder() {
        return JdbcDeliveryStore.builder(db).tablePrefix(prefix).clock(clock);
    }

    /** A store whose day tables exist from the clock's day on, as after its first purge. */
    private JdbcDeliveryStore store() {
        JdbcDeliveryStore store = storeBuilder().build();
        assertThat(store.purgeFinished(Instant.EPOCH)).isZero();
        return store;
    }

    private OutboundMessage message(String id) {
        return OutboundMessage.pending(id, "s1", "order.created", clock.instant(), ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private DeliveryAttempt attempt(OutboundMessage m, int status) {
        return DeliveryAttempt.answered(m.id(), m.subscriptionId(), m.attemptCount() + 1, "http://127.0.0.1:1/hook", clock.instant(),
                Duration.ofMillis(5), status, "");
    }

    private OutboundMessage claimOne(JdbcDeliveryStore store, String id) {
        return store.claim(ClaimRequest.of("w1", clock.instant(), LEASE, 10)).stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private void deliver(JdbcDeliveryStore store, String id) {
        store.enqueue(List.of(message(id)));
        OutboundMessage m = claimOne(store, id);
        assertThat(store.complete(id, m.lease().orElseThrow(), attempt(m, 200))).isTrue();
    }

    private Instant day(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }

    private boolean tableExists(String name) {
        return queryLong("SELECT count(*) FROM pg_class WHERE oid = to_regclass('" + name + "')") == 1;
    }

    /** Rows in one of the prefix's tables, by its name after the prefix. */
    private long rows(String table) {
        return queryLong("SELECT count(*) FROM " + prefix + table);
    }

    private static long queryLong(String sql) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Test
    void aPurgeDropsTheDaysThatEndedBeforeTheCutoffWithTheirAttempts() {
        JdbcDeliveryStore store = store();
        deliver(store, "day1");
        clock.advance(Duration.ofDays(1));
        deliver(store, "day2");
        clock.advance(Duration.ofDays(1));
        deliver(store, "day3");
        store.enqueue(List.of(message("waiting")));
        assertThat(tableExists(prefix + "outbox_d20260310")).isTrue();

        assertThat(store.purgeFinished(day("2026-03-12"))).isEqualTo(2);

        assertThat(store.message("day1")).isEmpty();
        assertThat(store.message("day2")).isEmpty();
        assertThat(store.attempts("day1")).isEmpty();
        assertThat(store.attempts("day2")).isEmpty();
        assertThat(store.message("day3")).isPresent();
        assertThat(store.attempts("day3")).hasSize(1);
        assertThat(store.message("waiting")).isPresent();
        for (String table : List.of("outbox_d20260310", "outbox_d20260311", "attempt_d20260310", "attempt_d20260311")) {
            assertThat(tableExists(prefix + table)).as(table + " dropped").isFalse();
        }
        assertThat(tableExists(prefix + "outbox_d20260312")).isTrue();
    }

    @Test
    void aPurgeCreatesTheTablesOfTodayAndTheDaysAhead() {
        JdbcDeliveryStore store = storeBuilder().build();
        clock.set(Instant.parse("2026-04-20T08:00:00Z"));

        store.purgeFinished(Instant.EPOCH);

        for (String day : List.of("20260420", "20260421", "20260422", "20260423")) {
            assertThat(tableExists(prefix + "outbox_d" + day)).as(day).isTrue();
            assertThat(tableExists(prefix + "attempt_d" + day)).as(day).isTrue();
        }
        assertThat(tableExists(prefix + "outbox_d20260424")).isFalse();
    }

    @Test
    void attemptsOfMessagesKeptPastTheirDayAreCarriedOverAndGoWithTheirMessageLater() {
        JdbcDeliveryStore store = store();
        clock.set(Instant.parse("2026-03-10T23:59:00Z"));
        store.enqueue(List.of(message("retried"), message("redelivered")));
        List<OutboundMessage> claimed = store.claim(ClaimRequest.of("w1", clock.instant(), LEASE, 10));
        OutboundMessage retried = claimed.stream().filter(m -> m.id().equals("retried")).findFirst().orElseThrow();
        OutboundMessage redelivered = claimed.stream().filter(m -> m.id().equals("redelivered")).findFirst().orElseThrow();
        store.reschedule("retried", retried.lease().orElseThrow(), attempt(retried, 503), clock.instant().plusSeconds(120));
        store.deadLetter("redelivered", redelivered.lease().orElseThrow(), attempt(redelivered, 400));
        clock.advance(Duration.ofMinutes(2)); // 2026-03-11T00:01
        OutboundMessage again = claimOne(store, "retried");
        store.complete("retried", again.lease().orElseThrow(), attempt(again, 200));
        assertThat(store.redeliver("redelivered", clock.instant())).isTrue();

        assertThat(store.purgeFinished(day("2026-03-11"))).as("nothing finished before the 11th").isZero();

        assertThat(tableExists(prefix + "attempt_d20260310")).isFalse();
        assertThat(store.attempts("retried")).extracting(DeliveryAttempt::statusCode).containsExactly(503, 200);
        assertThat(store.attempts("redelivered")).extracting(DeliveryAttempt::statusCode).containsExactly(400);
        assertThat(rows("attempt_carried")).isEqualTo(2);

        clock.advance(Duration.ofDays(1));
        assertThat(store.purgeFinished(day("2026-03-12"))).isEqualTo(1);

        assertThat(store.message("retried")).isEmpty();
        assertThat(store.attempts("retried")).isEmpty();
        assertThat(store.attempts("redelivered")).extracting(DeliveryAttempt::statusCode).containsExactly(400);
        assertThat(rows("attempt_carried")).isEqualTo(1);
    }

    @Test
    void aFinishedRowOfADayWithoutATableGoesToTheDefaultTableAndIsPurgedRowByRow() {
        JdbcDeliveryStore store = storeBuilder().build(); // no purge yet: no day tables for March
        deliver(store, "early");
        assertThat(rows("outbox_finished_default")).isEqualTo(1);
        assertThat(rows("attempt_by_day_default")).isEqualTo(1);
        clock.advance(Duration.ofHours(1));

        assertThat(store.purgeFinished(clock.instant())).isEqualTo(1);

        assertThat(store.message("early")).isEmpty();
        assertThat(store.attempts("early")).isEmpty();
        assertThat(rows("outbox_finished_default")).isZero();
        assertThat(tableExists(prefix + "outbox_d20260310")).as("the default table held its rows when the purge began").isFalse();
        assertThat(tableExists(prefix + "outbox_d20260311")).isTrue();
        store.purgeFinished(Instant.EPOCH);
        assertThat(tableExists(prefix + "outbox_d20260310")).as("created by the next purge").isTrue();
    }

    @Test
    void enqueueRefusesTheIdOfAFinishedMessageInADayTableOrTheDefaultOne() {
        JdbcDeliveryStore store = store();
        deliver(store, "done");

        assertThatThrownBy(() -> store.enqueue(List.of(message("other"), message("done"))))
                .isInstanceOf(AlreadyExistsException.class).hasMessage("message 'done' already exists");
        assertThat(store.message("other")).as("the batch rolled back").isEmpty();
        assertThat(store.message("done").orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);

        clock.set(Instant.parse("2027-01-01T10:00:00Z")); // a day without a table
        deliver(store, "in-default");
        assertThat(rows("outbox_finished_default")).isEqualTo(1);
        assertThatThrownBy(() -> store.enqueue(List.of(message("in-default"))))
                .isInstanceOf(AlreadyExistsException.class).hasMessage("message 'in-default' already exists");
    }

    @Test
    void purgeExpiredDropsOnlyWholeDaysThatEndedMoreThanTheRetentionAgo() {
        try (JdbcDeliveryStore store = storeBuilder().retention(Duration.ofDays(2)).purgeInterval(Duration.ofHours(1)).build()) {
            // The schedule's first run, at once: it makes today's and the next days' tables.
            Poll.until("the first scheduled run created the day tables", () -> tableExists(prefix + "attempt_d20260313"));
            deliver(store, "tuesday");
            clock.set(Instant.parse("2026-03-12T23:59:00Z"));

            assertThat(store.purgeExpired()).as("two days ago is still the 10th").isZero();

            clock.set(Instant.parse("2026-03-13T00:00:01Z"));
            assertThat(store.purgeExpired()).isEqualTo(1);
            assertThat(store.message("tuesday")).isEmpty();
            assertThat(tableExists(prefix + "outbox_d20260310")).isFalse();
        }
    }

    @Test
    void theStorePurgesOnItsOwnScheduleOnADaemonThreadUntilClosed() {
        JdbcDeliveryStore plain = store();
        deliver(plain, "old");
        clock.advance(Duration.ofDays(3));
        String threadName = "webhookkit-outbox-retention-" + prefix + "outbox";

        JdbcDeliveryStore store = storeBuilder().retention(Duration.ofDays(1)).purgeInterval(Duration.ofMillis(20)).build();
        try {
            Poll.until("the scheduled purge took the expired day", () -> store.message("old").isEmpty());
            assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> {
                assertThat(t.getName()).isEqualTo(threadName);
                assertThat(t.isDaemon()).isTrue();
            });
        } finally {
            store.close();
        }
        Poll.until("close() stopped the thread",
                () -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(threadName)));
    }

    @Test
    void aStoreWithoutRetentionRefusesPurgeExpiredAndTheBuilderRefusesBadSettings() {
        JdbcDeliveryStore store = storeBuilder().build();

        assertThatThrownBy(store::purgeExpired).isInstanceOf(ConfigurationException.class)
                .hasMessage("purgeExpired() needs a retention: build the store with retention(Duration)");
        assertThatThrownBy(() -> storeBuilder().retention(Duration.ZERO).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("retention must be > 0 but was PT0S");
        assertThatThrownBy(() -> storeBuilder().retention(Duration.ofDays(1)).purgeInterval(Duration.ofSeconds(-1)).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("purgeInterval must be > 0 but was PT-1S");
    }
}
