package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two dispatchers on one PostgreSQL outbox deliver an ordered subscription in order (issue 16):
 * the claim hands out only the subscription's earliest pending message and only while none of its
 * messages is leased, so the lease is the lock across instances. The first message fails twice;
 * the receiver must see it three times, then every later one once, in publish order, never two at once.
 */
@Tag("services")
class OrderedSharedOutboxTest {
    private static final int MESSAGES = 30;
    private static final int FAILURES = 2;
    private static final String INSTANCE_HEADER = "X-Test-Instance";
    private static final Pattern N = Pattern.compile("\"n\":(\\d+)");

    private final String prefix = TestDatabase.uniquePrefix("ordered");
    private HikariDataSource db;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
    private HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<Integer> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger(FAILURES);

    @BeforeEach
    void start() throws IOException {
        db = TestDatabase.poolWithTables("ordered-test", 2, prefix);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.createContext("/hooks", this::receive);
        server.setExecutor(threads);
        server.start();
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(d -> d.close(Duration.ofSeconds(5)));
        pools.forEach(HikariDataSource::close);
        server.stop(0);
        threads.shutdownNow();
        TestDatabase.dropTables(db, prefix);
        db.close();
    }

    private void receive(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher m = N.matcher(body);
            int n = m.find() ? Integer.parseInt(m.group(1)) : -1;
            arrivals.add(n);
            byInstance.computeIfAbsent(String.valueOf(exchange.getRequestHeaders().getFirst(INSTANCE_HEADER)), k -> new AtomicInteger())
                    .incrementAndGet();
            Thread.sleep(3); // a receiver that takes a moment: overlapping requests would show
            exchange.sendResponseHeaders(n == 0 && failuresLeft.getAndDecrement() > 0 ? 503 : 204, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private WebhookDispatcher node(String instance) {
        HikariDataSource pool = TestDatabase.pool("ordered-" + instance, 6);
        pools.add(pool);
        SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
        subscriptions.create(Subscription.builder("fifo", "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks")
                .secret("ordered-test-secret").header(INSTANCE_HEADER, instance).ordered(true).build());
        WebhookDispatcher d = WebhookDispatcher.builder()
                .store(JdbcDeliveryStore.builder(pool).tablePrefix(prefix).build())
                .subscriptions(subscriptions)
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                .retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(200))
                        .jitter(0).build())
                .instanceId(instance)
                .workers(4)
                .pollInterval(Duration.ofMillis(5))
                .build();
        dispatchers.add(d);
        return d;
    }

    @Test
    void twoDispatchersDeliverAnOrderedSubscriptionOneAtATimeInPublishOrder() {
        WebhookDispatcher a = node("a");
        WebhookDispatcher b = node("b");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            ids.addAll((i % 2 == 0 ? a : b).publish("incident.created", Map.of("n", i)));
        }

        JdbcDeliveryStore store = JdbcDeliveryStore.builder(db).tablePrefix(prefix).build();
        Poll.until("every message delivered", Duration.ofSeconds(60), () -> store.count(DeliveryStatus.DELIVERED) == MESSAGES,
                () -> "delivered " + store.count(DeliveryStatus.DELIVERED) + ", arrivals " + arrivals);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < FAILURES; i++) {
            expected.add(0);
        }
        for (int i = 0; i < MESSAGES; i++) {
            expected.add(i);
        }
        System.out.println("ordered delivery over a shared outbox, requests per instance: " + byInstance);
        assertThat(arrivals).isEqualTo(expected);
        assertThat(maxInFlight.get()).as("requests in flight at once, over both instances").isEqualTo(1);
        assertThat(store.attempts(ids.get(0))).hasSize(FAILURES + 1);
        assertThat(ids.subList(1, MESSAGES)).allSatisfy(id -> assertThat(store.attempts(id)).hasSize(1));
    }
}
