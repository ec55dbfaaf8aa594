package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Reason;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DispatcherHealth;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A database that cannot be reached (a closed port on 127.0.0.1), and bad settings; needs no PostgreSQL. */
class UnreachableDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final PGSimpleDataSource deadDatabase = deadDatabase();

    private static PGSimpleDataSource deadDatabase() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {closedPort()});
        ds.setDatabaseName("test");
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        return ds;
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void storeOperationsThrowDependencyUnavailable() {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(deadDatabase).build();
        OutboundMessage m = OutboundMessage.pending("m1", "s1", "order.created", T0, "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.enqueue(List.of(m)))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageStartingWith("enqueueing 1 messages failed (SQLState 08");
        assertThatThrownBy(() -> store.claim(ClaimRequest.of("w1", T0, Duration.ofSeconds(30), 10)))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageStartingWith("claiming messages failed");
    }

    @Test
    void eventLogSwallowsTheOutageWhenRecordingAndTheReceiverStillTellsListeners() {
        JdbcEventLog log = JdbcEventLog.builder(deadDatabase).build();
        List<String> heard = new ArrayList<>();
        dev.webhookkit.core.WebhookReceiver receiver = dev.webhookkit.core.WebhookReceiver.builder().eventLog(log)
                .recordListener(r -> heard.add(r.reason().name()))
                .endpoint(dev.webhookkit.core.Endpoint.builder("alerts").allowUnsigned().build()).build();

        var result = receiver.receive("alerts", dev.webhookkit.core.WebhookRequest.post("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                dev.webhookkit.core.Headers.of()));

        assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
        assertThat(heard).containsExactly("PROCESSED");
        assertThatThrownBy(() -> log.recent(10)).isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void aDispatcherOnAStoppedDatabaseReportsItUnreachableWithoutThePassword() {
        deadDatabase.setPassword("hunter2-db-password");
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().store(JdbcDeliveryStore.builder(deadDatabase).build())
                .workers(1).pollInterval(Duration.ofSeconds(5)).build();
        try {
            DispatcherHealth health = dispatcher.health();

            assertThat(health.running()).isTrue();
            assertThat(health.storeReachable()).isFalse();
            assertThat(health.backlog()).isEqualTo(-1);
            assertThat(health.oldestPendingAge()).isEmpty();
            assertThat(health.storeError()).hasValueSatisfying(error -> assertThat(error)
                    .startsWith("DependencyUnavailableException: counting pending messages failed (SQLState 08")
                    .doesNotContain("hunter2").hasSizeLessThanOrEqualTo(200));
        } finally {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void messageQueriesThrowDependencyUnavailable() {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(deadDatabase).build();
        assertThatThrownBy(() -> store.messages(MessageQuery.all()))
                .isInstanceOf(DependencyUnavailableException.class).hasMessageStartingWith("querying messages failed");
        assertThatThrownBy(() -> store.redeliverBatch(null, MessageQuery.State.DEAD, null, 10, T0))
                .isInstanceOf(DependencyUnavailableException.class).hasMessageStartingWith("redelivering dead messages failed");
    }

    @Test
    void schemaCreationThrowsDependencyUnavailable() {
        assertThatThrownBy(() -> JdbcSchema.create(deadDatabase))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageStartingWith("creating the webhookkit schema failed");
    }

    @Test
    void buildersRejectInvalidSettingsNamingThem() {
        assertThatThrownBy(() -> JdbcDeliveryStore.builder(deadDatabase).capacity(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("capacity must be > 0 but was 0");
        assertThatThrownBy(() -> JdbcEventLog.builder(deadDatabase).maxBodyBytes(-1).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("maxBodyBytes must be >= 0 but was -1");
        assertThatThrownBy(() -> JdbcEventLog.builder(deadDatabase).tablePrefix("Bad").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tablePrefix");
    }

    @Test
    void toStringNamesTheTableButNotTheDataSource() {
        assertThat(JdbcDeliveryStore.builder(deadDatabase).tablePrefix("shop_").capacity(5).build())
                .hasToString("JdbcDeliveryStore[shop_outbox, capacity=5]");
    }
}
