package dev.webhookkit.spring.app;

import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.WebhookRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook subscriber on 127.0.0.1 (JDK HttpServer) that keeps every request it got. */
final class Subscriber implements AutoCloseable {
    final List<WebhookRequest> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    Subscriber() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
            received.add(WebhookRequest.builder().method("POST").url(url()).body(body).headers(Headers.of(headers)).build());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
