package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.testing.Poll;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two dispatchers on one PostgreSQL outbox, configured with the same instance id (as two replicas
 * given the same name by mistake would be): ownership of a message is its claim's lease token, not
 * the claimant, so each message is still sent and settled exactly once.
 */
@Tag("services")
class SharedOutboxDeliveryTest {
    private static final int MESSAGES = 400;

    private final String prefix = TestDatabase.uniquePrefix("shared");
    private HikariDataSource db;
    private CountingReceiver receiver;
    private final List<DispatcherNode> nodes = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        db = TestDatabase.poolWithTables("shared-test", 2, prefix);
        receiver = new CountingReceiver();
    }

    @AfterEach
    void stop() {
        nodes.forEach(DispatcherNode::close);
        receiver.close();
        TestDatabase.dropTables(db, prefix);
        db.close();
    }

    @Test
    void twoDispatchersWithTheSameInstanceIdDeliverEachMessageExactlyOnce() throws Exception {
        String url = receiver.url();
        for (int i = 0; i < 2; i++) {
            nodes.add(new DispatcherNode(TestDatabase.URL, prefix, url, "twin", Clock.systemUTC()));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            ids.addAll(nodes.get(i % 2).dispatcher.publish("incident.created", Map.of("n", i)));
        }

        JdbcDeliveryStore store = JdbcDeliveryStore.builder(db).tablePrefix(prefix).build();
        Poll.until("every message delivered", Duration.ofSeconds(60), () -> store.count(DeliveryStatus.DELIVERED) == MESSAGES,
                () -> "delivered " + store.count(DeliveryStatus.DELIVERED));

        assertThat(store.count(DeliveryStatus.DELIVERED)).isEqualTo(MESSAGES);
        assertThat(receiver.byMessage().keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receiver.byMessage().values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(ids).allSatisfy(id -> assertThat(store.attempts(id)).hasSize(1));
    }
}
