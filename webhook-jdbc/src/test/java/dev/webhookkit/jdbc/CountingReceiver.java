package dev.webhookkit.jdbc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 for the shared-outbox tests: answers every POST to
 * {@code /hooks} with 204 and counts deliveries per message id and per sending dispatcher
 * ({@link DispatcherNode#INSTANCE_HEADER}).
 */
final class CountingReceiver implements AutoCloseable {
    private final Map<String, AtomicInteger> byMessage = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();
    private final Map<String, Long> lastArrivalNanos = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final HttpServer server;

    CountingReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 100);
        server.createContext("/hooks", this::receive);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Deliveries per message id (a message sent twice counts 2). */
    Map<String, AtomicInteger> byMessage() {
        return byMessage;
    }

    /** Deliveries per dispatcher instance. */
    Map<String, AtomicInteger> byInstance() {
        return byInstance;
    }

    /** When ({@link System#nanoTime()}) the latest delivery of the message arrived; null when none did. */
    Long lastArrivalNanos(String messageId) {
        return lastArrivalNanos.get(messageId);
    }

    int deliveredBy(String instance) {
        AtomicInteger n = byInstance.get(instance);
        return n == null ? 0 : n.get();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("X-Webhook-Id");
        String instance = exchange.getRequestHeaders().getFirst(DispatcherNode.INSTANCE_HEADER);
        lastArrivalNanos.put(String.valueOf(id), System.nanoTime());
        byMessage.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
        byInstance.computeIfAbsent(String.valueOf(instance), k -> new AtomicInteger()).incrementAndGet();
        // No body: headers and body in two small writes would meet Nagle and delayed ACKs (40 ms each).
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
