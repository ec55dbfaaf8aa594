package dev.webhookkit.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.spring.WebhookListener;
import dev.webhookkit.testing.Poll;
import dev.webhookkit.verify.Schemes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application with Spring Security on (Boot's default chain: everything needs a
 * login, CSRF on) and the app's own settings untouched: webhooks are still answered by signature.
 */
@SpringBootTest(classes = WebhookAppTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "webhookkit.receiver.endpoints.github.scheme=github",
    "webhookkit.receiver.endpoints.github.secrets[0]=" + WebhookAppTest.GITHUB_SECRET,
    "webhookkit.receiver.endpoints.github.provider=github",
    "webhookkit.outbound.subscriptions.ops.secret=" + WebhookAppTest.OPS_SECRET,
    "webhookkit.outbound.subscriptions.ops.event-types[0]=issue.*",
    "spring.security.user.name=ops",
    "spring.security.user.password=" + WebhookAppTest.APP_PASSWORD,
    "management.endpoints.web.exposure.include=health,prometheus",
    "management.endpoint.health.show-details=always",
    // Boot's tests switch metrics export off unless asked (a Boot-3-only annotation, or this on both lines):
    // the prometheus endpoint is part of the contract.
    "management.prometheus.metrics.export.enabled=true",
})
class WebhookAppTest {
    static final String GITHUB_SECRET = "github-app-secret-1";
    static final String OPS_SECRET = "ops-outbound-secret";
    static final String APP_PASSWORD = "app-login-password";
    static final Subscriber SUBSCRIBER = new Subscriber();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void subscriber(DynamicPropertyRegistry registry) {
        registry.add("webhookkit.outbound.subscriptions.ops.url", SUBSCRIBER::url);
    }

    @AfterAll
    static void stop() {
        SUBSCRIBER.close();
    }

