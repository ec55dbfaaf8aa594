package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound half of the admin API's contract over real HTTP, with a real subscriber on
 * 127.0.0.1: subscriptions, publishing, message states and attempts, redelivery, test sends, SSRF
 * refusal, tenant isolation and health. The dispatcher runs on the suite's {@link #clock}, so a
 * retry comes due only when a test moves the clock.
 */
abstract class OutboundContractTest extends AdminTestSupport {
    static final String SUB_SECRET = "subscriber-secret-9c2e";

    protected Subscriber subscriber;
    protected WebhookDispatcher dispatcher;

    @Override
    protected AdminApi.Builder configure(AdminApi.Builder builder) {
        try {
            subscriber = new Subscriber();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        dispatcher = WebhookDispatcher.builder().clock(clock).store(DeliveryStore.inMemory(1_000, clock))
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                .retryPolicy(RetryPolicy.ofDefaults())
                .workers(2).pollInterval(Duration.ofMillis(20)).build();
        return builder.dispatcher(dispatcher).allowPrivateTargets(true);
    }

    @AfterEach
    void stopDispatcher() {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(5));
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    String subscription(String id, String extra) {
        return "{\"id\":\"" + id + "\",\"url\":\"" + subscriber.url("/hooks/" + id) + "\",\"secret\":\"" + SUB_SECRET + "\"" + extra + "}";
    }

    AdminClient.Reply createSubscription(String token, String json) {
        AdminClient.Reply r = http.post("/admin/subscriptions", token, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    List<String> publish(String token, String eventType, String data) {
        AdminClient.Reply r = http.post("/admin/messages", token, "{\"eventType\":\"" + eventType + "\",\"data\":" + data + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        List<String> ids = new ArrayList<>();
        r.json().path("ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    JsonNode awaitStatus(String messageId, String status) {
        return Poll.until("message " + messageId + " " + status, Duration.ofSeconds(10),
                () -> http.get("/admin/messages/" + messageId, ALL).json(), m -> m.path("status").asText().equals(status));
    }

    // ---- subscriptions ----

    @Test
    void createAnswers201WithTheResourceButNeverTheSecret() {
        AdminClient.Reply created = createSubscription(ALL, subscription("ops",
                ",\"name\":\"Ops pager\",\"eventTypes\":[\"order.*\"],\"headers\":{\"X-Api-Key\":\"header-credential-1\"}"));
        assertThat(created.header("Location")).contains("/admin/subscriptions/ops");
        JsonNode s = created.json();
        assertThat(s.path("id").asText()).isEqualTo("ops");
        assertThat(s.path("name").asText()).isEqualTo("Ops pager");
        assertThat(s.path("url").asText()).isEqualTo(subscriber.url("/hooks/ops"));
        assertThat(s.path("scheme").asText()).isEqualTo("hmac-sha256");
        assertThat(s.path("eventTypes").toString()).isEqualTo("[\"order.*\"]");
        assertThat(s.path("enabled").asBoolean()).isTrue();
        assertThat(s.path("secretSet").asBoolean()).isTrue();
        assertThat(s.path("headerNames").toString()).isEqualTo("[\"X-Api-Key\"]");
        assertThat(s.has("secret")).isFalse();

        Subscription stored = dispatcher.subscriptions().get("ops").orElseThrow();
        assertThat(stored.secrets().all().get(0).value()).isEqualTo(SUB_SECRET);
        for (AdminClient.Reply r : List.of(created, http.get("/admin/subscriptions/ops", ALL), http.get("/admin/subscriptions", ALL),
                http.patch("/admin/subscriptions/ops", ALL, "{\"enabled\":false}"),
                http.put("/admin/subscriptions/ops", ALL, subscription("ops", "")))) {
            assertThat(r.status()).as(r.body()).isIn(200, 201);
            assertThat(r.body()).doesNotContain(SUB_SECRET).doesNotContain("header-credential-1");
        }
        assertThat(http.get("/admin/subscriptions", ALL).json().path("items")).hasSize(1);
    }

    @Test
    void createOfATakenIdIs409AndKeepsTheFirst() {
        createSubscription(ALL, subscription("ops", ",\"name\":\"first\""));
        assertError(http.post("/admin/subscriptions", ALL, subscription("ops", ",\"name\":\"second\"")), 409, "already_exists");
        assertThat(dispatcher.subscriptions().get("ops").orElseThrow().name()).isEqualTo("first");
    }

    @Test
    void putReplacesKeepingTheSecretPatchChangesOneFieldDeleteRemoves() {
        createSubscription(ALL, subscription("ops", ",\"eventTypes\":[\"order.*\"],\"name\":\"Ops\""));
        AdminClient.Reply put = http.put("/admin/subscriptions/ops", ALL, "{\"url\":\"" + subscriber.url("/other") + "\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("url").asText()).isEqualTo(subscriber.url("/other"));
        assertThat(put.json().path("eventTypes").toString()).as("replaced, not merged").isEqualTo("[\"*\"]");
        assertThat(dispatcher.subscriptions().get("ops").orElseThrow().secrets().all().get(0).value()).isEqualTo(SUB_SECRET);
        AdminClient.Reply rename = http.put("/admin/subscriptions/ops", ALL, subscription("other", ""));
        assertError(rename, 422, "invalid_field");
        assertThat(rename.errorMessage()).startsWith("id:");

        AdminClient.Reply patched = http.patch("/admin/subscriptions/ops", ALL, "{\"enabled\":false,\"name\":\"Renamed\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("enabled").asBoolean()).isFalse();
        assertThat(patched.json().path("name").asText()).isEqualTo("Renamed");
        assertThat(patched.json().path("url").asText()).isEqualTo(subscriber.url("/other"));
        assertThat(dispatcher.subscriptions().get("ops").orElseThrow().enabled()).isFalse();

        AdminClient.Reply deleted = http.delete("/admin/subscriptions/ops", ALL);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertError(http.get("/admin/subscriptions/ops", ALL), 404, "not_found");
        assertError(http.delete("/admin/subscriptions/ops", ALL), 404, "not_found");
        assertError(http.put("/admin/subscriptions/missing", ALL, subscription("missing", "")), 404, "not_found");
        assertThat(dispatcher.subscriptions().get("missing")).isEmpty();
    }

    @Test
    void invalidFieldsAre422NamingTheField() {
        assertInvalid(http.post("/admin/subscriptions", ALL, subscription("a", ",\"scheme\":\"no-such-scheme\"")), "scheme");
        assertInvalid(http.post("/admin/subscriptions", ALL, subscription("a", ",\"eventTypes\":[\"  \"]")), "eventTypes[0]");
        assertInvalid(http.post("/admin/subscriptions", ALL, subscription("a", ",\"eventTypes\":[]")), "eventTypes");
        assertInvalid(http.post("/admin/subscriptions", ALL, "{\"id\":\"a\",\"url\":\"" + subscriber.url("/") + "\"}"), "secret");
        assertInvalid(http.post("/admin/subscriptions", ALL, subscription("a", ",\"timeoutMs\":0")), "timeoutMs");
        assertInvalid(http.post("/admin/subscriptions", ALL, subscription("a", ",\"headers\":{\"Host\":\"x\"}")), "headers");
        assertInvalid(http.post("/admin/subscriptions", ALL, subscription("a", ",\"evenTypes\":[\"a\"]")), "evenTypes");
        assertInvalid(http.post("/admin/subscriptions", ALL, "{\"id\":\"a\",\"url\":\"ftp://127.0.0.1/\",\"secret\":\"s\"}"), "url");
        assertError(http.post("/admin/subscriptions", ALL, "{\"id\":"), 400, "malformed_json");
        assertThat(dispatcher.subscriptions().list()).isEmpty();
    }

    @Test
    void aUrlTheSsrfGuardRefusesIs422EvenWithPrivateTargetsAllowed() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/computeMetadata/v1/",
                "http://[fe80::1]/", "http://0.0.0.0:8080/")) {
            AdminClient.Reply r = http.post("/admin/subscriptions", ALL, "{\"id\":\"evil\",\"url\":\"" + url + "\",\"secret\":\"s\"}");
            assertInvalid(r, "url");
            assertThat(r.errorMessage()).contains("refused as a destination");
        }
        createSubscription(ALL, subscription("ok", ""));
        assertInvalid(http.patch("/admin/subscriptions/ok", ALL, "{\"url\":\"http://169.254.169.254/\"}"), "url");
        assertThat(dispatcher.subscriptions().get("evil")).isEmpty();
        assertThat(dispatcher.subscriptions().get("ok").orElseThrow().url().toString()).isEqualTo(subscriber.url("/hooks/ok"));
    }

    // ---- publish, deliver, fail, redeliver ----

    @Test
    void aPublishedMessageIsDeliveredSignedAndItsAttemptShown() throws Exception {
        createSubscription(ALL, subscription("ops", ",\"eventTypes\":[\"order.*\"]"));
        createSubscription(ALL, subscription("billing", ",\"eventTypes\":[\"invoice.*\"]"));
        List<String> ids = publish(ALL, "order.created", "{\"order\":42}");
        assertThat(ids).hasSize(1);
        JsonNode message = awaitStatus(ids.get(0), "delivered");
        assertThat(message.path("subscription").asText()).isEqualTo("ops");
        assertThat(message.path("eventType").asText()).isEqualTo("order.created");
        assertThat(message.path("attempts").asInt()).isEqualTo(1);
        assertThat(message.path("body").path("data").path("order").asInt()).isEqualTo(42);
        assertThat(message.path("nextAttemptAt").isNull()).isTrue();

        Subscriber.Received got = subscriber.received().get(0);
        assertThat(got.path()).isEqualTo("/hooks/ops");
        assertThat(got.header("X-Webhook-Id")).isEqualTo(ids.get(0));
        assertThat(got.body()).contains("\"order\":42");
        assertThat(got.header("X-Webhook-Signature")).isNotBlank();

        JsonNode attempts = http.get("/admin/messages/" + ids.get(0) + "/attempts", ALL).json().path("items");
        assertThat(attempts).hasSize(1);
        JsonNode a = attempts.get(0);
        assertThat(a.path("attempt").asInt()).isEqualTo(1);
        assertThat(a.path("status").asInt()).isEqualTo(200);
        assertThat(a.path("outcome").asText()).isEqualTo("success");
        assertThat(a.path("latencyMs").isIntegralNumber()).isTrue();
        assertThat(a.path("at").asText()).isEqualTo(clock.instant().toString());
        assertThat(a.path("error").isNull()).isTrue();

        JsonNode delivered = http.get("/admin/messages?subscription=ops&status=delivered", ALL).json();
        assertThat(delivered.path("items")).hasSize(1);
        assertThat(delivered.path("items").get(0).path("id").asText()).isEqualTo(ids.get(0));
        assertThat(delivered.path("next").isNull()).isTrue();
        assertThat(http.get("/admin/messages?subscription=billing", ALL).json().path("items")).isEmpty();
        assertThat(http.get("/admin/messages?status=dead", ALL).json().path("items")).isEmpty();
    }

    @Test
    void aFailingSubscribersMessageIsFailedThenDeadWithEveryAttemptThenRedelivered() {
        subscriber.answer(500);
        createSubscription(ALL, subscription("flaky", ",\"maxAttempts\":2"));
        String id = publish(ALL, "order.created", "{}").get(0);
        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("nextAttemptAt").isNull()).isFalse();
        assertThat(http.get("/admin/messages?status=failed", ALL).json().path("items").get(0).path("id").asText()).isEqualTo(id);
        assertError(http.post("/admin/messages/" + id + "/redeliver", ALL, null), 409, "not_redeliverable");

        clock.advance(Duration.ofMinutes(1)); // past the first retry's backoff
        awaitStatus(id, "dead");
        JsonNode attempts = http.get("/admin/messages/" + id + "/attempts", ALL).json().path("items");
        assertThat(attempts).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(attempts.get(i).path("attempt").asInt()).isEqualTo(i + 1);
            assertThat(attempts.get(i).path("status").asInt()).isEqualTo(500);
            assertThat(attempts.get(i).path("outcome").asText()).isEqualTo("server_error");
        }
        assertThat(http.get("/admin/messages?status=dead&subscription=flaky", ALL).json().path("items")).hasSize(1);

        subscriber.answer(200);
        AdminClient.Reply redelivered = http.post("/admin/messages/" + id + "/redeliver", ALL, null);
        assertThat(redelivered.status()).as(redelivered.body()).isEqualTo(202);
        assertThat(redelivered.json().path("id").asText()).isEqualTo(id);
        awaitStatus(id, "delivered");
        JsonNode all = http.get("/admin/messages/" + id + "/attempts", ALL).json().path("items");
        assertThat(all).hasSize(3);
        assertThat(all.get(2).path("outcome").asText()).isEqualTo("success");
        assertThat(subscriber.received()).hasSize(3).allSatisfy(r -> assertThat(r.header("X-Webhook-Id")).isEqualTo(id));
    }

    @Test
    void theDeadOnesAreRedeliveredInOneBatch() {
        subscriber.answer(500);
        createSubscription(ALL, subscription("flaky", ",\"maxAttempts\":1"));
        createSubscription(ALL, subscription("other", ",\"maxAttempts\":1"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.addAll(publish(ALL, "order.created", "{\"n\":" + i + "}"));
        }
        assertThat(ids).hasSize(6);
        ids.forEach(id -> awaitStatus(id, "dead"));
        subscriber.answer(200);

        AdminClient.Reply batch = http.post("/admin/messages/redeliver?subscription=flaky&status=dead", ALL, null);
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().path("count").asLong()).isEqualTo(3);
        Poll.until("flaky's messages delivered", Duration.ofSeconds(10),
                () -> http.get("/admin/messages?subscription=flaky&status=delivered", ALL).json().path("items").size() == 3);
        assertThat(http.get("/admin/messages?subscription=other&status=dead", ALL).json().path("items")).hasSize(3);

        AdminClient.Reply rest = http.post("/admin/messages/redeliver", ALL, null);
        assertThat(rest.json().path("count").asLong()).as("status defaults to dead").isEqualTo(3);
        Poll.until("every message delivered", Duration.ofSeconds(10),
                () -> http.get("/admin/messages?status=delivered", ALL).json().path("items").size() == 6);
        assertThat(http.post("/admin/messages/redeliver?status=dead", ALL, null).json().path("count").asLong()).isZero();
    }

    @Test
    void messageQueriesRefuseBadParameters() {
        assertError(http.get("/admin/messages?status=lost", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/messages?status=PENDING", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/messages?limit=0", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/messages?limit=501", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/messages?limit=ten", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/messages?cursor=not-a-cursor", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/messages?subscriptions=x", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/messages?status=dead&status=failed", ALL), 400, "invalid_parameter");
        assertError(http.post("/admin/messages/redeliver?status=pending", ALL, null), 400, "invalid_parameter");
        assertError(http.post("/admin/messages/redeliver?status=delivered", ALL, null), 400, "invalid_parameter");
        assertError(http.get("/admin/messages/no-such-message", ALL), 404, "not_found");
        assertError(http.get("/admin/messages/no-such-message/attempts", ALL), 404, "not_found");
        assertError(http.post("/admin/messages/no-such-message/redeliver", ALL, null), 404, "not_found");
        assertInvalid(http.post("/admin/messages", ALL, "{\"data\":{}}"), "eventType");
        assertInvalid(http.post("/admin/messages", ALL, "{\"eventType\":\"a\"}"), "data");
        assertInvalid(http.post("/admin/messages", ALL, "{\"eventType\":\"a\",\"data\":1,\"extra\":1}"), "extra");
    }

    @Test
    void messagesArePagedNewestFirstWithACursor() {
        createSubscription(ALL, subscription("ops", ""));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.addAll(publish(ALL, "order.created", "{\"n\":" + i + "}"));
            clock.advance(Duration.ofSeconds(1));
        }
        JsonNode first = http.get("/admin/messages?limit=2", ALL).json();
        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("items").get(0).path("id").asText()).isEqualTo(ids.get(4));
        assertThat(first.path("items").get(1).path("id").asText()).isEqualTo(ids.get(3));
        List<String> seen = new ArrayList<>();
        JsonNode page = first;
        for (int guard = 0; guard < 5; guard++) {
            page.path("items").forEach(m -> seen.add(m.path("id").asText()));
            if (page.path("next").isNull()) {
                break;
            }
            page = http.get("/admin/messages?limit=2&cursor=" + page.path("next").asText(), ALL).json();
        }
        assertThat(seen).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    }

    // ---- test send ----

    @Test
    void aTestSendAnswersTheAttemptWhateverTheSubscriberSaid() {
        createSubscription(ALL, subscription("ops", ",\"enabled\":false"));
        AdminClient.Reply ok = http.post("/admin/subscriptions/ops/test", ALL, null);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("attempt").asInt()).isEqualTo(1);
        assertThat(ok.json().path("status").asInt()).isEqualTo(200);
        assertThat(ok.json().path("outcome").asText()).isEqualTo("success");
        assertThat(ok.json().path("subscription").asText()).isEqualTo("ops");
        assertThat(subscriber.received()).hasSize(1);
        assertThat(subscriber.received().get(0).header("X-Webhook-Event")).isEqualTo(WebhookDispatcher.TEST_EVENT_TYPE);
        assertThat(subscriber.received().get(0).header("X-Webhook-Signature")).isEqualTo(expectedSignature(subscriber.received().get(0)));

        subscriber.answer(503);
        AdminClient.Reply failed = http.post("/admin/subscriptions/ops/test", ALL, null);
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().path("status").asInt()).isEqualTo(503);
        assertThat(failed.json().path("outcome").asText()).isEqualTo("server_error");
        assertThat(failed.json().path("response").asText()).isEqualTo("answer 503");
        assertError(http.post("/admin/subscriptions/missing/test", ALL, null), 404, "not_found");
    }

