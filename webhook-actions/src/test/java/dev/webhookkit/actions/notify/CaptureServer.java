package dev.webhookkit.actions.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A chat target stand-in: a JDK HttpServer on 127.0.0.1 that records every request and answers 200 "ok". */
final class CaptureServer implements AutoCloseable {
    record Captured(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Captured> received = new LinkedBlockingQueue<>();

    private CaptureServer(HttpServer server) {
        this.server = server;
    }

    static CaptureServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CaptureServer capture = new CaptureServer(server);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                capture.received.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), in.readAllBytes()));
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        server.start();
        return capture;
    }

    /** The URL of a path on this server. */
    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    /** The next request, waiting at most {@code timeout}; fails the test when none came. */
    Captured next(Duration timeout) throws InterruptedException {
        Captured c = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
            throw new AssertionError("no request reached the target within " + timeout);
        }
        return c;
    }

    /** The next request if one comes within {@code timeout}, else null. */
    Captured poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
