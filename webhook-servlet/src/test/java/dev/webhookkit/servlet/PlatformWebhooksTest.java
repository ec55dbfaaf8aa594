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
import dev.webhookkit.mapping.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.mapping.Moxxy;
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

    static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String BLOCK_ACTIONS = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U123\"},"
            + "\"actions\":[{\"action_id\":\"approve\",\"value\":\"deploy-42\"}],\"response_url\":\"https://hooks.slack.com/actions/T1/2/x\"}";

    static final String MOXXY_SECRET = "moxxy-webhook-secret-1";
    static final String URL_TOKEN = SigningKeys.newUrlToken();

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
                .endpoint(Endpoint.builder("slack").verifier(Schemes.slack()).secret(SLACK_SECRET).handler(this::handle).build())
                .endpoint(Endpoint.builder("ok-datadog").path("/api/integrations/webhook").integrationId("int-datadog")
                        .verifier(Schemes.hmacSha256()).secret("ok-secret-datadog").handler(this::handle).build())
                .endpoint(Endpoint.builder("ok-grafana").path("/api/integrations/webhook").integrationId("int-grafana")
                        .verifier(Schemes.hmacSha256()).secret("ok-secret-grafana").ipAllowlist("10.0.0.0/8").handler(this::handle).build())
                .endpoint(Endpoint.builder("gnetix").urlToken(URL_TOKEN).verifier(Schemes.hmacSha256()).secret("gnetix-secret")
                        .handler(this::handle).build())
                .endpoint(Endpoint.builder("moxxy").verifier(Schemes.sharedSecret()).secret(MOXXY_SECRET)
                        .mapper(Mappers.byId(Moxxy.MAPPER_ID)).responseModeField(Moxxy.RESPONSE_MODE_FIELD)
                        .handler(Moxxy.handler(this::agent)).build())
                .endpoint(Endpoint.builder("moxxy-sync-only").verifier(Schemes.sharedSecret()).secret(MOXXY_SECRET)
                        .mapper(Mappers.byId(Moxxy.MAPPER_ID)).handler(Moxxy.handler(this::agent)).build())
                .endpoint(Endpoint.builder("not-slack").verifier(Schemes.hmacSha256()).secret(SLACK_SECRET).handler(this::handle).build())
                .build();
        container = new JettyContainer();
        container.addFilter("webhooks", WebhookFilter.builder(receiver).build());
        container.addFilter("api", WebhookFilter.builder(receiver).prefix("/api").build());
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
        agentCalls.clear();
    }

    final BlockingQueue<Moxxy.Message> agentCalls = new LinkedBlockingQueue<>();

    private String agent(Moxxy.Message m) {
        agentCalls.add(m);
        return "I've processed your request: " + m.message();
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

    // --- Slack interactive payloads

    static String form(String... namesAndValues) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.append(b.length() == 0 ? "" : "&").append(java.net.URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=').append(java.net.URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    static Headers slackSigned(byte[] body, String secret) {
        return Schemes.slack().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues(secret));
    }

    HttpResponse<String> postForm(String path, byte[] body, Headers headers) throws IOException, InterruptedException {
        return post(path, "application/x-www-form-urlencoded", body, headers);
    }

    @Test
    void aSlackInteractivePayloadIsParsedAsTheJsonEventWithItsType() throws Exception {
        byte[] body = utf8(form("payload", BLOCK_ACTIONS));
        HttpResponse<String> r = postForm("/webhooks/slack", body, slackSigned(body, SLACK_SECRET));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        WebhookEvent event = handled.poll(5, TimeUnit.SECONDS);
        assertThat(event.eventType()).isEqualTo("block_actions");
        assertThat(event.payload().path("actions").path(0).path("value").asText()).isEqualTo("deploy-42");
        assertThat(event.payload().has("payload")).as("the form wrapper is gone").isFalse();
        assertThat(event.request().body()).as("the raw body, as signed").isEqualTo(body);
    }

    @Test
    void aSlashCommandFormWithoutPayloadStaysAnObjectOfItsFields() throws Exception {
        byte[] body = utf8(form("command", "/deploy", "text", "api 42", "user_id", "U123"));
        HttpResponse<String> r = postForm("/webhooks/slack", body, slackSigned(body, SLACK_SECRET));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(handled.poll(5, TimeUnit.SECONDS).payload().path("command").asText()).isEqualTo("/deploy");
    }

    @Test
    void aSignedPayloadThatIsNotAJsonObjectIs400AndReachesNoHandler() throws Exception {
        for (String hostile : List.of("{\"type\":\"block_actions\"", "not json at all", "[1,2]", "\"block_actions\"",
                "{\"type\":\"x\"} trailing", "[".repeat(100))) {
            byte[] body = utf8(form("payload", hostile));
            HttpResponse<String> r = postForm("/webhooks/slack", body, slackSigned(body, SLACK_SECRET));
            assertThat(r.statusCode()).as(hostile).isEqualTo(400);
            assertThat(record(r).reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
        }
        byte[] twice = utf8(form("payload", BLOCK_ACTIONS, "payload", "{\"type\":\"view_submission\"}"));
        assertThat(postForm("/webhooks/slack", twice, slackSigned(twice, SLACK_SECRET)).statusCode()).as("ambiguous").isEqualTo(400);
        assertThat(handled).isEmpty();
    }

    @Test
    void theSignatureStillCoversTheRawFormBody() throws Exception {
        byte[] body = utf8(form("payload", BLOCK_ACTIONS));
        HttpResponse<String> forged = postForm("/webhooks/slack", body, slackSigned(body, "not-the-secret"));
        // The same JSON, re-encoded differently (as an attacker replaying a captured payload might), is not what was signed.
        byte[] reencoded = utf8("payload=" + BLOCK_ACTIONS.replace("\"", "%22"));
        HttpResponse<String> swapped = postForm("/webhooks/slack", reencoded, slackSigned(body, SLACK_SECRET));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(swapped.statusCode()).isEqualTo(401);
        assertThat(record(swapped).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(handled).isEmpty();
    }

    @Test
    void onAnotherSchemesEndpointPayloadIsJustAFormField() throws Exception {
        byte[] body = utf8(form("payload", BLOCK_ACTIONS));
        Headers signed = Schemes.hmacSha256().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues(SLACK_SECRET));
        HttpResponse<String> r = postForm("/webhooks/not-slack", body, signed);

        assertThat(r.statusCode()).isEqualTo(200);
        WebhookEvent event = handled.poll(5, TimeUnit.SECONDS);
        assertThat(event.payload().path("payload").asText()).isEqualTo(BLOCK_ACTIONS);
        assertThat(event.eventType()).isEmpty();
    }

    // --- OpsKnight's ?integrationId= on one shared URL

    static Headers hmacSigned(byte[] body, String secret) {
        return Schemes.hmacSha256().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues(secret));
    }

    static final String ALERT = "{\"summary\":\"Test alert\",\"severity\":\"warning\",\"status\":\"triggered\",\"dedup_key\":\"t-1\"}";

    @Test
    void integrationIdChoosesTheEndpointOnTheSharedUrl() throws Exception {
        byte[] body = utf8(ALERT);
        HttpResponse<String> r = post("/api/integrations/webhook?integrationId=int-datadog", "application/json", body,
                hmacSigned(body, "ok-secret-datadog"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        WebhookEvent event = handled.poll(5, TimeUnit.SECONDS);
        assertThat(event.endpoint().name()).isEqualTo("ok-datadog");
        assertThat(handled).isEmpty();
        // Naming the other integration reaches only it: its allowlist (10.0.0.0/8) refuses this client before the body is read.
        HttpResponse<String> crossed = post("/api/integrations/webhook?integrationId=int-grafana", "application/json", body,
                hmacSigned(body, "ok-secret-datadog"));
        assertThat(crossed.statusCode()).as("ok-grafana's allowlist refuses 127.0.0.1 before its body is read").isEqualTo(403);
        assertThat(handled).isEmpty();
    }

    @Test
    void anUnknownHugeRepeatedOrMissingIntegrationIdIsAnsweredAsAnUnknownEndpoint() throws Exception {
        byte[] body = utf8(ALERT);
        Headers signed = hmacSigned(body, "ok-secret-datadog");
        HttpResponse<String> nobody = post("/api/nothing/here", "application/json", body, signed);
        List<String> queries = List.of("?integrationId=int-nope", "?integrationId=" + "i".repeat(4000), "?integrationId=",
                "?integrationId=int-datadog&integrationId=int-datadog", "", "?integrationId=INT-DATADOG", "?integrationid=int-datadog",
                "?integrationId=int-datadog%00");
        for (String query : queries) {
            HttpResponse<String> r = post("/api/integrations/webhook" + query, "application/json", body, signed);
            assertThat(r.statusCode()).as(query).isEqualTo(404);
            assertThat(shape(r)).as(query).isEqualTo(shape(nobody));
            assertThat(r.body()).as(query).doesNotContain("int-").doesNotContain("iiii").doesNotContain("datadog");
            assertThat(record(r).reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);
        }
        assertThat(handled).isEmpty();
    }

    /** What a client can compare between two answers: status, headers but the event id, body but the event id. */
    static String shape(HttpResponse<String> r) {
        java.util.Map<String, List<String>> headers = new java.util.TreeMap<>(r.headers().map());
        headers.remove("x-webhookkit-event-id");
        headers.remove("date");
        return r.statusCode() + " " + headers + " " + r.body().replaceAll("\"eventId\":\"[^\"]*\"", "");
    }

    // --- URL tokens (GNETiX's generated URL + secret)

    @Test
    void theRightUrlTokenAndSignatureReachTheEndpoint() throws Exception {
        byte[] body = utf8("{\"event\":\"deploy.finished\"}");
        HttpResponse<String> r = post("/webhooks/gnetix/" + URL_TOKEN, "application/json", body, hmacSigned(body, "gnetix-secret"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(handled.poll(5, TimeUnit.SECONDS).endpoint().name()).isEqualTo("gnetix");
        EventRecord record = record(r);
        assertThat(record.toString() + record.headers().toMap() + record.endpoint()).doesNotContain(URL_TOKEN);
    }

    @Test
    void theTokenIsNotASignature() throws Exception {
        byte[] body = utf8("{\"event\":\"deploy.finished\"}");
        HttpResponse<String> r = post("/webhooks/gnetix/" + URL_TOKEN, "application/json", body, Headers.empty());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(record(r).reason()).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(handled).isEmpty();
    }

    @Test
    void aWrongOrMissingTokenIsAnsweredAsAnUnknownEndpointEvenWithAValidSignature() throws Exception {
        byte[] body = utf8("{\"event\":\"deploy.finished\"}");
        Headers signed = hmacSigned(body, "gnetix-secret");
        HttpResponse<String> nobody = post("/webhooks/nobody-here", "application/json", body, signed);
        String flipped = (URL_TOKEN.charAt(0) == 'A' ? "B" : "A") + URL_TOKEN.substring(1);
        for (String path : List.of("/webhooks/gnetix", "/webhooks/gnetix/" + flipped, "/webhooks/gnetix/" + URL_TOKEN.substring(0, 42),
                "/webhooks/gnetix/" + URL_TOKEN + "x", "/webhooks/gnetix/" + URL_TOKEN.toLowerCase(java.util.Locale.ROOT),
                "/webhooks/gnetix/" + "t".repeat(3000))) {
            HttpResponse<String> r = post(path, "application/json", body, signed);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(shape(r)).as(path).isEqualTo(shape(nobody));
            assertThat(record(r).reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);
        }
        assertThat(handled).isEmpty();
    }

    // --- Moxxy's generic webhook

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    HttpResponse<String> moxxy(String endpoint, String body, String secret) throws IOException, InterruptedException {
        return post("/webhooks/" + endpoint, "application/json", utf8(body), Headers.of("X-Webhook-Secret", secret));
    }

    @Test
    void aSyncMoxxyMessageIsAnsweredInMoxxysShape() throws Exception {
        HttpResponse<String> r = moxxy("moxxy", "{\"agent\":\"default\",\"message\":\"Process this data\","
                + "\"context\":{\"source\":\"external_service\",\"event_id\":\"12345\"},\"response_mode\":\"sync\"}", MOXXY_SECRET);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"success\":true,\"agent\":\"default\","
                + "\"response\":\"I've processed your request: Process this data\","
                + "\"context\":{\"source\":\"external_service\",\"event_id\":\"12345\"}}"));
        assertThat(record(r).headers().all("X-Webhook-Secret")).containsExactly(EventRecord.REDACTED);
    }

    @Test
    void anAsyncMoxxyMessageIsAcceptedAtOnceAndRunLater() throws Exception {
        HttpResponse<String> r = moxxy("moxxy", "{\"agent\":\"ops\",\"message\":\"slow\",\"response_mode\":\"async\"}", MOXXY_SECRET);

        assertThat(r.statusCode()).isEqualTo(202);
        // Moxxy documents no async body: the receiver's own answer, with the id to look the reply up by.
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("status", "reason", "eventId");
        assertThat(answer.path("status").asInt()).isEqualTo(202);
        assertThat(answer.path("reason").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.path("eventId").asText()).isEqualTo(r.headers().firstValue("X-Webhookkit-Event-Id").orElseThrow());
        assertThat(agentCalls.poll(5, TimeUnit.SECONDS).agent()).isEqualTo("ops");
        String id = answer.path("eventId").asText();
        dev.webhookkit.testing.Poll.until("the agent's reply to be recorded", () -> eventLog.find(id)
                .filter(e -> e.reason() == Reason.PROCESSED).isPresent());
        assertThat(JSON.readTree(eventLog.find(id).orElseThrow().handlerResponse().bodyAsString()).path("response").asText())
                .isEqualTo("I've processed your request: slow");
    }

    @Test
    void responseModeOnAnEndpointThatDoesNotAllowItIsIgnored() throws Exception {
        HttpResponse<String> r = moxxy("moxxy-sync-only", "{\"agent\":\"ops\",\"message\":\"m\",\"response_mode\":\"async\"}",
                MOXXY_SECRET);

        assertThat(r.statusCode()).as("the endpoint's own mode, sync").isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("success").booleanValue()).isTrue();
        assertThat(agentCalls).hasSize(1);
    }

    @Test
    void hostileMoxxyRequestsGetTheirStatusAndNoAgentCall() throws Exception {
        assertThat(moxxy("moxxy", "{\"message\":\"m\"}", "wrong-secret").statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/moxxy", "application/json", utf8("{\"message\":\"m\"}"), Headers.empty()).statusCode()).isEqualTo(401);
        assertThat(moxxy("nope", "{\"message\":\"m\"}", MOXXY_SECRET).statusCode()).isEqualTo(404);
        for (String bad : List.of("{\"message\":\"m\",\"response_mode\":\"later\"}", "{\"message\":\"m\",\"response_mode\":1}",
                "{\"agent\":\"ops\"}", "{\"message\":\"m\",\"context\":[]}", "not json")) {
            HttpResponse<String> r = moxxy("moxxy", bad, MOXXY_SECRET);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(record(r).reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
        }
        assertThat(agentCalls).isEmpty();
    }
}