    @SpringBootConfiguration
    // starter-jdbc is on the test classpath for the JDBC test; this app has no database (Boot 3's and Boot 4's name).
    @EnableAutoConfiguration(excludeName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
    static class App {
        final List<String> issues = new CopyOnWriteArrayList<>();

        /** The test opt-in of webhook-outbound's tests: the subscriber is on 127.0.0.1. */
        @Bean
        SsrfGuard loopbackAllowed() {
            return SsrfGuard.builder().allowLoopback().build();
        }

        @Bean
        IssueListener issueListener(WebhookDispatcher dispatcher) {
            return new IssueListener(dispatcher, issues);
        }
    }

    static class IssueListener {
        private final WebhookDispatcher dispatcher;
        private final List<String> issues;

        IssueListener(WebhookDispatcher dispatcher, List<String> issues) {
            this.dispatcher = dispatcher;
            this.issues = issues;
        }

        @WebhookListener("github")
        HandlerResponse onIssue(WebhookEvent event) {
            String title = event.payload().path("issue").path("title").asText();
            issues.add(title);
            dispatcher.publish("issue.opened", Map.of("title", title));
            return HandlerResponse.json("{\"seen\":\"" + title + "\"}");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    App app;

    @Test
    void signedGithubDeliveryIsHandledAndForwardedSignedToTheSubscriber() throws Exception {
        String body = "{\"action\":\"opened\",\"issue\":{\"number\":7,\"title\":\"Disk full\"}}";
        HttpResponse<String> response = post("/webhooks/github", body, signed(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"seen\":\"Disk full\"}");
        assertThat(app.issues).contains("Disk full");

        var delivered = Poll.until("the subscriber got the forwarded issue", () -> List.copyOf(SUBSCRIBER.received),
                list -> list.stream().anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains("Disk full")));
        var request = delivered.stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains("Disk full")).findFirst().orElseThrow();
        assertThat(Schemes.hmacSha256().verify(request, SecretSet.ofValues(OPS_SECRET)).isValid()).isTrue();
        assertThat(Schemes.hmacSha256().verify(request, SecretSet.ofValues("another-secret")).isValid()).isFalse();
    }

    @Test
    void unsignedDeliveryIsRefusedBySignatureNotBySecurity() throws Exception {
        String body = "{\"action\":\"opened\",\"issue\":{\"title\":\"forged\"}}";
        HttpResponse<String> response = post("/webhooks/github", body, Map.of("X-GitHub-Event", "issues", "X-GitHub-Delivery", UUID.randomUUID().toString()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("MISSING_SIGNATURE");
        assertThat(app.issues).doesNotContain("forged");
    }

    @Test
    void wronglySignedDeliveryIsRefused() throws Exception {
        String body = "{\"action\":\"opened\",\"issue\":{\"title\":\"tampered\"}}";
        Map<String, String> headers = signed("{\"action\":\"opened\",\"issue\":{\"title\":\"original\"}}");
        HttpResponse<String> response = post("/webhooks/github", body, headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("SIGNATURE_MISMATCH");
        assertThat(app.issues).doesNotContain("tampered", "original");
    }

    @Test
    void securityStillGuardsTheRestOfTheApp() throws Exception {
        // CSRF and login are still on for everything but the webhook paths.
        assertThat(post("/other", "{}", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", false).statusCode()).isEqualTo(401);
    }

    @Test
    void healthHasTheWebhookkitContributor() throws Exception {
        HttpResponse<String> health = get("/actuator/health", true);
        assertThat(health.statusCode()).isEqualTo(200);
        // Parsed, not matched as text: Boot 3 and Boot 4 order the JSON fields differently.
        JsonNode webhookkit = new ObjectMapper().readTree(health.body())
                .path("components").path("webhookkit");
        assertThat(webhookkit.path("status").asText()).isEqualTo("UP");
        assertThat(webhookkit.path("details").path("store").asText()).isEqualTo("UP");
        assertThat(webhookkit.path("details").path("dispatcher").asText()).isEqualTo("running");
        assertThat(webhookkit.path("details").has("backlog")).isTrue();
    }

    @Test
    void webhookkitMetersAreExposedAtActuatorPrometheus() throws Exception {
        String body = "{\"action\":\"opened\",\"issue\":{\"number\":8,\"title\":\"Metered\"}}";
        Map<String, String> headers = signed(body);
        assertThat(post("/webhooks/github", body, headers).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/github", body, headers).statusCode()).isEqualTo(200); // the same delivery id again: a duplicate
        Poll.until("the forwarded message was attempted", () -> SUBSCRIBER.received.stream()
                .anyMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains("Metered")));

        String metrics = Poll.until("the attempt timer is scraped", () -> {
            try {
                return get("/actuator/prometheus", true).body();
            } catch (Exception e) {
                return "";
            }
        }, text -> text.contains("webhookkit_delivery_attempts_seconds_count{"));
        assertThat(metrics).contains("webhookkit_receive_seconds_count{endpoint=\"github\"")
                .contains("webhookkit_verify_seconds_count{scheme=\"github\",valid=\"true\"}")
                .contains("webhookkit_dedup_duplicates_total{")
                .contains("subscription=\"ops\"")
                .contains("webhookkit_delivery_pending")
                .contains("webhookkit_delivery_oldest_age");
        assertThat(metrics).doesNotContain(GITHUB_SECRET, OPS_SECRET, SUBSCRIBER.url());
    }

    private Map<String, String> signed(String body) {
        Headers signature = Schemes.github().sign(SigningInput.of("d", Instant.now(), body.getBytes(StandardCharsets.UTF_8), "http://127.0.0.1/"),
                SecretSet.ofValues(GITHUB_SECRET));
        Map<String, String> headers = new java.util.HashMap<>();
        signature.names().forEach(n -> headers.put(n, signature.first(n).orElseThrow()));
        headers.put("X-GitHub-Event", "issues");
        headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
        return headers;
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, boolean login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).GET();
        if (login) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("ops:" + APP_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
