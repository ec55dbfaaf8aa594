package dev.webhookkit.console;

import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.admin.AdminApi;
import dev.webhookkit.admin.AdminServlet;
import dev.webhookkit.admin.BearerTokenAuthorizer;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.servlet.EventStreamAuthorizer;
import dev.webhookkit.servlet.WebhookEventStreamServlet;
import dev.webhookkit.servlet.WebhookFilter;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * What {@code webhook serve} mounts, on embedded Jetty at 127.0.0.1: the receiver under
 * /webhooks, the admin API under /admin, the event stream at /admin/events/stream and the console
 * at /console/; plus a subscriber on the JDK HttpServer that answers 500 (so messages go dead).
 */
final class ConsoleTestServer implements AutoCloseable {
    static final String TOKEN = "console-test-token-0123456789";

    private final Server server = new Server();
    private final HttpServer subscriber;
    private final AtomicInteger subscriberHits = new AtomicInteger();
    private final WebhookReceiver receiver;
    private final WebhookDispatcher dispatcher;
    private final WebhookEventStreamServlet stream;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ConsoleTestServer() throws Exception {
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/", exchange -> {
            subscriberHits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "subscriber is down".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        subscriber.start();

        receiver = WebhookReceiver.builder().registry(EndpointRegistry.inMemory()).eventLog(EventLog.inMemory()).build();
        dispatcher = WebhookDispatcher.builder().clock(Clock.systemUTC()).store(DeliveryStore.inMemory(1_000, Clock.systemUTC()))
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                .retryPolicy(RetryPolicy.ofDefaults()).workers(2).pollInterval(Duration.ofMillis(20)).build();
        AdminApi api = AdminApi.builder().receiver(receiver).dispatcher(dispatcher).allowPrivateTargets(true)
                .authorizer(BearerTokenAuthorizer.builder().allTenantsToken(TOKEN).build()).build();
        stream = WebhookEventStreamServlet.builder(receiver).authorizer(ConsoleTestServer::bearer).build();

        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(WebhookFilter.builder(receiver).build());
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder streamHolder = new ServletHolder("event-stream", stream);
        streamHolder.setAsyncSupported(true);
        context.addServlet(streamHolder, "/admin/events/stream");
        context.addServlet(new ServletHolder("admin", new AdminServlet(api)), "/admin/*");
        context.addServlet(new ServletHolder("console", new ConsoleServlet("/admin")), "/console/*");
        server.setHandler(context);
        server.setStopTimeout(2_000);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    private static EventStreamAuthorizer.Decision bearer(jakarta.servlet.http.HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        byte[] expected = ("Bearer " + TOKEN).getBytes(StandardCharsets.UTF_8);
        boolean ok = header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expected);
        return ok ? EventStreamAuthorizer.Decision.ALLOW : EventStreamAuthorizer.Decision.UNAUTHENTICATED;
    }

    URI base() {
        return base;
    }

    String subscriberUrl(String path) {
        return "http://127.0.0.1:" + subscriber.getAddress().getPort() + path;
    }

    int subscriberHits() {
        return subscriberHits.get();
    }

    /** A call to the admin API with the token; answers status and body. */
    HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/admin" + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN);
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return send(b.build());
    }

    /** Posts a body signed the hmac-sha256 way (or unsigned when secret is null) to /webhooks/{endpoint}. */
    HttpResponse<String> postWebhook(String endpoint, String secret, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/webhooks/" + endpoint)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (secret != null) {
            b.header("X-Webhook-Signature", "sha256=" + hmacHex(secret, bytes));
        }
        return send(b.build());
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dispatcher.close(Duration.ofSeconds(5));
        receiver.close();
        stream.destroy(); // open streams never end by themselves: Jetty's stop would wait for them
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        } finally {
            subscriber.stop(0);
        }
    }
}
