package dev.webhookkit.micrometer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A subscriber on 127.0.0.1 that keeps each request's traceparent and baggage and answers 503 to the first {@code failures} requests. */
final class TraceReceiver implements AutoCloseable {
    final List<String> traceparents = new CopyOnWriteArrayList<>();
    /** Each request's {@code baggage} header, "null" when it had none. */
    final List<String> baggage = new CopyOnWriteArrayList<>();
    final List<String> statuses = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;
    private final HttpServer server;

    TraceReceiver(int failures) throws IOException {
        failuresLeft = new AtomicInteger(failures);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            baggage.add(String.valueOf(exchange.getRequestHeaders().getFirst("baggage")));
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            statuses.add(Integer.toString(status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers 204 from the next request on. */
    void recover() {
        failuresLeft.set(0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
