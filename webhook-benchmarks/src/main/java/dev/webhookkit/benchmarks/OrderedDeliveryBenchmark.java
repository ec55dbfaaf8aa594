package dev.webhookkit.benchmarks;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.jdbc.JdbcDeliveryStore;
import dev.webhookkit.jdbc.JdbcSchema;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What ordered delivery ({@code Subscription.Builder.ordered(true)}) costs: messages per second to
 * one subscriber through the same dispatcher, the same store and the same local receiver (JDK
 * HttpServer on 127.0.0.1, answering 204 after {@code receiverMillis}), in the same run:
 * <ul>
 * <li>{@code unordered}: one subscription with {@code maxInFlight = workers} — the baseline;</li>
 * <li>{@code ordered}: one ordered subscription, so one request in flight: bound by
 *     {@code 1 / (latency + claim + settle)};</li>
 * <li>{@code orderedEightSubscriptions}: the same messages spread over eight ordered
 *     subscriptions, which are independent of each other (ordering is per subscription).</li>
 * </ul>
 * One operation is one message: each call enqueues {@value #BATCH} messages in one store call and
 * returns when all are recorded delivered. {@code store=jdbc} needs a PostgreSQL at
 * {@code -Dwebhookkit.bench.jdbcUrl} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code -Dwebhookkit.bench.user}, default {@code postgres}); its tables get a fresh prefix per
 * trial and are dropped afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class OrderedDeliveryBenchmark {
    static final int BATCH = 200;
    static final int SPREAD = 8;
    static final int WORKERS = 8;

    /** {@code memory} ({@code DeliveryStore.inMemory}) or {@code jdbc} ({@code JdbcDeliveryStore} on PostgreSQL). */
    @Param({"memory", "jdbc"})
    public String store;

    /** How long the receiver takes to answer, in milliseconds. */
    @Param({"0", "1"})
    public int receiverMillis;

    private final String prefix = "bench_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private final Semaphore delivered = new Semaphore(0);
    private final AtomicLong sequence = new AtomicLong();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private DeliveryStore outbox;
    private WebhookDispatcher dispatcher;
    private HttpServer receiver;
    private ExecutorService receiverThreads;

    @Setup(Level.Trial)
    public void start() throws IOException {
        receiverThreads = Executors.newFixedThreadPool(2 * WORKERS);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
        receiver.createContext("/hooks", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            if (receiverMillis > 0) {
                try {
                    Thread.sleep(receiverMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(receiverThreads);
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";

        if (store.equals("jdbc")) {
            HikariDataSource pool = pool(WORKERS + 4);
            JdbcSchema.create(pool, prefix);
            outbox = JdbcDeliveryStore.builder(pool).tablePrefix(prefix).build();
        } else {
            outbox = DeliveryStore.inMemory(1_000_000, Clock.systemUTC());
        }
        SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
        subscriptions.create(Subscription.builder("free", url).secret("bench-secret").maxInFlight(WORKERS).build());
        subscriptions.create(Subscription.builder("fifo", url).secret("bench-secret").ordered(true).build());
        for (int i = 0; i < SPREAD; i++) {
            subscriptions.create(Subscription.builder("fifo-" + i, url).secret("bench-secret").ordered(true).build());
        }
        DispatchListener countDelivered = new DispatchListener() {
            @Override
            public void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
                delivered.release();
            }
        };
        dispatcher = WebhookDispatcher.builder()
                .store(outbox)
                .subscriptions(subscriptions)
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                .workers(WORKERS)
                .pollInterval(Duration.ofMillis(5))
                .listener(countDelivered)
                .build();
    }

    private HikariDataSource pool(int size) {
        HikariDataSource ds = BenchDatabase.pool("ordered-bench", size);
        pools.add(ds);
        return ds;
    }

    /** The baseline: one subscription, up to {@value #WORKERS} requests in flight. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void unordered() throws InterruptedException {
        deliver(1, "free");
    }

    /** One ordered subscription: one request in flight. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ordered() throws InterruptedException {
        deliver(1, "fifo");
    }

    /** The same number of messages over {@value #SPREAD} ordered subscriptions, each in its own order. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void orderedEightSubscriptions() throws InterruptedException {
        deliver(SPREAD, "fifo-");
    }

    /** Enqueues {@value #BATCH} messages round-robin over {@code subscriptions} ids and waits until all are delivered. */
    private void deliver(int subscriptions, String idOrPrefix) throws InterruptedException {
        List<OutboundMessage> batch = BenchMessages.batch(sequence, BATCH, i -> subscriptions == 1 ? idOrPrefix : idOrPrefix + (i % subscriptions));
        outbox.enqueue(batch);
        if (!delivered.tryAcquire(BATCH, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the dispatcher did not deliver " + BATCH + " messages within 2 minutes");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        dispatcher.close(Duration.ofSeconds(10));
        if (!pools.isEmpty()) {
            BenchDatabase.dropTables(pools.get(0), prefix);
        }
        pools.forEach(HikariDataSource::close);
        receiver.stop(0);
        receiverThreads.shutdownNow();
    }
}
