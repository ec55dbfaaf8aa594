package dev.webhookkit.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.webhookkit.admin.internal.BoundedBody;
import dev.webhookkit.core.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * The admin API as a JDK {@code HttpServer} handler, for apps without a servlet container:
 * {@code server.createContext("/admin", new AdminHttpHandler(api))}. Paths of the API are relative
 * to the context's path. Thread-safe.
 */
public final class AdminHttpHandler implements HttpHandler {
    private final AdminApi api;

    public AdminHttpHandler(AdminApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String context = exchange.getHttpContext().getPath();
            String base = context.endsWith("/") ? context.substring(0, context.length() - 1) : context;
            String raw = exchange.getRequestURI().getRawPath();
            String rest = raw.startsWith(base) ? raw.substring(base.length()) : null;
            AdminResponse response;
            if (rest == null || !(rest.isEmpty() || rest.startsWith("/"))) {
                // HttpServer matches contexts by string prefix: /adminx is not under /admin.
                response = api.notFound();
            } else if (BoundedBody.announcedTooLarge(exchange.getRequestHeaders().getFirst("Content-Length"), api.maxBodyBytes())) {
                response = api.bodyTooLarge();
            } else {
                byte[] body = BoundedBody.read(exchange.getRequestBody(), api.maxBodyBytes());
                response = body == null ? api.bodyTooLarge()
                        : api.handle(new AdminRequest(exchange.getRequestMethod(), base, rest, exchange.getRequestURI().getRawQuery(),
                                Headers.of(exchange.getRequestHeaders()), body));
            }
            for (Map.Entry<String, String> h : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }
}
