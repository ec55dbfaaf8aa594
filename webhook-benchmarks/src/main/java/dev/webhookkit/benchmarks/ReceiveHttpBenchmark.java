package dev.webhookkit.benchmarks;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.servlet.WebhookFilter;
import dev.webhookkit.verify.Schemes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The receive path as users see it, over HTTP on 127.0.0.1: embedded Jetty with {@link WebhookFilter}
 * and a verifying GitHub endpoint ({@code webhookkit}) against the same Jetty with a bare servlet that
 * reads the body and answers 200 ({@code ceiling}). One Java load generator, the same for both, keeps
 * a fixed number of requests in flight, each a 1 KiB signed GitHub delivery with a fresh
 * {@code X-GitHub-Delivery}. Rounds alternate between the two servers so drift on a shared machine
 * hits both; each target's best round is reported, with the median round beside it.
 *
 * <p>Run: {@code java -cp webhook-benchmarks/target/benchmarks.jar dev.webhookkit.benchmarks.ReceiveHttpBenchmark
 * [seconds-per-round=10] [rounds=3] [in-flight=16]}. Target: {@code webhookkit} ≥ 0.8× the ceiling's
 * requests/s. Not a JMH benchmark: JMH measures a method, and this measures a server under load.
 */
public final class ReceiveHttpBenchmark {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final int SERVER_THREADS = 64;

    private ReceiveHttpBenchmark() {
    }

    /** One round's outcome. */
    record Round(String target, double requestsPerSecond, double p50Micros, double p99Micros, long failures, long transportErrors, long requests) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        byte[] body = Payloads.resource("alert-1k.json");
        String signature = "sha256=" + HexFormat.of().formatHex(hmac(body));

        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint(Endpoint.builder("github").verifier(Schemes.github()).secret(SECRET)
                        .deliveryIdHeaders(List.of("X-GitHub-Delivery")).build())
                .build();
        Server ceiling = start(bareContext());
        Server webhookkit = start(filterContext(receiver));
        try {
            URI ceilingUri = uri(ceiling);
            URI webhookkitUri = uri(webhookkit);
            // Warm both paths (JIT, connection pools) before measuring.
            run("ceiling", ceilingUri, body, signature, inFlight, Duration.ofSeconds(Math.max(2, seconds / 2)));
            run("webhookkit", webhookkitUri, body, signature, inFlight, Duration.ofSeconds(Math.max(2, seconds / 2)));
            List<Round> bare = new ArrayList<>();
            List<Round> ours = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                bare.add(print(run("ceiling", ceilingUri, body, signature, inFlight, Duration.ofSeconds(seconds))));
                ours.add(print(run("webhookkit", webhookkitUri, body, signature, inFlight, Duration.ofSeconds(seconds))));
            }
            Round bestBare = best(bare);
            Round bestOurs = best(ours);
            System.out.printf("%nbest rounds: ceiling %.0f req/s (p50 %.0f µs, p99 %.0f µs), webhookkit %.0f req/s (p50 %.0f µs, p99 %.0f µs)%n",
                    bestBare.requestsPerSecond(), bestBare.p50Micros(), bestBare.p99Micros(),
                    bestOurs.requestsPerSecond(), bestOurs.p50Micros(), bestOurs.p99Micros());
            System.out.printf("webhookkit / ceiling: %.2f× (best rounds), %.2f× (median rounds)%n",
                    bestOurs.requestsPerSecond() / bestBare.requestsPerSecond(),
                    median(ours) / median(bare));
            // Any non-2xx answer, or transport errors above 1 in 1,000 requests, make the rounds incomparable.
            if (java.util.stream.Stream.concat(ours.stream(), bare.stream())
                    .anyMatch(r -> r.failures() > 0 || r.transportErrors() * 1000 > r.requests())) {
                System.out.println("requests failed: the figures above are not comparable");
                System.exit(1);
            }
        } finally {
            webhookkit.stop();
            ceiling.stop();
            receiver.close();
        }
    }

    /** Keeps {@code inFlight} requests going for {@code duration}; latencies per request, in nanoseconds. */
    static Round run(String target, URI uri, byte[] body, String signature, int inFlight, Duration duration)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong sequence = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong transportErrors = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[inFlight];
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < inFlight; w++) {
            long[] mine = new long[4_000_000 / inFlight];
            latencies.add(mine);
            int index = w;
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < deadline && n < mine.length) {
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("X-GitHub-Event", "push")
                            .header("X-GitHub-Delivery", "d-" + sequence.incrementAndGet())
                            .header("X-Hub-Signature-256", signature)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() / 100 != 2) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        transportErrors.incrementAndGet(); // e.g. a kept-alive connection the server closed as it was reused
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    mine[n++] = System.nanoTime() - start;
                }
                counts[index] = n;
            }, "load-" + w);
            workers.add(t);
        }
        long began = System.nanoTime();
        workers.forEach(Thread::start);
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < inFlight; w++) {
            System.arraycopy(latencies.get(w), 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        return new Round(target, total / elapsed, percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3, failures.get(),
                transportErrors.get(), total);
    }

    private static Round print(Round r) {
        System.out.printf("%-10s %9.0f req/s  p50 %7.0f µs  p99 %7.0f µs  non-2xx %d  transport errors %d%n",
                r.target(), r.requestsPerSecond(), r.p50Micros(), r.p99Micros(), r.failures(), r.transportErrors());
        return r;
    }

    private static Round best(List<Round> rounds) {
        return rounds.stream().max((a, b) -> Double.compare(a.requestsPerSecond(), b.requestsPerSecond())).orElseThrow();
    }

    private static double median(List<Round> rounds) {
        double[] values = rounds.stream().mapToDouble(Round::requestsPerSecond).sorted().toArray();
        return values[values.length / 2];
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static ServletContextHandler bareContext() {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.addServlet(new ServletHolder("bare", new BareServlet()), "/*");
        return context;
    }

    private static ServletContextHandler filterContext(WebhookReceiver receiver) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.addFilter(new FilterHolder(WebhookFilter.builder(receiver).build()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("not-found", new HttpServlet() {
            private static final long serialVersionUID = 1L;
        }), "/");
        return context;
    }

    private static Server start(ServletContextHandler context) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(SERVER_THREADS);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return server;
    }

    private static URI uri(Server server) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://127.0.0.1:" + port + "/webhooks/github");
    }

    private static byte[] hmac(byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }

    /** The ceiling: read the whole body, answer 200 with a small JSON, as the filter does. */
    private static final class BareServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] OK = "{\"status\":200}".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getInputStream().readAllBytes();
            resp.setStatus(200);
            resp.setContentType("application/json");
            resp.setContentLength(OK.length);
            resp.getOutputStream().write(OK);
        }
    }
}
