package dev.webhookkit.cli.internal;

import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on 127.0.0.1 and a free port, answering with a scripted sequence of
 * statuses (the last one repeats) and keeping every request it got.
 */
final class TestReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Integer> statuses;
    private final AtomicInteger calls = new AtomicInteger();
    private final BlockingQueue<WebhookRequest> received = new LinkedBlockingQueue<>();

    private TestReceiver(List<Integer> statuses) throws IOException {
        this.statuses = List.copyOf(statuses);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(WebhookRequest.builder()
                    .body(body)
                    .method(exchange.getRequestMethod())
                    .url(url() + exchange.getRequestURI().toString().substring(1))
                    .headers(Headers.of(exchange.getRequestHeaders()))
                    .receivedAt(Instant.now())
                    .build());
            int n = calls.getAndIncrement();
            int status = this.statuses.get(Math.min(n, this.statuses.size() - 1));
            byte[] answer = status == 204 ? new byte[0] : ("answer " + status).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(answer);
            }
        });
        server.start();
    }

    /** A receiver answering these statuses in turn, then the last one forever. */
    static TestReceiver answering(Integer... statuses) throws IOException {
        return new TestReceiver(List.of(statuses));
    }

    /** {@code http://127.0.0.1:PORT/}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next request received, waiting at most 10 s. */
    WebhookRequest next() throws InterruptedException {
        WebhookRequest r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request arrived within 10 s");
        }
        return r;
    }

    int requestCount() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
