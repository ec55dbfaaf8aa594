package dev.webhookkit.actions;

import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.core.Headers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A JDK HttpServer on 127.0.0.1 that answers 200 and keeps every request's raw body and headers. */
final class CapturingServer implements AutoCloseable {
    record Got(String path, Headers headers, byte[] body) {
    }

    private final HttpServer server;
    private final List<Got> received = new CopyOnWriteArrayList<>();

    CapturingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Got(exchange.getRequestURI().getPath(), Headers.of(exchange.getRequestHeaders()),
                        exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Got> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
