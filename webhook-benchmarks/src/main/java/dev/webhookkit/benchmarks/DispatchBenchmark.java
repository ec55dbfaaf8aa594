package dev.webhookkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.Envelope;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SignatureScheme;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbound dispatcher against bare {@link HttpClient} loops, in the same JVM and run, all
 * sending signed 1 KiB events to one local JDK HttpServer receiver on 127.0.0.1:
 *
 * <ul>
 *   <li>{@code seq} — one thread, one client, {@code send} in a loop;</li>
 *   <li>{@code async64} — one client, {@code sendAsync} with 64 requests in flight;</li>
 *   <li>{@code threads:T:C[:direct]} — T threads each sending in a loop over C clients, optionally
 *       with a same-thread executor (the transport set-ups explored for the dispatcher's default,
 *       with {@code --explore});</li>
 *   <li>{@code dispatcher} — {@code WebhookDispatcher} with its defaults, from the first
 *       {@code publish} to the last delivery ({@code dispatcher:T:C[:B]} for T workers over C
 *       clients claiming B messages at a time; {@code drain[:T:C[:B]]} fills the store first and
 *       times the workers emptying it, to separate publishing from delivering).</li>
 * </ul>
 *
 * Then the enqueue-to-delivered latency at a steady publish rate and the heap that queued messages
 * take. A harness rather than JMH: the unit of work is a whole run of 20,000 requests, and every
 * contender must see the same warmed-up receiver. Every bare request is signed too (HMAC-SHA256 of
 * the body), so the comparison is signed against signed.
 *
 * <pre>
 * java -cp webhook-benchmarks/target/benchmarks.jar dev.webhookkit.benchmarks.DispatchBenchmark
 *     [--events 20000] [--rounds 3] [--modes seq,async64,dispatcher] [--explore]
 *     [--rate 2000] [--seconds 10] [--queued 100000] [--skip-latency] [--skip-heap]
 * </pre>
 */
public final class DispatchBenchmark {
    private static final String SECRET = "benchmark-secret-0123456789";
    private static final SignatureScheme SCHEME = Schemes.hmacSha256();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final JsonNode data = oneKibData();
    private final byte[] body = Envelope.standard().wrap("incident.created", Instant.now(), data);
    private HttpServer server;
    private ExecutorService serverPool;
    private final AtomicLong received = new AtomicLong();
    private URI target;

