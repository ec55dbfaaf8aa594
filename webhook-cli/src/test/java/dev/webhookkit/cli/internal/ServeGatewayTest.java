package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.verify.Schemes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} in memory, run in-process: what it serves, who it lets in, how it stops. */
class ServeGatewayTest {
    static final String TOKEN = "gateway-test-token-81c3e0f2a4";
    static final String GITHUB_SECRET = "gh-serve-secret-40Hq";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private final InProcessServe server = new InProcessServe(Map.of("WEBHOOK_ADMIN_TOKEN", TOKEN));

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private int serve(String... args) throws InterruptedException {
        return server.start(args);
    }

    @Test
    void printsOneReadinessLineWithTheRealPortAndStopsWithExitZero() throws Exception {
        int port = serve();

        assertThat(port).isPositive();
        assertThat(server.stop()).isZero();
        assertThat(server.out.drain()).isEmpty(); // nothing on standard output but the readiness line
        assertThat(server.err.drain()).contains("stopped");
    }

    @Test
    void answersAnUnknownEndpointUnderWebhooksWith404() throws Exception {
        int port = serve();

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/nope"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("UNKNOWN_ENDPOINT");
    }

    @Test
    void answersOtherPathsWithAJson404() throws Exception {
        int port = serve();

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"no such resource\"}}");
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void theEventStreamNeedsTheAdminToken() throws Exception {
        int port = serve();
        URI stream = URI.create("http://127.0.0.1:" + port + Gateway.STREAM_PATH);

        assertThat(status(HttpRequest.newBuilder(stream))).isEqualTo(401);
        assertThat(status(HttpRequest.newBuilder(stream).header("Authorization", "Bearer " + TOKEN + "x"))).isEqualTo(401);
        assertThat(status(HttpRequest.newBuilder(stream).header("Authorization", "Basic " + TOKEN))).isEqualTo(401);

        HttpResponse<InputStream> open = HTTP.send(HttpRequest.newBuilder(stream).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        } finally {
            open.body().close();
        }
    }

    @Test
    void anOpenEventStreamDoesNotHoldUpTheStop() throws Exception {
        int port = serve();
        HttpResponse<InputStream> open = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Gateway.STREAM_PATH))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(open.statusCode()).isEqualTo(200);

        long started = System.nanoTime();
        assertThat(server.stop()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Gateway.HTTP_DRAIN);
        try (InputStream body = open.body()) {
            // The stream was ended by the server: reading reaches its end instead of blocking.
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain(TOKEN);
        }
    }

    @Test
    void theAdminApiNeedsTheToken() throws Exception {
        int port = serve();

        HttpResponse<String> anonymous = admin(port, "GET", "/admin/endpoints", null, null);
        HttpResponse<String> wrong = admin(port, "GET", "/admin/endpoints", null, TOKEN + "x");
        HttpResponse<String> allowed = admin(port, "GET", "/admin/endpoints", null, TOKEN);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\"").doesNotContain(TOKEN);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    }

    @Test
    void anEndpointCreatedOverTheApiReceivesSignedWebhooksThatTheEventsRouteShows() throws Exception {
        int port = serve();
        HttpResponse<String> created = admin(port, "POST", "/admin/endpoints",
                "{\"name\":\"github\",\"scheme\":\"github\",\"secrets\":[\"" + GITHUB_SECRET + "\"]}", TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(GITHUB_SECRET);

        HttpResponse<String> signed = postSigned(port, "/webhooks/github", GITHUB_SECRET);
        HttpResponse<String> forged = postSigned(port, "/webhooks/github", "not-the-secret");

        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(forged.statusCode()).isEqualTo(401);
        JsonNode events = MAPPER.readTree(admin(port, "GET", "/admin/events?endpoint=github", null, TOKEN).body());
        assertThat(events.get("items")).hasSize(2);
        assertThat(events.get("items").get(0).get("reason").asText()).isEqualTo("SIGNATURE_MISMATCH"); // newest first
        assertThat(events.get("items").get(1).get("reason").asText()).isEqualTo("PROCESSED");
        assertThat(events.get("items").get(1).get("eventType").asText()).isEqualTo("issues");
    }

    @Test
    void seedsTheRegistriesFromTheConfigFile() throws Exception {
        Path config = Files.writeString(dir.resolve("webhooks.yaml"), """
                endpoints:
                  - name: github
                    scheme: github
                    secrets: [{env: GH_SECRET}]
                """);
        server.cli.variables(Map.of("WEBHOOK_ADMIN_TOKEN", TOKEN, "GH_SECRET", GITHUB_SECRET));
        int port = serve("--config", config.toString());

        assertThat(postSigned(port, "/webhooks/github", GITHUB_SECRET).statusCode()).isEqualTo(200);
        HttpResponse<String> endpoint = admin(port, "GET", "/admin/endpoints/github", null, TOKEN);
        assertThat(endpoint.statusCode()).isEqualTo(200);
        assertThat(endpoint.body()).contains("\"name\":\"github\"").doesNotContain(GITHUB_SECRET);
    }

    @Test
    void subscriptionsToPrivateAddressesNeedAllowPrivate() throws Exception {
        String body = "{\"id\":\"local\",\"url\":\"http://127.0.0.1:9/hooks\",\"secret\":\"sub-secret-123\"}";
        int strict = serve();
        HttpResponse<String> refused = admin(strict, "POST", "/admin/subscriptions", body, TOKEN);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("url");
        stop();

        ServeGatewayTest second = new ServeGatewayTest();
        try {
            int open = second.serve("--allow-private");
            HttpResponse<String> accepted = admin(open, "POST", "/admin/subscriptions", body, TOKEN);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        } finally {
            second.stop();
        }
    }

    @Test
    void healthShowsTheStoreAndTheDispatcher() throws Exception {
        int port = serve();

        HttpResponse<String> health = admin(port, "GET", "/admin/health", null, TOKEN);

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("store").contains("dispatcher");
    }

    static HttpResponse<String> admin(int port, String method, String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GitHub {@code issues} delivery signed with {@code secret}. */
    static HttpResponse<String> postSigned(int port, String path, String secret) throws IOException, InterruptedException {
        return postSigned(port, path, secret, "1");
    }

    /** As above, with {@code marker} in the body: different markers are different deliveries to dedup. */
    static HttpResponse<String> postSigned(int port, String path, String secret, String marker) throws IOException, InterruptedException {
        byte[] body = ("{\"action\":\"opened\",\"issue\":{\"number\":1,\"title\":\"" + marker + "\"}}").getBytes(StandardCharsets.UTF_8);
        Headers signature = Schemes.github().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues(secret));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "issues")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signature.names().forEach(n -> signature.all(n).forEach(v -> b.header(n, v)));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
