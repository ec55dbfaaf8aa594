package dev.webhookkit.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox pattern with webhookkit.store=jdbc on the local PostgreSQL: a publish inside a
 * {@code @Transactional} method is stored in that transaction, so a rollback sends nothing and a
 * commit sends the message.
 */
@Tag("services")
@SpringBootTest(classes = TransactionalOutboxTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
    "spring.datasource.username=postgres",
    "webhookkit.store=jdbc",
    "webhookkit.outbound.subscriptions.ops.secret=ops-outbound-secret",
})
class TransactionalOutboxTest {
    static final String PREFIX = ("t_spring_" + UUID.randomUUID().toString().substring(0, 8) + "_").toLowerCase(Locale.ROOT);
    static final Subscriber SUBSCRIBER = new Subscriber();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("webhookkit.outbound.subscriptions.ops.url", SUBSCRIBER::url);
        registry.add("webhookkit.jdbc.table-prefix", () -> PREFIX);
    }

    @AfterAll
    static void stop() {
        SUBSCRIBER.close();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        SsrfGuard loopbackAllowed() {
            return SsrfGuard.builder().allowLoopback().build();
        }

        @Bean
        Orders orders(JdbcTemplate jdbc, WebhookDispatcher dispatcher) {
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + PREFIX + "orders (id text PRIMARY KEY)");
            return new Orders(jdbc, dispatcher);
        }
    }

    /** The application's service: its own row and the webhook in one transaction. */
    static class Orders {
        private final JdbcTemplate jdbc;
        private final WebhookDispatcher dispatcher;

        Orders(JdbcTemplate jdbc, WebhookDispatcher dispatcher) {
            this.jdbc = jdbc;
            this.dispatcher = dispatcher;
        }

        @Transactional
        public List<String> place(String id, boolean failAfterPublish) {
            jdbc.update("INSERT INTO " + PREFIX + "orders (id) VALUES (?)", id);
            List<String> ids = dispatcher.publish("order.placed", Map.of("order", id));
            if (failAfterPublish) {
                throw new IllegalStateException("payment declined");
            }
            return ids;
        }
    }

    @Autowired
    Orders orders;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void dropTables(@Autowired JdbcTemplate jdbc) {
        jdbc.execute("DROP TABLE IF EXISTS " + PREFIX + "orders, " + PREFIX + "outbox, " + PREFIX + "attempt, " + PREFIX + "event, "
                + PREFIX + "registry_version, " + PREFIX + "registry");
    }

    @Test
    void rollbackLeavesNoMessageAndSendsNothing() throws Exception {
        String id = "o-" + UUID.randomUUID();
        assertThatThrownBy(() -> orders.place(id, true)).hasMessage("payment declined");

        assertThat(count("orders", "id = ?", id)).isZero();
        assertThat(count("outbox", "convert_from(body, 'UTF8') LIKE ?", "%" + id + "%")).isZero();
        // A committed order after it is delivered; had the rolled-back one been stored, it would go first.
        String committed = "o-" + UUID.randomUUID();
        orders.place(committed, false);
        Poll.until("the committed order reached the subscriber", Duration.ofSeconds(10), () -> bodies().stream().anyMatch(b -> b.contains(committed)));
        assertThat(bodies()).noneMatch(b -> b.contains(id));
    }

    @Test
    void commitStoresTheMessageWithTheRowAndDeliversIt() {
        String id = "o-" + UUID.randomUUID();
        List<String> messageIds = orders.place(id, false);

        assertThat(messageIds).hasSize(1);
        assertThat(count("orders", "id = ?", id)).isEqualTo(1);
        Poll.until("the order reached the subscriber", Duration.ofSeconds(10), () -> bodies().stream().anyMatch(b -> b.contains(id)));
    }

    private long count(String table, String where, String arg) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM " + PREFIX + table + " WHERE " + where, Long.class, arg);
        return n == null ? 0 : n;
    }

    private static List<String> bodies() {
        return SUBSCRIBER.received.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList();
    }
}