    private DispatchBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + a);
            }
            String key = a.substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(key, flag ? "true" : args[++i]);
        }
        new DispatchBenchmark(options).run();
    }

    private int intOption(String name, int def) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(def)));
    }

    private boolean flag(String name) {
        return Boolean.parseBoolean(options.getOrDefault(name, "false"));
    }

    private void run() throws Exception {
        int events = intOption("events", 20_000);
        int rounds = intOption("rounds", 3);
        List<String> modes = new ArrayList<>(Arrays.asList(options.getOrDefault("modes", "seq,async64,dispatcher").split(",")));
        if (flag("explore")) {
            modes.addAll(List.of("threads:4:1", "threads:8:1", "threads:16:1", "threads:8:2", "threads:16:4", "threads:32:4", "threads:8:8",
                    "threads:8:1:direct", "threads:8:2:direct", "threads:16:4:direct", "drain", "dispatcher:8:2", "dispatcher:16:4:4"));
        }
        startReceiver();
        System.out.printf(Locale.ROOT, "JDK %s (%s), %d cores, body %d bytes, %d events per run, %d rounds%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                body.length, events, rounds);
        System.out.printf(Locale.ROOT, "receiver: JDK HttpServer on %s, %d handler threads%n%n", target, serverThreads());

        // Warm-up: every contender once, a quarter of the size.
        for (String mode : modes) {
            runMode(mode, Math.max(1_000, events / 4));
        }
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (String mode : modes) {
                double perSecond = runMode(mode, events);
                results.computeIfAbsent(mode, k -> new ArrayList<>()).add(perSecond);
            }
        }
        // The target compares with the better of the two plain loops (seq, async64); the hand-tuned
        // thread set-ups explored for the transport are shown against too, for honesty.
        double bestLoop = 0;
        double bestAny = 0;
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            String mode = e.getKey();
            if (mode.equals("seq") || mode.equals("async64")) {
                bestLoop = Math.max(bestLoop, best(e.getValue()));
            }
            if (!mode.startsWith("dispatcher") && !mode.startsWith("drain")) {
                bestAny = Math.max(bestAny, best(e.getValue()));
            }
        }
        System.out.printf(Locale.ROOT, "%-20s %10s %10s %14s %14s%n", "mode", "best/s", "median/s", "vs best loop", "vs best bare");
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            double b = best(e.getValue());
            System.out.printf(Locale.ROOT, "%-20s %10.0f %10.0f %13.2fx %13.2fx%n", e.getKey(), b, median(e.getValue()),
                    bestLoop > 0 ? b / bestLoop : Double.NaN, b / bestAny);
        }
        if (!flag("skip-latency")) {
            latencyAtSteadyRate(intOption("rate", 2_000), intOption("seconds", 10));
        }
        if (!flag("skip-heap")) {
            heapOfQueuedMessages(intOption("queued", 100_000));
        }
        server.stop(0);
        serverPool.shutdownNow();
    }

    // ---- receiver -----------------------------------------------------------------------------

    private int serverThreads() {
        return intOption("server-threads", 8);
    }

    private void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        serverPool = Executors.newFixedThreadPool(serverThreads(), daemon("receiver"));
        server.setExecutor(serverPool);
        server.createContext("/hook", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                received.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        CountDownLatch never = new CountDownLatch(1);
        server.createContext("/hang", exchange -> {
            try (exchange) {
                never.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    // ---- contenders -----------------------------------------------------------------------------

    /** Runs one contender over {@code events} requests and returns requests per second. */
    private double runMode(String mode, int events) throws Exception {
        String[] p = mode.split(":");
        long start = System.nanoTime();
        long nanos = switch (p[0]) {
            case "seq" -> threads(events, 1, 1, false);
            case "async64" -> async(events, 64);
            case "threads" -> threads(events, Integer.parseInt(p[1]), Integer.parseInt(p[2]), p.length > 3 && p[3].equals("direct"));
            case "dispatcher", "drain" -> dispatcher(events, p.length > 1 ? Integer.parseInt(p[1]) : 0,
                    p.length > 2 ? Integer.parseInt(p[2]) : 0, p.length > 3 ? Integer.parseInt(p[3]) : 0, p[0].equals("drain"));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        return events / ((nanos > 0 ? nanos : System.nanoTime() - start) / 1e9);
    }

    private static HttpClient bareClient() {
        return bareClient(false);
    }

    /** With {@code direct}, the client's follow-up tasks run on its selector thread instead of a pool. */
    private static HttpClient bareClient(boolean direct) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (direct) {
            b.executor(Runnable::run);
        }
        return b.build();
    }

    /** A signed request, as a careful hand-written sender would build it. */
    private HttpRequest signedRequest(int n) {
        String id = "bare-" + n;
        Instant now = Instant.now();
        Headers signature = SCHEME.sign(SigningInput.of(id, now, body, target.toString()), SecretSet.ofValues(SECRET));
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Id", id)
                .header("X-Webhook-Event", "incident.created")
                .header("X-Webhook-Timestamp", Long.toString(now.getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signature.toMap().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        return b.build();
    }

    private long threads(int events, int threadCount, int clientCount, boolean direct) throws Exception {
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            clients.add(bareClient(direct));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            HttpClient client = clients.get(t % clientCount);
            Thread thread = new Thread(() -> {
                int n;
                while ((n = next.getAndIncrement()) < events) {
                    try {
                        HttpResponse<Void> r = client.send(signedRequest(n), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() / 100 != 2) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bare-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        check(failures.get());
        return 0;
    }

    private long async(int events, int inFlight) throws Exception {
        HttpClient client = bareClient();
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(events);
        for (int n = 0; n < events; n++) {
            slots.acquire();
            client.sendAsync(signedRequest(n), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() / 100 != 2) {
                    failures.incrementAndGet();
                }
                slots.release();
                done.countDown();
            });
        }
        done.await();
        check(failures.get());
        return 0;
    }

    private static void check(int failures) {
        if (failures > 0) {
            throw new IllegalStateException(failures + " requests failed");
        }
    }

    private WebhookDispatcher.Builder dispatcherBuilder(SubscriptionRegistry subscriptions, int capacity, int workers, int clients, int batch) {
        WebhookDispatcher.Builder b = WebhookDispatcher.builder()
                .subscriptions(subscriptions)
                .store(DeliveryStore.inMemory(capacity, Clock.systemUTC()))
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build());
        if (workers > 0) {
            b.workers(workers);
        }
        if (clients > 0) {
            b.httpClients(clients);
        }
        if (batch > 0) {
            b.claimBatch(batch);
        }
        return b;
    }

    /** @return the nanoseconds from building the dispatcher (after any prefill) to the last delivery */
    private long dispatcher(int events, int workers, int clients, int batch, boolean prefilled) throws Exception {
        SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
        // One subscriber gets every worker here: the default maxInFlight (4) would measure that bound, not the dispatcher.
        subscriptions.create(Subscription.builder("bench", target.toString()).secret(SECRET).maxInFlight(10_000).build());
        CountDownLatch done = new CountDownLatch(events);
        AtomicInteger failures = new AtomicInteger();
        DeliveryStore store = DeliveryStore.inMemory(events, Clock.systemUTC());
        if (prefilled) {
            List<OutboundMessage> queued = new ArrayList<>(events);
            Instant now = Instant.now();
            for (int n = 0; n < events; n++) {
                queued.add(OutboundMessage.pending("pre-" + n + "-" + System.nanoTime(), "bench", "incident.created", now,
                        Envelope.standard().wrap("incident.created", now, data)));
            }
            store.enqueue(queued);
        }
        long start = System.nanoTime();
        WebhookDispatcher d = dispatcherBuilder(subscriptions, events, workers, clients, batch).store(store).listener(new DispatchListener() {
            @Override
            public void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
                done.countDown();
            }

            @Override
            public void onRetryScheduled(OutboundMessage message, DeliveryAttempt attempt) {
                if (failures.incrementAndGet() <= 3) {
                    System.out.println("  attempt failed: " + attempt.outcome() + " " + attempt.statusCode() + " " + attempt.error());
                }
            }
        }).build();
        try {
            for (int n = 0; n < events && !prefilled; n++) {
                d.publish("incident.created", data);
            }
            if (flag("verbose")) {
                System.out.printf(Locale.ROOT, "  published %d in %.0f ms (%d delivered meanwhile)%n", events, (System.nanoTime() - start) / 1e6,
                        events - done.getCount());
            }
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("dispatcher did not deliver " + done.getCount() + " messages");
            }
            long nanos = System.nanoTime() - start;
            check(failures.get());
            return nanos;
        } finally {
            d.close(Duration.ofSeconds(5));
        }
    }

    // ---- latency --------------------------------------------------------------------------------

    private void latencyAtSteadyRate(int rate, int seconds) throws Exception {
        int events = rate * seconds;
        SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
        // One subscriber gets every worker here: the default maxInFlight (4) would measure that bound, not the dispatcher.
        subscriptions.create(Subscription.builder("bench", target.toString()).secret(SECRET).maxInFlight(10_000).build());
        // Both ends are noted by id; a delivery may be heard before publish has even returned its id.
        Map<String, Long> publishedAt = new ConcurrentHashMap<>(events * 2);
        Map<String, Long> deliveredAt = new ConcurrentHashMap<>(events * 2);
        CountDownLatch done = new CountDownLatch(events);
        WebhookDispatcher d = dispatcherBuilder(subscriptions, events, 0, 0, 0).listener(new DispatchListener() {
            @Override
            public void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
                deliveredAt.put(message.id(), System.nanoTime());
                done.countDown();
            }
        }).build();
        try {
            long start = System.nanoTime();
            long intervalNanos = 1_000_000_000L / rate;
            for (int n = 0; n < events; n++) {
                long due = start + n * intervalNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    if (wait > 200_000) {
                        Thread.sleep(0, 100_000);
                    } else {
                        Thread.onSpinWait();
                    }
                }
                long before = System.nanoTime();
                for (String id : d.publish("incident.created", data)) {
                    publishedAt.put(id, before);
                }
            }
            double achieved = events / ((System.nanoTime() - start) / 1e9);
            done.await(2, TimeUnit.MINUTES);
            long[] latencies = publishedAt.entrySet().stream().filter(e -> deliveredAt.containsKey(e.getKey()))
                    .mapToLong(e -> deliveredAt.get(e.getKey()) - e.getValue()).sorted().toArray();
            int n = latencies.length;
            System.out.printf(Locale.ROOT, "%nenqueue-to-delivered at %d/s for %d s (achieved %.0f/s, %d of %d delivered): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                    rate, seconds, achieved, n, events, pct(latencies, 0.50), pct(latencies, 0.99), pct(latencies, 0.999), n == 0 ? 0 : latencies[n - 1] / 1e6);
        } finally {
            d.close(Duration.ofSeconds(5));
        }
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    // ---- heap -----------------------------------------------------------------------------------

    private void heapOfQueuedMessages(int queued) throws Exception {
        SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
        subscriptions.create(Subscription.builder("stuck", target.resolve("/hang").toString()).secret(SECRET).timeout(Duration.ofMinutes(2)).build());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        WebhookDispatcher d = dispatcherBuilder(subscriptions, queued + 1, 1, 1, 0).build();
        try {
            for (int n = 0; n < queued; n++) {
                d.publish("incident.created", data);
            }
            long after = settledHeap(memory);
            long pending = d.log().count(DeliveryStatus.PENDING);
            System.out.printf(Locale.ROOT, "%nheap for %d queued messages (%d-byte bodies): %.1f MB, %.0f bytes per message (%d pending)%n",
                    queued, body.length, (after - before) / 1e6, (after - before) / (double) queued, pending);
        } finally {
            d.close(Duration.ofMillis(100));
        }
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static JsonNode oneKibData() {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", "INC-20261122-0042");
        node.put("title", "Disk usage above 90% on db-primary-3");
        node.put("severity", "critical");
        node.put("service", "payments-db");
        node.putObject("labels").put("region", "eu-west-1").put("team", "storage").put("tier", "1");
        StringBuilder description = new StringBuilder();
        while (description.length() < 760) {
            description.append("The volume /var/lib/postgresql is filling up; autovacuum is lagging. ");
        }
        node.put("description", description.substring(0, 747));
        return node;
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
