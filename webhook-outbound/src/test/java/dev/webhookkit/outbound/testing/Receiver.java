package dev.webhookkit.outbound.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.core.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real webhook receiver on 127.0.0.1 (JDK HttpServer) whose answer each test scripts: a status,
 * a hang, a slow answer, a Retry-After. It records every request it got, with the raw body.
 */
public final class Receiver implements AutoCloseable {
    /** A request as it arrived. */
    public record Received(String path, Headers headers, byte[] body, long arrivedNanos) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The answer to one request. */
    public record Answer(int status, String body, Headers headers, Duration delay, boolean hangs) {
        public static Answer status(int status) {
            return new Answer(status, status < 300 ? "ok" : "failed with " + status, Headers.empty(), Duration.ZERO, false);
        }

        public static Answer hang() {
            return new Answer(200, "", Headers.empty(), Duration.ZERO, true);
        }

        public Answer after(Duration delay) {
            return new Answer(status, body, headers, delay, hangs);
        }

        public Answer header(String name, String value) {
            return new Answer(status, body, headers.toBuilder().add(name, value).build(), delay, hangs);
        }

        public Answer body(String text) {
            return new Answer(status, text, headers, delay, hangs);
        }
    }

    /** Decides the answer to the n-th request (0-based), given the request. */
    @FunctionalInterface
    public interface Script {
        Answer answer(int n, Received request);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "receiver");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Script script;

    private Receiver(Script script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static Receiver start(Script script) throws IOException {
        return new Receiver(script);
    }

    /** Always answers this status. */
    public static Receiver answering(int status) throws IOException {
        return start((n, r) -> Answer.status(status));
    }

    /** Answers the given answers in turn, repeating the last one. */
    public static Receiver answering(Answer... answers) throws IOException {
        return start((n, r) -> answers[Math.min(n, answers.length - 1)]);
    }

    public void script(Script script) {
        this.script = script;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String url() {
        return url("/hook");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int count() {
        return received.size();
    }

    /** The most requests handled at the same time. */
    public int maxConcurrent() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Received r = new Received(exchange.getRequestURI().getPath(), Headers.of(exchange.getRequestHeaders()), body, System.nanoTime());
            received.add(r);
            Answer a = script.answer(counter.getAndIncrement(), r);
            if (a.hangs()) {
                released.await(30, TimeUnit.SECONDS);
                return;
            }
            if (!a.delay().isZero()) {
                Thread.sleep(a.delay().toMillis());
            }
            a.headers().toMap().forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
