package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DispatcherHealth;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Batch redelivery and health of dispatchers on a shared PostgreSQL outbox. */
@Tag("services")
class JdbcDispatcherOperationsTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("dispatchops");
    private static HikariDataSource db;

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("dispatchops", 4, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @BeforeEach
    void empty() {
        TestDatabase.truncateTables(db, PREFIX);
    }

    /** {@code count} messages of the test subscription, given up in the store before any dispatcher runs. */
    private static List<String> deadInStore(JdbcDeliveryStore store, int count) {
        Instant now = Instant.now();
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(OutboundMessage.pending(String.format("dead-%04d", i), DispatcherNode.SUBSCRIPTION, "order.created",
                    now.plusMillis(i % 7), "{}".getBytes(StandardCharsets.UTF_8)));
        }
        store.enqueue(batch);
        for (OutboundMessage m : store.claim(ClaimRequest.of("setup", now.plusSeconds(1), Duration.ofMinutes(1), count))) {
            store.deadLetter(m.id(), m.lease().orElseThrow(), DeliveryAttempt.answered(m.id(), m.subscriptionId(), 1,
                    "http://127.0.0.1:1/", now, Duration.ofMillis(1), 500, "down"));
        }
        return batch.stream().map(OutboundMessage::id).toList();
    }

    @Test
    void redeliverAllRequeuesEachDeadMessageOnceWhileTwoInstancesDeliverThem() throws Exception {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(db).tablePrefix(PREFIX).build();
        List<String> dead = deadInStore(store, 450);
        try (CountingReceiver receiver = new CountingReceiver();
             DispatcherNode a = new DispatcherNode(TestDatabase.URL, PREFIX, receiver.url(), "node-a", Clock.systemUTC());
             DispatcherNode b = new DispatcherNode(TestDatabase.URL, PREFIX, receiver.url(), "node-b", Clock.systemUTC())) {

            long requeued = a.dispatcher.redeliverAll(DispatcherNode.SUBSCRIPTION, MessageQuery.State.DEAD);

            assertThat(requeued).isEqualTo(450);
            Poll.until("every redelivered message delivered", () -> store.count(DeliveryStatus.DELIVERED), n -> n == 450);
            assertThat(receiver.byMessage()).hasSize(450);
            assertThat(receiver.byMessage().values()).extracting(AtomicInteger::get).containsOnly(1);
            assertThat(dead).allSatisfy(id -> assertThat(store.message(id).orElseThrow().attemptCount()).isEqualTo(1));
            assertThat(a.dispatcher.redeliverAll(null, MessageQuery.State.DEAD)).isZero();
            assertThat(receiver.deliveredBy("node-a") + receiver.deliveredBy("node-b")).isEqualTo(450);
            assertThat(b.dispatcher.health().backlog()).isZero();
        }
    }

    @Test
    void healthCountsTheSharedBacklogAndTheOldestQueuedMessage() throws Exception {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(db).tablePrefix(PREFIX).build();
        Instant created = Instant.now().minus(Duration.ofHours(2));
        // Not due for a day, so the running dispatcher leaves them queued.
        store.enqueue(List.of(OutboundMessage.pending("old", "nobody", "order.created", created, "{}".getBytes(StandardCharsets.UTF_8))
                .toBuilder().nextAttemptAt(Instant.now().plus(Duration.ofDays(1))).build()));
        try (CountingReceiver receiver = new CountingReceiver();
             DispatcherNode node = new DispatcherNode(TestDatabase.URL, PREFIX, receiver.url(), "node-h", Clock.systemUTC())) {

            DispatcherHealth health = node.dispatcher.health();

            assertThat(health.healthy()).isTrue();
            assertThat(health.backlog()).isEqualTo(1);
            assertThat(health.oldestPendingAge()).hasValueSatisfying(age ->
                    assertThat(age).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(5)));
            assertThat(health.storeError()).isEmpty();
        }
    }
}
