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
import dev.webhookkit.outbound.spi.DeliveryQueue;
import dev.webhookkit.outbound.spi.DeliveryStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.SQLException;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Messages per second claimed from an outbox, POSTed to a local receiver (JDK HttpServer on
 * 127.0.0.1) and completed: {@link #claimAndDeliver} on a PostgreSQL outbox
 * ({@code JdbcDeliveryStore}) with 1 and 2 dispatcher instances sharing it (each with its own
 * connection pool and claimant id, as separate processes would have), and {@link #inMemory}, the
 * baseline, on the in-memory store with the same receiver, workers and claim batch. One operation
 * is one message: each call enqueues {@value #BATCH} messages in one call and returns when the
 * dispatchers have recorded all of them delivered.
 *
 * <p>{@code inMemory} always runs one dispatcher (an in-memory store cannot be shared by two
 * instances); JMH still runs it once per value of {@link #dispatchers}, so each run reports the
 * baseline twice.
 *
 * <p>Needs a PostgreSQL at {@code -Dwebhookkit.bench.jdbcUrl} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code -Dwebhookkit.bench.user}, default
 * {@code postgres}); its tables get a fresh prefix per trial and are dropped afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class OutboxBenchmark {
    static final int BATCH = 1_000;

    /** Dispatcher instances sharing the outbox ({@link #claimAndDeliver}; {@link #inMemory} runs one). */
    @Param({"1", "2"})
    public int dispatchers;

    /** Worker threads per dispatcher (requests in flight per instance). */
    @Param({"8"})
    public int workers;

    /** Messages a worker claims per transaction. */
    @Param({"10"})
    public int claimBatch;

    private final String prefix = "bench_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private final Semaphore delivered = new Semaphore(0);
    private final AtomicLong sequence = new AtomicLong();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<WebhookDispatcher> running = new ArrayList<>();
    private HttpServer receiver;
    private ExecutorService receiverThreads;
    private DeliveryQueue producer;
    private boolean jdbc;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) throws IOException {
        jdbc = !params.getBenchmark().endsWith(".inMemory");
        receiverThreads = Executors.newFixedThreadPool(16);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 256);
        receiver.createContext("/hooks", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(receiverThreads);
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";

        DispatchListener countDelivered = new DispatchListener() {
            @Override
            public void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
                delivered.release();
            }
        };
        if (!jdbc) {
            DeliveryStore store = DeliveryStore.inMemory();
            producer = store;
            running.add(dispatcher(store, url, "bench-memory", countDelivered));
            return;
        }
        HikariDataSource producerPool = pool("producer", 2);
        JdbcSchema.create(producerPool, prefix);
        producer = JdbcDeliveryStore.builder(producerPool).tablePrefix(prefix).build();
        for (int i = 0; i < dispatchers; i++) {
            running.add(dispatcher(JdbcDeliveryStore.builder(pool("dispatcher-" + i, workers + 2)).tablePrefix(prefix).build(), url,
                    "bench-" + i, countDelivered));
        }
    }

    private WebhookDispatcher dispatcher(DeliveryStore store, String url, String instanceId, DispatchListener countDelivered) {
        SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
        // Room in flight for every worker's largest claim: the subscription's limit is not what is measured.
        subscriptions.create(Subscription.builder("sink", url).secret("bench-secret").maxInFlight(workers * claimBatch * 8).build());
        return WebhookDispatcher.builder()
                .store(store)
                .subscriptions(subscriptions)
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                .instanceId(instanceId)
                .workers(workers)
                .claimBatch(claimBatch)
                .pollInterval(Duration.ofMillis(10))
                .listener(countDelivered)
                .build();
    }

    private HikariDataSource pool(String name, int size) {
        HikariDataSource ds = BenchDatabase.pool(name, size);
        pools.add(ds);
        return ds;
    }

    /** The JDBC outbox with {@link #dispatchers} instances. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void claimAndDeliver() throws InterruptedException {
        enqueueAndAwaitDelivery();
    }

    /** The baseline: one dispatcher on the in-memory store. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void inMemory() throws InterruptedException {
        enqueueAndAwaitDelivery();
    }

    private void enqueueAndAwaitDelivery() throws InterruptedException {
        List<OutboundMessage> batch = BenchMessages.batch(sequence, BATCH, i -> "sink");
        producer.enqueue(batch);
        if (!delivered.tryAcquire(BATCH, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the dispatchers did not deliver " + BATCH + " messages within 2 minutes");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        running.forEach(d -> d.close(Duration.ofSeconds(10)));
        if (jdbc) {
            BenchDatabase.dropTables(pools.get(0), prefix);
        }
        pools.forEach(HikariDataSource::close);
        receiver.stop(0);
        receiverThreads.shutdownNow();
    }
}
