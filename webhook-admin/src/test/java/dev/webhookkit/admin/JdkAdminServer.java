package dev.webhookkit.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.PathResult;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK's com.sun.net.httpserver with {@link AdminHttpHandler}. */
final class JdkAdminServer implements AdminServer {
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public URI start(AdminApi api, WebhookReceiver receiver) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/admin", new AdminHttpHandler(api));
        server.createContext("/webhooks/", exchange -> receive(receiver, exchange));
        server.createContext("/hooks/", exchange -> receivePath(receiver, exchange));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void receive(WebhookReceiver receiver, HttpExchange exchange) throws IOException {
        try {
            String name = exchange.getRequestURI().getPath().substring("/webhooks/".length());
            ReceiveResult result = receiver.receive(name, WebhookRequest.builder().method(exchange.getRequestMethod())
                    .body(exchange.getRequestBody().readAllBytes()).headers(Headers.of(exchange.getRequestHeaders()))
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress()).build());
            exchange.getResponseHeaders().set("X-Reason", result.reason().name());
            exchange.getResponseHeaders().set("X-Event-Id", result.eventId());
            exchange.sendResponseHeaders(result.status(), -1);
        } finally {
            exchange.close();
        }
    }

    /** Path routing: {@code /hooks/...} is run by the endpoints of that path its {@code ?integrationId=} selects. */
    private static void receivePath(WebhookReceiver receiver, HttpExchange exchange) throws IOException {
        try {
            PathResult result = receiver.receivePath(exchange.getRequestURI().getPath(), WebhookRequest.builder()
                    .method(exchange.getRequestMethod()).url(exchange.getRequestURI().toString())
                    .body(exchange.getRequestBody().readAllBytes()).headers(Headers.of(exchange.getRequestHeaders()))
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress()).build());
            exchange.getResponseHeaders().set("X-Reason", result.reason().name());
            exchange.getResponseHeaders().set("X-Event-Id", result.primary().eventId());
            exchange.sendResponseHeaders(result.status(), -1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "JDK HttpServer";
    }
}
