package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the contract kit cannot show: several instances, durability, locking, the schema on a real server. */
@Tag("services")
class JdbcDeliveryStoreTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("store");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static HikariDataSource db;

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("store", 6, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @BeforeEach
    void empty() {
        TestDatabase.truncateTables(db, PREFIX);
    }

    private JdbcDeliveryStore store(javax.sql.DataSource ds) {
        return JdbcDeliveryStore.builder(ds).tablePrefix(PREFIX).clock(clock).build();
    }

    private static OutboundMessage message(String id, String subscription) {
        return OutboundMessage.pending(id, subscription, "order.created", T0, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static DeliveryAttempt ok(OutboundMessage m) {
        return DeliveryAttempt.answered(m.id(), m.subscriptionId(), m.attemptCount() + 1, "http://127.0.0.1:1/hook", T0,
                Duration.ofMillis(5), 200, "ok");
    }

    @Test
    void creatingTheSchemaAgainChangesNothing() {
        JdbcDeliveryStore store = store(db);
        store.enqueue(List.of(message("a", "s1")));

        JdbcSchema.create(db, PREFIX);

        assertThat(store.message("a")).isPresent();
    }

    @Test
    void anUnpartitionedOutboxFrom010SnapshotIsRefusedWithTheWayOut() {
        String prefix = TestDatabase.uniquePrefix("upgrade");
        try (HikariDataSource old = TestDatabase.pool("upgrade", 2)) {
            TestDatabase.execute(old, "CREATE TABLE " + prefix + "outbox (id VARCHAR(255) PRIMARY KEY, status VARCHAR(16) NOT NULL)");
            try {
                assertThatThrownBy(() -> JdbcSchema.create(old, prefix))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessage(prefix + "outbox is a table from webhook-jdbc 0.1.0-SNAPSHOT, before the outbox was partitioned: let the"
                                + " dispatchers deliver what is pending, drop (or rename) the tables " + prefix + "outbox and " + prefix
                                + "attempt, and create the schema again");
                TestDatabase.execute(old, "DROP TABLE " + prefix + "outbox");
                JdbcSchema.create(old, prefix);
                JdbcDeliveryStore store = JdbcDeliveryStore.builder(old).tablePrefix(prefix).clock(clock).build();
                store.enqueue(List.of(message("a", "s1")));
                assertThat(store.message("a")).isPresent();
            } finally {
                TestDatabase.dropTables(old, prefix);
            }
        }
    }

    @Test
    void messagesSurviveTheInstanceThatEnqueuedThem() {
        try (HikariDataSource firstInstance = TestDatabase.pool("first", 2)) {
            store(firstInstance).enqueue(List.of(message("a", "s1"), message("b", "s2")));
        }
        try (HikariDataSource secondInstance = TestDatabase.pool("second", 2)) {
            List<OutboundMessage> claimed = store(secondInstance).claim(ClaimRequest.of("w2", T0, LEASE, 10));

            assertThat(claimed).extracting(OutboundMessage::id).containsExactly("a", "b");
            assertThat(claimed.get(0).bodyText()).isEqualTo("{\"id\":\"a\"}");
        }
    }

    @Test
    void claimSkipsRowsLockedByAnotherTransactionInsteadOfWaiting() throws Exception {
        JdbcDeliveryStore store = store(db);
        store.enqueue(List.of(message("a", "s1"), message("b", "s1"), message("c", "s1")));

        try (Connection slowClaimer = db.getConnection()) {
            slowClaimer.setAutoCommit(false);
            try (PreparedStatement ps = slowClaimer.prepareStatement("SELECT id FROM " + PREFIX + "outbox WHERE id = 'a' FOR UPDATE")) {
                ps.executeQuery().close();
            }
            long start = System.nanoTime();
            List<OutboundMessage> claimed = store.claim(ClaimRequest.of("w2", T0, LEASE, 10));

            assertThat(claimed).extracting(OutboundMessage::id).containsExactly("b", "c");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            slowClaimer.rollback();
        }
        assertThat(store.claim(ClaimRequest.of("w3", T0, LEASE, 10))).extracting(OutboundMessage::id).containsExactly("a");
    }

    @Test
    void twoInstancesClaimingConcurrentlyNeverShareAMessage() throws Exception {
        int messages = 2_000;
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            batch.add(message("m" + i, "s" + (i % 13)));
        }
        store(db).enqueue(batch);
        Set<String> claimedOnce = ConcurrentHashMap.newKeySet();
        AtomicInteger claimedTwice = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (HikariDataSource instanceA = TestDatabase.pool("a", 2); HikariDataSource instanceB = TestDatabase.pool("b", 2)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                JdbcDeliveryStore store = store(t % 2 == 0 ? instanceA : instanceB);
                String claimant = "w" + t;
                done.add(workers.submit(() -> {
                    start.await();
                    List<OutboundMessage> got;
                    while (!(got = store.claim(ClaimRequest.of(claimant, T0, LEASE, 25))).isEmpty()) {
                        for (OutboundMessage m : got) {
                            if (!claimedOnce.add(m.id())) {
                                claimedTwice.incrementAndGet();
                            }
                            assertThat(store.complete(m.id(), m.lease().orElseThrow(), ok(m))).isTrue();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(claimedTwice).hasValue(0);
        assertThat(claimedOnce).hasSize(messages);
        assertThat(store(db).count(DeliveryStatus.DELIVERED)).isEqualTo(messages);
    }

    @Test
    void attemptTextWithNulCharactersIsStored() {
        JdbcDeliveryStore store = store(db);
        DeliveryAttempt binary = DeliveryAttempt.answered("x", "s1", 1, "http://127.0.0.1:1/hook", T0, Duration.ofMillis(1), 500, "\0\0PNG");

        store.recordAttempt(binary);

        assertThat(store.attempts("x")).singleElement().extracting(DeliveryAttempt::responseSnippet).isEqualTo("\uFFFD\uFFFDPNG");
    }

    @Test
    void timeoutAttemptKeepsItsOutcomeAndLatency() {
        JdbcDeliveryStore store = store(db);
        DeliveryAttempt timeout = DeliveryAttempt.failed("x", "s1", 3, "https://hooks.example/in", T0, Duration.ofSeconds(10),
                AttemptOutcome.TIMEOUT, "request timed out after PT10S");

        store.recordAttempt(timeout);

        assertThat(store.attempts("x")).containsExactly(timeout);
    }

    @Test
    void duplicateIdInOneBatchIsRejectedBeforeAnythingIsStored() {
        JdbcDeliveryStore store = store(db);

        assertThatThrownBy(() -> store.enqueue(List.of(message("a", "s1"), message("a", "s2"))))
                .isInstanceOf(dev.webhookkit.core.AlreadyExistsException.class).hasMessage("message 'a' already exists");
        assertThat(store.count(DeliveryStatus.PENDING)).isZero();
    }

    @Test
    void idAlreadyStoredIsNamedAndTheBatchIsRolledBack() {
        JdbcDeliveryStore store = store(db);
        store.enqueue(List.of(message("a", "s1")));

        assertThatThrownBy(() -> store.enqueue(List.of(message("b", "s1"), message("a", "s1"))))
                .isInstanceOf(dev.webhookkit.core.AlreadyExistsException.class).hasMessage("message 'a' already exists");
        assertThat(store.message("b")).isEmpty();
    }

    @Test
    void missingTablesAreAConfigurationErrorThatSaysHowToCreateThem() {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(db).tablePrefix("t_never_created_").build();

        assertThatThrownBy(() -> store.count(DeliveryStatus.PENDING))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SQLState 42P01")
                .hasMessageContaining("JdbcSchema.create");
    }

    @Test
    void purgeWorksInBatchesLargerThanOneStatement() {
        JdbcDeliveryStore store = store(db);
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            batch.add(message("p" + i, "s1"));
        }
        store.enqueue(batch);
        for (OutboundMessage m : store.claim(ClaimRequest.of("w1", T0, LEASE, 2_000))) {
            store.complete(m.id(), m.lease().orElseThrow(), ok(m));
        }

        assertThat(store.purgeFinished(T0.plusSeconds(1))).isEqualTo(1_200);
        assertThat(store.count(DeliveryStatus.DELIVERED)).isZero();
        assertThat(store.attempts("p7")).isEmpty();
    }
}
