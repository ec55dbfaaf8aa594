package dev.webhookkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.Schemes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two local servers the demo's actions deliver to, both JDK HttpServers on 127.0.0.1: a second
 * receiver that verifies the forward's HMAC-SHA256 signature, and a fake Slack incoming webhook that
 * keeps the JSON it got. Each prints one line per request.
 */
final class ActionTargets implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String forwardSecret;
    private final HttpServer server;
    private final List<String> forwardVerdicts = new CopyOnWriteArrayList<>();
    private final List<String> slackBodies = new CopyOnWriteArrayList<>();

    private ActionTargets(String forwardSecret) throws IOException {
        this.forwardSecret = forwardSecret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/forwarded", this::forwarded);
        server.createContext("/slack", this::slack);
    }

    /** Starts both on one free port of 127.0.0.1; forwards must be signed with this secret. */
    static ActionTargets start(String forwardSecret) throws IOException {
        ActionTargets targets = new ActionTargets(forwardSecret);
        targets.server.start();
        return targets;
    }

    URI forwardUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/forwarded");
    }

    URI slackUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slack");
    }

    /** {@code verified} or {@code refused: <reason>}, one per forwarded request, in arrival order. */
    List<String> forwardVerdicts() {
        return List.copyOf(forwardVerdicts);
    }

    /** The bodies the fake Slack got, in arrival order. */
    List<String> slackBodies() {
        return List.copyOf(slackBodies);
    }

    /** Verifies as any receiver would: a forward is a new signed request, not the original's signature. */
    private void forwarded(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers.Builder headers = Headers.builder();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
            WebhookRequest request = WebhookRequest.builder().body(exchange.getRequestBody().readAllBytes())
                    .headers(headers.build()).url(forwardUri().toString()).build();
            VerificationResult result = Schemes.hmacSha256().verify(request, SecretSet.ofValues(forwardSecret));
            String verdict = result.isValid() ? "verified" : "refused: " + result.failure().map(Enum::name).orElse("invalid");
            forwardVerdicts.add(verdict);
            System.out.println("[second receiver] forward " + request.header("X-Webhook-Id").orElse("?") + ": HMAC-SHA256 signature "
                    + verdict + ", hops " + request.header("Webhookkit-Forwarded-Hops").orElse("none"));
            exchange.sendResponseHeaders(result.isValid() ? 204 : 401, -1);
        }
    }

    /** Answers as Slack does ({@code 200 ok}) and prints the message's {@code text}. */
    private void slack(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            slackBodies.add(body);
            JsonNode json = JSON.readTree(body);
            System.out.println("[fake Slack] text: " + (json == null ? "(no JSON)" : json.path("text").asText("(none)")));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