    /** The hmac-sha256 scheme's header, computed here from the secret the test created the subscription with. */
    private static String expectedSignature(Subscriber.Received r) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SUB_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- authorization and tenants ----

    @Test
    void everyOutboundRouteNeedsCredentials() {
        createSubscription(ALL, subscription("ops", ""));
        String id = publish(ALL, "order.created", "{}").get(0);
        for (String[] route : List.of(new String[] {"GET", "/admin/subscriptions"}, new String[] {"POST", "/admin/subscriptions"},
                new String[] {"GET", "/admin/subscriptions/ops"}, new String[] {"PUT", "/admin/subscriptions/ops"},
                new String[] {"PATCH", "/admin/subscriptions/ops"}, new String[] {"DELETE", "/admin/subscriptions/ops"},
                new String[] {"POST", "/admin/subscriptions/ops/test"}, new String[] {"POST", "/admin/messages"},
                new String[] {"GET", "/admin/messages"}, new String[] {"GET", "/admin/messages/" + id},
                new String[] {"GET", "/admin/messages/" + id + "/attempts"}, new String[] {"POST", "/admin/messages/" + id + "/redeliver"},
                new String[] {"POST", "/admin/messages/redeliver"}, new String[] {"GET", "/admin/health"})) {
            for (String token : new String[] {null, "wrong-token-0123456789"}) {
                AdminClient.Reply r = http.send(route[0], route[1], token, null, null);
                assertError(r, 401, "unauthenticated");
                assertThat(r.header("WWW-Authenticate")).isPresent();
            }
        }
        assertThat(dispatcher.subscriptions().get("ops")).isPresent();
        assertThat(subscriber.received()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aTenantSeesAndTouchesOnlyItsOwnSubscriptionsAndTheirMessages() {
        createSubscription(ACME, subscription("acme-hooks", ",\"tenant\":\"acme\""));
        createSubscription(GLOBEX, subscription("globex-hooks", ",\"tenant\":\"globex\""));
        createSubscription(ALL, subscription("shared", ""));
        assertError(http.post("/admin/subscriptions", ACME, subscription("sneaky", ",\"tenant\":\"globex\"")), 403, "forbidden");
        assertError(http.post("/admin/subscriptions", ACME, subscription("untenanted", "")), 403, "forbidden");

        assertThat(ids(http.get("/admin/subscriptions", ACME))).containsExactly("acme-hooks");
        assertThat(ids(http.get("/admin/subscriptions", GLOBEX))).containsExactly("globex-hooks");
        assertThat(ids(http.get("/admin/subscriptions", ALL))).containsExactly("acme-hooks", "globex-hooks", "shared");
        assertError(http.get("/admin/subscriptions/globex-hooks", ACME), 403, "forbidden");
        assertError(http.get("/admin/subscriptions/shared", ACME), 403, "forbidden");
        assertError(http.patch("/admin/subscriptions/globex-hooks", ACME, "{\"enabled\":false}"), 403, "forbidden");
        assertError(http.put("/admin/subscriptions/globex-hooks", ACME, subscription("globex-hooks", ",\"tenant\":\"acme\"")), 403, "forbidden");
        assertError(http.delete("/admin/subscriptions/globex-hooks", ACME), 403, "forbidden");
        assertError(http.post("/admin/subscriptions/globex-hooks/test", ACME, null), 403, "forbidden");
        assertError(http.patch("/admin/subscriptions/acme-hooks", ACME, "{\"tenant\":\"globex\"}"), 403, "forbidden");
        assertThat(dispatcher.subscriptions().get("globex-hooks").orElseThrow().enabled()).isTrue();
        assertThat(dispatcher.subscriptions().get("acme-hooks").orElseThrow().tenant()).contains("acme");
        assertThat(subscriber.received()).isEmpty();

        // publishing reaches every tenant's subscribers: only an all-tenants caller may
        assertError(http.post("/admin/messages", ACME, "{\"eventType\":\"order.created\",\"data\":{}}"), 403, "forbidden");
        assertError(http.post("/admin/messages", ACME, "{\"bad\":1}"), 403, "forbidden"); // refused before the body is read
        subscriber.answer(500);
        List<String> ids = publish(ALL, "order.created", "{}");
        assertThat(ids).hasSize(3);
        String acmeMessage = messageOf(ids, "acme-hooks");
        String globexMessage = messageOf(ids, "globex-hooks");
        assertThat(ids(http.get("/admin/messages", ACME))).containsExactly(acmeMessage);
        assertThat(ids(http.get("/admin/messages?subscription=acme-hooks", ACME))).containsExactly(acmeMessage);
        assertError(http.get("/admin/messages?subscription=globex-hooks", ACME), 403, "forbidden");
        assertError(http.get("/admin/messages/" + globexMessage, ACME), 403, "forbidden");
        assertError(http.get("/admin/messages/" + globexMessage + "/attempts", ACME), 403, "forbidden");
        assertError(http.post("/admin/messages/" + globexMessage + "/redeliver", ACME, null), 403, "forbidden");
        assertError(http.post("/admin/messages/redeliver?subscription=globex-hooks", ACME, null), 403, "forbidden");
        assertThat(http.get("/admin/messages/" + acmeMessage, ACME).status()).isEqualTo(200);
        assertThat(http.get("/admin/messages/" + acmeMessage + "/attempts", ACME).status()).isEqualTo(200);

        // a tenant's batch redelivery touches its own dead messages only
        Poll.until("first attempts made", Duration.ofSeconds(10), () -> subscriber.received().size() == 3);
        for (String id : ids) {
            awaitStatus(id, "failed");
        }
        AdminClient.Reply batch = http.post("/admin/messages/redeliver?status=failed", ACME, null);
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().path("count").asLong()).isEqualTo(1);
    }

    private String messageOf(List<String> ids, String subscriptionId) {
        return ids.stream().filter(id -> http.get("/admin/messages/" + id, ALL).json().path("subscription").asText().equals(subscriptionId))
                .findFirst().orElseThrow();
    }

    private static List<String> ids(AdminClient.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().path("items").forEach(n -> out.add(n.path("id").asText()));
        return out;
    }

    // ---- health ----

    @Test
    void healthIsUpWithTheBacklogAndTheAgeOfTheOldestQueuedMessage() {
        AdminClient.Reply empty = http.get("/admin/health", ALL);
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        assertThat(empty.json().path("status").asText()).isEqualTo("up");
        assertThat(empty.json().path("checks").path("store").path("status").asText()).isEqualTo("up");
        assertThat(empty.json().path("checks").path("dispatcher").path("backlog").asLong()).isZero();
        assertThat(empty.json().path("checks").path("dispatcher").path("oldestPendingAgeSeconds").isNull()).isTrue();

        subscriber.answer(500);
        createSubscription(ALL, subscription("flaky", ""));
        String id = publish(ALL, "order.created", "{}").get(0);
        awaitStatus(id, "failed");
        clock.advance(Duration.ofSeconds(3)); // not yet due again (5 s ± 20 %)
        JsonNode backlog = http.get("/admin/health", ALL).json().path("checks").path("dispatcher");
        assertThat(backlog.path("backlog").asLong()).isEqualTo(1);
        assertThat(backlog.path("oldestPendingAgeSeconds").asLong()).isEqualTo(3);
    }

    void assertInvalid(AdminClient.Reply r, String field) {
        assertError(r, 422, "invalid_field");
        assertThat(r.errorMessage()).as(r.body()).startsWith(field + ":");
        assertThat(r.body()).doesNotContain(SUB_SECRET);
    }
}
