package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.jdbc.internal.PendingVacuum;
import dev.webhookkit.jdbc.internal.Tables;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.SettleRequest;
import dev.webhookkit.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The store's own vacuums of the hot pending table: when they run, when they do not, and who may. */
@Tag("services")
class JdbcPendingVacuumTest {
    private static HikariDataSource db;

    private String prefix;

    @BeforeAll
    static void openPool() {
        db = TestDatabase.pool("vacuum", 4);
    }

    @AfterAll
    static void closePool() {
        db.close();
    }

    @BeforeEach
    void createTables() {
        prefix = TestDatabase.uniquePrefix("vacuum");
        JdbcSchema.create(db, prefix);
    }

    @AfterEach
    void dropTables() {
        TestDatabase.dropTables(db, prefix);
    }

    private String threadName() {
        return "webhookkit-outbox-vacuum-" + prefix + "outbox_pending";
    }

    private boolean threadRuns() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(threadName()) && t.isDaemon());
    }

    /** Enqueues, claims and completes {@code n} messages in one settlement batch. */
    private static void settle(JdbcDeliveryStore store, int n) {
        Instant now = Instant.now();
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(OutboundMessage.pending("m-" + i, "s1", "order.created", now, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        store.enqueue(messages);
        List<SettleRequest> done = new ArrayList<>();
        for (OutboundMessage m : store.claim(ClaimRequest.of("w1", now, Duration.ofSeconds(30), n))) {
            done.add(SettleRequest.complete(m.id(), m.lease().orElseThrow(), DeliveryAttempt.answered(m.id(), "s1", 1,
                    "http://127.0.0.1:1/hook", now, Duration.ofMillis(2), 204, "")));
        }
        assertThat(store.settleAll(done)).hasSize(n).containsOnly(true);
    }

    /** Vacuums and analyzes of the pending table so far (a partition has its own row in pg_stat_user_tables). */
    private long vacuums() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT vacuum_count + analyze_count FROM pg_stat_user_tables WHERE relname = ?")) {
            ps.setString(1, prefix + "outbox_pending");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Test
    void aStoreThatSettlesVacuumsItsPendingTableOnADaemonThreadUntilClosed() throws Exception {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(db).tablePrefix(prefix).vacuumInterval(Duration.ofMillis(50)).build();
        try {
            settle(store, 50);
            Poll.until("the store vacuumed its pending table", () -> {
                try {
                    return vacuums() >= 2; // VACUUM (ANALYZE) counts once for each
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(threadRuns()).isTrue();
        } finally {
            store.close();
        }
        Poll.until("close() stopped the vacuum thread", () -> !threadRuns());
    }

    @Test
    void aStoreThatSettlesNothingHasNoVacuumThreadAndZeroTurnsTheScheduleOff() {
        JdbcDeliveryStore idle = JdbcDeliveryStore.builder(db).tablePrefix(prefix).vacuumInterval(Duration.ofMillis(50)).build();
        JdbcDeliveryStore off = JdbcDeliveryStore.builder(db).tablePrefix(prefix).vacuumInterval(Duration.ZERO).build();
        try {
            idle.enqueue(List.of(OutboundMessage.pending("waiting", "s1", "order.created", Instant.now(), "{}".getBytes(StandardCharsets.UTF_8))));
            assertThat(threadRuns()).as("nothing settled, no thread").isFalse();

            settle(off, 20);
            assertThat(threadRuns()).as("schedule off, no thread").isFalse();
        } finally {
            idle.close();
            off.close();
        }
    }

    @Test
    void aNegativeIntervalIsAConfigurationError() {
        assertThatThrownBy(() -> JdbcDeliveryStore.builder(db).tablePrefix(prefix).vacuumInterval(Duration.ofSeconds(-1)).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("vacuumInterval must be >= 0 but was PT-1S");
    }

    @Test
    void runsOnlyAfterChangesAndSkipsItsTurnWhileAnotherVacuumHoldsTheTable() throws Exception {
        PendingVacuum vacuum = new PendingVacuum(db, new Tables(prefix), Duration.ZERO);
        assertThat(vacuum.runIfChanged()).as("nothing changed").isFalse();

        vacuum.changed(3);
        try (Connection holder = db.getConnection(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            // The lock a running VACUUM holds: a second one cannot have it.
            s.execute("LOCK TABLE " + prefix + "outbox_pending IN SHARE UPDATE EXCLUSIVE MODE");
            assertThat(vacuum.runIfChanged()).as("skipped, not waited for").isFalse();
            holder.rollback();
        }
        assertThat(vacuum.runIfChanged()).as("the skipped turn's changes are still counted").isTrue();
        assertThat(vacuum.runIfChanged()).as("and were vacuumed").isFalse();
    }

    @Test
    void aRoleThatDoesNotOwnTheTableIsRefusedByPostgresAndTheVacuumStopsTrying() throws Exception {
        String role = prefix + "guest";
        TestDatabase.execute(db, "CREATE ROLE " + role + " LOGIN");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabase.URL);
        config.setUsername(role);
        config.setMaximumPoolSize(1);
        try (HikariDataSource guest = new HikariDataSource(config)) {
            PendingVacuum vacuum = new PendingVacuum(guest, new Tables(prefix), Duration.ZERO);
            long before = vacuums();
            vacuum.changed(1);

            assertThat(vacuum.runIfChanged()).isFalse();
            vacuum.changed(1);
            assertThat(vacuum.runIfChanged()).as("stopped trying").isFalse();
            assertThat(vacuums()).isEqualTo(before);
        } finally {
            TestDatabase.execute(db, "DROP ROLE " + role);
        }
    }
}
