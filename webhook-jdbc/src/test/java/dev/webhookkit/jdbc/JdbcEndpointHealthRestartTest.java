package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.EndpointHealthState;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Endpoint health lives in the database: a dispatcher that restarts (or another instance) goes on
 * counting from what the one before it counted, and the reason it disabled a subscription stays.
 */
@Tag("services")
class JdbcEndpointHealthRestartTest {
    private final String prefix = TestDatabase.uniquePrefix("health_restart");
    private final SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
    private HikariDataSource db;
    private HttpServer failing;

    @BeforeEach
    void start() throws IOException {
        db = TestDatabase.poolWithTables("health-restart", 6, prefix);
        failing = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        failing.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failing.start();
        subscriptions.create(Subscription.builder("flaky", "http://127.0.0.1:" + failing.getAddress().getPort() + "/hooks")
                .secret("health-restart-secret").build());
    }

    @AfterEach
    void stop() {
        failing.stop(0);
        TestDatabase.dropTablesAndClose(db, prefix);
    }

    private WebhookDispatcher dispatcher(String instanceId) {
        return WebhookDispatcher.builder()
                .store(JdbcDeliveryStore.builder(db).tablePrefix(prefix).build())
                .subscriptions(subscriptions)
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).build()) // every failure gives its message up
                .disableAfterFailedMessages(2)
                .instanceId(instanceId)
                .workers(1)
                .pollInterval(Duration.ofMillis(20))
                .build();
    }

    private static void awaitDeadLettered(WebhookDispatcher d, String id) {
        Poll.until("message " + id + " to be given up", Duration.ofSeconds(20),
                () -> d.log().message(id).map(m -> m.status() == DeliveryStatus.DEAD_LETTERED).orElse(false));
    }

    @Test
    void aRestartedDispatcherGoesOnFromTheStoredCountsAndTheReasonStays() {
        WebhookDispatcher before = dispatcher("before-restart");
        String first = before.publish("order.created", Map.of("n", 1)).get(0);
        awaitDeadLettered(before, first);
        Poll.until("the failed message to be counted", Duration.ofSeconds(10),
                () -> before.endpointHealth().find("flaky").failedMessages() == 1);
        assertThat(subscriptions.get("flaky").orElseThrow().enabled()).isTrue();
        before.close(Duration.ofSeconds(5));

        WebhookDispatcher after = dispatcher("after-restart");
        try {
            assertThat(after.endpointHealth().find("flaky").failedMessages()).isEqualTo(1);
            String second = after.publish("order.created", Map.of("n", 2)).get(0);
            awaitDeadLettered(after, second);
            // One message given up by each instance: two in all, the limit.
            Poll.until("the subscription to be disabled", Duration.ofSeconds(10), () -> !subscriptions.get("flaky").orElseThrow().enabled());
        } finally {
            after.close(Duration.ofSeconds(5));
        }

        EndpointHealthState kept = JdbcEndpointHealthStore.of(db, prefix).find("flaky");
        assertThat(kept.disabledReason()).contains(DisableReason.TOO_MANY_FAILED_MESSAGES);
        assertThat(kept.disabledAt()).isPresent();
        assertThat(kept.failedMessages()).isZero(); // counting starts again once disabled
    }
}
