package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.MutableClock;
import dev.webhookkit.testing.Poll;
import dev.webhookkit.verify.WebhookVerifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The raw enqueue API and unsigned subscriptions on a PostgreSQL outbox: a message's own headers outlive the dispatcher that stored them. */
@Tag("services")
class JdbcEnqueueTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("enqueue");
    private static final String SECRET = "jdbc-enqueue-secret-0123";
    private static final byte[] RAW = {'a', '=', '1', '&', 'b', '=', (byte) 0xc3, (byte) 0x28, 0};
    private static HikariDataSource db;

    private record Got(Headers headers, byte[] body) {
    }

    private final List<Got> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answers = new AtomicInteger();
    private HttpServer server;

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("enqueue", 4, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @BeforeEach
    void startReceiver() throws Exception {
        TestDatabase.truncateTables(db, PREFIX);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        // The first request fails, so the message waits for its retry in the outbox; later ones succeed.
        server.createContext("/hook", exchange -> {
            try (exchange) {
                received.add(new Got(Headers.of(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(answers.getAndIncrement() == 0 ? 503 : 204, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private WebhookDispatcher dispatcher(HikariDataSource pool, MutableClock clock, Subscription subscription, String instance) {
        SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
        subscriptions.create(subscription);
        return WebhookDispatcher.builder()
                .store(JdbcDeliveryStore.builder(pool).tablePrefix(PREFIX).clock(clock).build())
                .subscriptions(subscriptions)
                .clock(clock)
                .instanceId(instance)
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build())
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(Duration.ZERO, Duration.ofHours(1)).build())
                .pollInterval(Duration.ofMillis(20))
                .workers(2)
                .build();
    }

    @Test
    void aMessagesOwnHeadersAndExactBytesSurviveARestartOfTheDispatcher() {
        MutableClock clock = MutableClock.at("2026-12-03T10:00:00Z");
        Subscription sub = Subscription.builder("fwd", url()).secret(SECRET).build();
        Headers own = Headers.builder().add("Content-Type", "application/x-www-form-urlencoded").add("X-Trace", "t-1")
                .add("X-Trace", "t-2").build();
        String id;
        try (HikariDataSource first = TestDatabase.pool("enqueue-first", 3)) {
            WebhookDispatcher a = dispatcher(first, clock, sub, "node-a");
            id = a.enqueue("fwd", "forward.test", RAW, own);
            Poll.until("the first attempt to fail", () -> a.log().attempts(id), l -> l.size() == 1);
            a.close(Duration.ofSeconds(5));
        }
        assertThat(received).hasSize(1);

        clock.advance(Duration.ofHours(2));
        try (HikariDataSource second = TestDatabase.pool("enqueue-second", 3)) {
            WebhookDispatcher b = dispatcher(second, clock, sub, "node-b");
            try {
                Poll.until("the retry to be delivered by the new instance", () -> b.log().attempts(id), l -> l.size() == 2);
                Poll.until("the message to be delivered", () -> JdbcDeliveryStore.builder(db).tablePrefix(PREFIX).build().message(id)
                        .orElseThrow().status(), s -> s == DeliveryStatus.DELIVERED);
            } finally {
                b.close(Duration.ofSeconds(5));
            }
        }

        assertThat(received).hasSize(2).allSatisfy(g -> {
            assertThat(g.body()).isEqualTo(RAW);
            assertThat(g.headers().all("Content-Type")).containsExactly("application/x-www-form-urlencoded");
            assertThat(g.headers().all("X-Trace")).containsExactly("t-1", "t-2");
        });
        Got retry = received.get(1);
        WebhookRequest request = WebhookRequest.builder().body(retry.body()).headers(retry.headers()).receivedAt(clock.instant()).build();
        assertThat(WebhookVerifier.verify("hmac-sha256", SecretSet.ofValues(SECRET), request).isValid()).isTrue();
    }

    @Test
    void attemptsToAnUnsignedSubscriptionAreStoredAsUnsigned() {
        MutableClock clock = MutableClock.at("2026-12-03T10:00:00Z");
        answers.set(1);
        WebhookDispatcher d = dispatcher(db, clock, Subscription.builder("agnox", url()).unsigned().build(), "node-u");
        try {
            String id = d.enqueue("agnox", "alert", RAW, Headers.empty());
            Poll.until("the attempt", () -> d.log().attempts(id), l -> l.size() == 1);

            List<DeliveryAttempt> stored = JdbcDeliveryStore.builder(db).tablePrefix(PREFIX).build().attempts(id);
            assertThat(stored).singleElement().satisfies(a -> {
                assertThat(a.unsigned()).isTrue();
                assertThat(a.succeeded()).isTrue();
            });
            assertThat(received.get(0).headers().contains("X-Webhook-Signature")).isFalse();
        } finally {
            d.close(Duration.ofSeconds(5));
        }
    }
}
