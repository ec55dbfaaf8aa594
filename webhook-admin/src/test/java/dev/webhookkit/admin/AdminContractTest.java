package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.spi.EventHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The inbound half of the admin API's contract over real HTTP: endpoints, errors, auth, hostile input. */
abstract class AdminContractTest extends AdminTestSupport {
    static final String SECRET = "old-secret-value-7f3a";
    /** The handler of created endpoints: the endpoint named "acted" reports two action outcomes, others nothing. */
    static final EventHandler ACTING = event -> event.endpoint().name().equals("acted")
            ? HandlerResponse.empty().withActions(List.of(ActionOutcome.ok("notify", "sent to slack", Duration.ofMillis(12)),
                    ActionOutcome.failed("forward", "503 from https://downstream.example", Duration.ofMillis(340))))
            : HandlerResponse.empty();

    @Override
    protected AdminApi.Builder configure(AdminApi.Builder builder) {
        return builder.endpointJson(EndpointJson.builder().handler(ACTING).build());
    }

    static String endpoint(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"scheme\":\"hmac-sha256\",\"secrets\":[\"" + SECRET + "\"]" + extra + "}";
    }

    // ---- endpoints: CRUD ----

    @Test
    void createAnswers201WithLocationAndTheResourceThenReadsListsAndDeletesIt() {
        AdminClient.Reply created = createEndpoint(ALL, endpoint("orders",
                ",\"path\":\"/hooks/orders\",\"provider\":\"github\",\"ipAllowlist\":[\"10.0.0.0/8\",\"127.0.0.1\"],"
                        + "\"rateLimit\":{\"permits\":10,\"periodSeconds\":60},\"mode\":\"async\",\"template\":\"Alert {{title}}\","
                        + "\"instructions\":\"page the on-call\",\"attributes\":{\"team\":\"payments\"}"));
        assertThat(created.header("Location")).contains("/admin/endpoints/orders");
        JsonNode e = created.json();
        assertThat(e.path("name").asText()).isEqualTo("orders");
        assertThat(e.path("path").asText()).isEqualTo("/hooks/orders");
        assertThat(e.path("scheme").asText()).isEqualTo("hmac-sha256");
        assertThat(e.path("provider").asText()).isEqualTo("github");
        assertThat(e.path("enabled").asBoolean()).isTrue();
        assertThat(e.path("ipAllowlist").toString()).isEqualTo("[\"10.0.0.0/8\",\"127.0.0.1\"]");
        assertThat(e.path("rateLimit").path("permits").asInt()).isEqualTo(10);
        assertThat(e.path("rateLimit").path("periodSeconds").asInt()).isEqualTo(60);
        assertThat(e.path("mode").asText()).isEqualTo("async");
        assertThat(e.path("template").asText()).isEqualTo("Alert {{title}}");
        assertThat(e.path("instructions").asText()).isEqualTo("page the on-call");
        assertThat(e.path("attributes").path("team").asText()).isEqualTo("payments");
        assertThat(e.path("secrets").get(0).path("id").asText()).isEqualTo("default");
        assertThat(e.path("secrets").get(0).path("active").asBoolean()).isTrue();

        Endpoint stored = registry.get("orders").orElseThrow();
        assertThat(stored.secrets().all().get(0).value()).isEqualTo(SECRET);
        assertThat(stored.rateLimit().orElseThrow().period()).isEqualTo(Duration.ofSeconds(60));

        assertThat(http.get("/admin/endpoints/orders", ALL).json()).isEqualTo(e);
        AdminClient.Reply list = http.get("/admin/endpoints", ALL);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items")).hasSize(1);
        assertThat(list.json().path("items").get(0)).isEqualTo(e);

        AdminClient.Reply deleted = http.delete("/admin/endpoints/orders", ALL);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertError(http.get("/admin/endpoints/orders", ALL), 404, "not_found");
        assertError(http.delete("/admin/endpoints/orders", ALL), 404, "not_found");
        assertThat(registry.get("orders")).isEmpty();
    }

    @Test
    void createOfATakenNameIs409AndKeepsTheFirst() {
        createEndpoint(ALL, endpoint("orders", ",\"instructions\":\"first\""));
        assertError(http.post("/admin/endpoints", ALL, endpoint("orders", ",\"instructions\":\"second\"")), 409, "already_exists");
        assertThat(registry.get("orders").orElseThrow().instructions()).isEqualTo("first");
    }

    @Test
    void secretValuesAreWriteOnly() {
        AdminClient.Reply created = createEndpoint(ALL, "{\"name\":\"a\",\"scheme\":\"hmac-sha256\",\"secrets\":["
                + "{\"id\":\"k2\",\"value\":\"newer-secret-value-1\"},"
                + "{\"id\":\"k1\",\"value\":\"older-secret-value-2\",\"validUntil\":\"2026-12-04T00:00:00Z\"}]}");
        for (AdminClient.Reply r : List.of(created, http.get("/admin/endpoints/a", ALL), http.get("/admin/endpoints", ALL),
                http.patch("/admin/endpoints/a", ALL, "{\"enabled\":false}"))) {
            assertThat(r.body()).doesNotContain("newer-secret-value-1").doesNotContain("older-secret-value-2").doesNotContain("\"value\"");
        }
        JsonNode secrets = created.json().path("secrets");
        assertThat(secrets.get(0).path("id").asText()).isEqualTo("k2");
        assertThat(secrets.get(0).path("validUntil").isNull()).isTrue();
        assertThat(secrets.get(1).path("id").asText()).isEqualTo("k1");
        assertThat(secrets.get(1).path("validUntil").asText()).isEqualTo("2026-12-04T00:00:00Z");
        assertThat(secrets.get(1).path("active").asBoolean()).isTrue();
        clock.advance(Duration.ofDays(1));
        assertThat(http.get("/admin/endpoints/a", ALL).json().path("secrets").get(1).path("active").asBoolean()).isFalse();
    }

    @Test
    void putReplacesTheEndpointKeepingItsSecretsWhenTheBodyHasNone() {
        createEndpoint(ALL, endpoint("orders", ",\"instructions\":\"first\",\"provider\":\"github\""));
        AdminClient.Reply put = http.put("/admin/endpoints/orders", ALL, "{\"scheme\":\"hmac-sha256\",\"instructions\":\"second\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("instructions").asText()).isEqualTo("second");
        assertThat(put.json().path("provider").isNull()).as("replaced, not merged").isTrue();
        assertThat(registry.get("orders").orElseThrow().secrets().all().get(0).value()).isEqualTo(SECRET);
        assertThat(postSigned("orders", SECRET, "{\"n\":1}").status()).isEqualTo(200);

        assertThat(http.put("/admin/endpoints/orders", ALL, "{\"scheme\":\"hmac-sha256\",\"secrets\":[\"brand-new-secret\"]}").status())
                .isEqualTo(200);
        assertThat(registry.get("orders").orElseThrow().secrets().all().get(0).value()).isEqualTo("brand-new-secret");
    }

    @Test
    void putCannotRenameAndCannotCreate() {
        createEndpoint(ALL, endpoint("orders", ""));
        AdminClient.Reply rename = http.put("/admin/endpoints/orders", ALL, endpoint("invoices", ""));
        assertError(rename, 422, "invalid_field");
        assertThat(rename.errorMessage()).startsWith("name:");
        assertError(http.put("/admin/endpoints/missing", ALL, endpoint("missing", "")), 404, "not_found");
        assertThat(registry.get("missing")).isEmpty();
    }

    @Test
    void patchDisablesAndEnablesAndTheReceiverFollows() {
        createEndpoint(ALL, endpoint("orders", ""));
        assertThat(postSigned("orders", SECRET, "{\"n\":1}").status()).isEqualTo(200);
        AdminClient.Reply off = http.patch("/admin/endpoints/orders", ALL, "{\"enabled\":false}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().path("enabled").asBoolean()).isFalse();
        AdminClient.Reply refused = postSigned("orders", SECRET, "{\"n\":2}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.header("X-Reason")).contains("ENDPOINT_DISABLED");
        assertThat(http.patch("/admin/endpoints/orders", ALL, "{\"enabled\":true}").status()).isEqualTo(200);
        assertThat(postSigned("orders", SECRET, "{\"n\":3}").status()).isEqualTo(200);
    }

    @Test
    void patchTakesOnlyEnabled() {
        createEndpoint(ALL, endpoint("orders", ""));
        AdminClient.Reply other = http.patch("/admin/endpoints/orders", ALL, "{\"instructions\":\"x\"}");
        assertError(other, 422, "invalid_field");
        assertThat(other.errorMessage()).startsWith("instructions:");
        assertError(http.patch("/admin/endpoints/orders", ALL, "{\"enabled\":\"no\"}"), 422, "invalid_field");
        assertError(http.patch("/admin/endpoints/orders", ALL, "{}"), 422, "invalid_field");
        assertError(http.patch("/admin/endpoints/nope", ALL, "{\"enabled\":false}"), 404, "not_found");
    }

    // ---- secret rotation, end to end through the receiver ----

    @Test
    void rotatedSecretVerifiesAtOnceAndTheOldOneUntilTheGraceEnds() {
        createEndpoint(ALL, endpoint("orders", ""));
        assertThat(postSigned("orders", "new-secret-value-9c1d", "{\"n\":0}").status()).isEqualTo(401);

        AdminClient.Reply rotated = http.post("/admin/endpoints/orders/secrets", ALL,
                "{\"secret\":\"new-secret-value-9c1d\",\"graceSeconds\":60}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.body()).doesNotContain("new-secret-value-9c1d").doesNotContain(SECRET);
        JsonNode secrets = rotated.json().path("secrets");
        assertThat(secrets).hasSize(2);
        assertThat(secrets.get(0).path("id").asText()).isEqualTo("key-2");
        assertThat(secrets.get(0).path("validUntil").isNull()).isTrue();
        assertThat(secrets.get(1).path("id").asText()).isEqualTo("default");
        assertThat(secrets.get(1).path("validUntil").asText()).isEqualTo(clock.instant().plusSeconds(60).toString());

        assertThat(postSigned("orders", "new-secret-value-9c1d", "{\"n\":1}").status()).isEqualTo(200);
        assertThat(postSigned("orders", SECRET, "{\"n\":2}").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(59));
        assertThat(postSigned("orders", SECRET, "{\"n\":3}").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        AdminClient.Reply expired = postSigned("orders", SECRET, "{\"n\":4}");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.header("X-Reason")).contains("SIGNATURE_MISMATCH");
        assertThat(postSigned("orders", "new-secret-value-9c1d", "{\"n\":5}").status()).isEqualTo(200);
        assertThat(http.get("/admin/endpoints/orders", ALL).json().path("secrets").get(1).path("active").asBoolean()).isFalse();
    }

    @Test
    void rotationValidatesItsBody() {
        createEndpoint(ALL, endpoint("orders", ""));
        assertError(http.post("/admin/endpoints/orders/secrets", ALL, "{\"graceSeconds\":60}"), 422, "invalid_field");
        assertError(http.post("/admin/endpoints/orders/secrets", ALL, "{\"secret\":\"s-1234567890\",\"graceSeconds\":-1}"), 422, "invalid_field");
        assertError(http.post("/admin/endpoints/orders/secrets", ALL, "{\"secret\":\"s-1234567890\",\"graceSeconds\":99999999}"), 422, "invalid_field");
        assertError(http.post("/admin/endpoints/orders/secrets", ALL, "{\"secret\":\"s-1234567890\",\"id\":\"default\"}"), 409, "already_exists");
        assertError(http.post("/admin/endpoints/orders/secrets", ALL, "{\"secret\":\"s-1234567890\",\"extra\":1}"), 422, "invalid_field");
        assertError(http.post("/admin/endpoints/nope/secrets", ALL, "{\"secret\":\"s-1234567890\"}"), 404, "not_found");
        assertThat(registry.get("orders").orElseThrow().secrets().size()).isEqualTo(1);
    }

    // ---- validation: 422 naming the field ----

    static Stream<Arguments> invalidEndpoints() {
        return Stream.of(
                Arguments.of(endpoint("a", ",\"ipAllowlist\":[\"10.0.0.0/33\"]"), "ipAllowlist[0]"),
                Arguments.of(endpoint("a", ",\"ipAllowlist\":[\"not-an-ip\"]"), "ipAllowlist[0]"),
                Arguments.of("{\"name\":\"a\",\"scheme\":\"no-such-scheme\",\"secrets\":[\"s\"]}", "scheme"),
                Arguments.of("{\"name\":\"a\",\"secrets\":[\"s\"]}", "scheme"),
                Arguments.of(endpoint("a", ",\"provider\":\"no-such-provider\""), "provider"),
                Arguments.of(endpoint("a", ",\"rateLimit\":{\"permits\":0,\"periodSeconds\":60}"), "rateLimit.permits"),
                Arguments.of(endpoint("a", ",\"rateLimit\":{\"permits\":5,\"periodSeconds\":0}"), "rateLimit.periodSeconds"),
                Arguments.of(endpoint("a", ",\"rateLimit\":{\"permits\":5}"), "rateLimit.periodSeconds"),
                Arguments.of(endpoint("a", ",\"mode\":\"sometimes\""), "mode"),
                Arguments.of(endpoint("a", ",\"path\":\"no-slash\""), "path"),
                Arguments.of(endpoint("a", ",\"template\":\"{{unclosed\""), "template"),
                Arguments.of(endpoint("a", ",\"enabled\":\"yes\""), "enabled"),
                Arguments.of(endpoint("a", ",\"attributes\":{\"k\":1}"), "attributes.k"),
                Arguments.of(endpoint("a", ",\"tenant\":\"../x\""), "tenant"),
                Arguments.of(endpoint("a", ",\"secrest\":[\"typo\"]"), "secrest"),
                Arguments.of(endpoint("../../etc", ""), "name"),
                Arguments.of("{\"scheme\":\"hmac-sha256\",\"secrets\":[\"s\"]}", "name"),
                Arguments.of("{\"name\":\"a\",\"scheme\":\"hmac-sha256\"}", "secrets"),
                Arguments.of("{\"name\":\"a\",\"scheme\":\"hmac-sha256\",\"secrets\":[\"\"]}", "secrets[0]"));
    }

    @ParameterizedTest
    @MethodSource("invalidEndpoints")
    void invalidEndpointIs422NamingTheField(String body, String field) {
        AdminClient.Reply r = http.post("/admin/endpoints", ALL, body);
        assertError(r, 422, "invalid_field");
        assertThat(r.errorMessage()).startsWith(field + ":");
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void aCreateThatFailsValidationNeverEchoesItsSecret() {
        String secret = "TOP-SECRET-DO-NOT-ECHO-42";
        List<AdminClient.Reply> replies = new ArrayList<>();
        replies.add(http.post("/admin/endpoints", ALL, "{\"name\":\"a\",\"scheme\":\"hmac-sha256\",\"secrets\":[\"" + secret
                + "\"],\"ipAllowlist\":[\"bogus\"]}"));
        replies.add(http.post("/admin/endpoints", ALL, "{\"name\":\"a\",\"scheme\":\"hmac-sha256\",\"secrets\":[{\"id\":\"k\",\"value\":\""
                + secret + "\",\"bogus\":1}]}"));
        replies.add(http.post("/admin/endpoints", ALL, "{\"name\":\"a\",\"scheme\":\"hmac-sha256\",\"secrets\":[{\"id\":\"k\",\"value\":\""
                + secret + "\",\"validUntil\":\"" + secret + "\"}]}"));
        replies.add(http.post("/admin/endpoints", ALL, "{\"name\":\"a\",\"scheme\":\"hmac-sha256\",\"secrets\":[" + secret + "]}"));
        replies.add(http.post("/admin/endpoints", ALL, "{\"name\":\"a\",\"scheme\":\"hmac-sha256\",\"secrets\":[\"" + secret + "\"]"));
        replies.add(http.post("/admin/endpoints", ALL, "{\"name\":\"a\",\"secrets\":[\"" + secret + "\"],\"secrets\":[\"x\"]}"));
        createEndpoint(ALL, endpoint("b", ""));
        replies.add(http.post("/admin/endpoints/b/secrets", ALL, "{\"secret\":" + secret + "}"));
        replies.add(http.post("/admin/endpoints/b/secrets", ALL, "{\"secret\":\"" + secret + "\",\"graceSeconds\":\"" + secret + "\"}"));
        for (AdminClient.Reply r : replies) {
            assertThat(r.status()).as(r.body()).isIn(400, 422);
            assertThat(r.body()).doesNotContain(secret).doesNotContain(SECRET);
        }
    }

    // ---- errors of the framework ----

    @Test
    void unknownRouteIs404AndWrongMethodIs405WithAllow() {
        assertError(http.get("/admin/nothing-here", ALL), 404, "not_found");
        assertError(http.get("/admin/endpoints/a/b/c", ALL), 404, "not_found");
        AdminClient.Reply wrong = http.send("DELETE", "/admin/endpoints", ALL, null, null);
        assertError(wrong, 405, "method_not_allowed");
        assertThat(wrong.header("Allow").orElse("")).contains("GET").contains("POST");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        AdminClient.Reply r = http.send("POST", "/admin/endpoints", ALL, "text/plain", endpoint("a", "").getBytes(StandardCharsets.UTF_8));
        assertError(r, 415, "unsupported_media_type");
        assertError(http.send("POST", "/admin/endpoints", ALL, null, endpoint("a", "").getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media_type");
        assertThat(http.send("POST", "/admin/endpoints", ALL, "application/json; charset=utf-8",
                endpoint("a", "").getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
    }

    @Test
    void malformedOrNonObjectJsonIs400() {
        assertError(http.post("/admin/endpoints", ALL, "{\"name\":"), 400, "malformed_json");
        assertError(http.post("/admin/endpoints", ALL, "[1,2]"), 400, "malformed_json");
        assertError(http.post("/admin/endpoints", ALL, "{} {}"), 400, "malformed_json");
        assertError(http.post("/admin/endpoints", ALL, null), 400, "malformed_json");
    }

    @Test
    void aBodyOverTheLimitIs413AndNothingIsCreated() {
        String huge = endpoint("a", ",\"instructions\":\"" + "x".repeat(AdminApi.DEFAULT_MAX_BODY_BYTES) + "\"");
        assertError(http.post("/admin/endpoints", ALL, huge), 413, "body_too_large");
        assertThat(registry.list()).isEmpty();
        // the server is still serving
        assertThat(http.get("/admin/endpoints", ALL).status()).isEqualTo(200);
    }

    @Test
    void deeplyNestedJsonIs400() {
        String deep = "{\"name\":\"a\",\"attributes\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertError(http.post("/admin/endpoints", ALL, deep), 400, "malformed_json");
    }

    @Test
    void pathTraversalInNamesNeverReachesARegistry() {
        createEndpoint(ALL, endpoint("orders", ""));
        for (String path : List.of("/admin/endpoints/..%2Forders", "/admin/endpoints/%2e%2e", "/admin/endpoints/..%5Corders",
                "/admin/endpoints/orders%00")) {
            // A new connection each: a container that refuses a path may close the connection it came on.
            AdminClient.Reply r = new AdminClient(http.base()).get(path, ALL);
            // Containers may refuse some of these before the API sees them (their own 400 page).
            assertThat(r.status()).as(path + " " + r.body()).isIn(400, 404);
            assertThat(r.body()).doesNotContain(SECRET);
        }
        assertThat(new AdminClient(http.base()).delete("/admin/endpoints/..%2Forders", ALL).status()).isIn(400, 404);
        assertThat(registry.get("orders")).isPresent();
    }

    @Test
    void unknownQueryParametersAre400() {
        AdminClient.Reply r = http.get("/admin/endpoints?tenant=acme", ALL);
        assertError(r, 400, "invalid_parameter");
        assertThat(r.errorMessage()).startsWith("tenant:");
    }

    // ---- authorization ----

    @Test
    void withoutOrWithAWrongTokenEveryRouteIs401() {
        createEndpoint(ALL, endpoint("orders", ""));
        for (String token : new String[] {null, "wrong-token-0123456789", ALL + "x", ""}) {
            for (String[] call : new String[][] {{"GET", "/admin/endpoints"}, {"POST", "/admin/endpoints"},
                    {"GET", "/admin/endpoints/orders"}, {"PUT", "/admin/endpoints/orders"}, {"PATCH", "/admin/endpoints/orders"},
                    {"DELETE", "/admin/endpoints/orders"}, {"POST", "/admin/endpoints/orders/secrets"},
                    {"GET", "/admin/events"}, {"GET", "/admin/events/some-id"}, {"POST", "/admin/events/some-id/replay"}}) {
                byte[] body = call[0].equals("GET") || call[0].equals("DELETE") ? null : "{\"enabled\":false}".getBytes(StandardCharsets.UTF_8);
                AdminClient.Reply r = http.send(call[0], call[1], token, body == null ? null : "application/json", body);
                assertError(r, 401, "unauthenticated");
                assertThat(r.header("WWW-Authenticate").orElse("")).startsWith("Bearer");
            }
        }
        AdminClient.Reply basic = http.sendWithHeaders("GET", "/admin/endpoints", null, "Authorization", "Basic " + ALL);
        assertError(basic, 401, "unauthenticated");
        assertThat(registry.get("orders").orElseThrow().enabled()).isTrue();
    }

    @Test
    void aTenantTokenSeesAndChangesOnlyItsOwnEndpoints() {
        createEndpoint(ALL, endpoint("acme-orders", ",\"tenant\":\"acme\""));
        createEndpoint(ALL, endpoint("globex-orders", ",\"tenant\":\"globex\""));
        createEndpoint(ALL, endpoint("shared", ""));

        assertThat(names(http.get("/admin/endpoints", ACME))).containsExactly("acme-orders");
        assertThat(names(http.get("/admin/endpoints", GLOBEX))).containsExactly("globex-orders");
        assertThat(names(http.get("/admin/endpoints", ALL))).containsExactly("acme-orders", "globex-orders", "shared");

        assertThat(http.get("/admin/endpoints/acme-orders", ACME).json().path("tenant").asText()).isEqualTo("acme");
        for (String other : List.of("globex-orders", "shared")) {
            // 403 across tenants (the contract); the answer shows nothing of the entry.
            AdminClient.Reply read = http.get("/admin/endpoints/" + other, ACME);
            assertError(read, 403, "forbidden");
            assertThat(read.body()).doesNotContain("secret").doesNotContain("\"path\"");
            assertError(http.put("/admin/endpoints/" + other, ACME, "{\"scheme\":\"none\"}"), 403, "forbidden");
            assertError(http.patch("/admin/endpoints/" + other, ACME, "{\"enabled\":false}"), 403, "forbidden");
            assertError(http.post("/admin/endpoints/" + other + "/secrets", ACME, "{\"secret\":\"stolen-secret-123\"}"), 403, "forbidden");
            assertError(http.delete("/admin/endpoints/" + other, ACME), 403, "forbidden");
            assertThat(registry.get(other).orElseThrow().enabled()).isTrue();
            assertThat(registry.get(other).orElseThrow().secrets().size()).isEqualTo(1);
        }
        assertThat(http.patch("/admin/endpoints/acme-orders", ACME, "{\"enabled\":false}").status()).isEqualTo(200);
    }

    @Test
    void aTenantTokenCannotCreateInAnotherTenantNorMoveAnEndpointThere() {
        assertError(http.post("/admin/endpoints", ACME, endpoint("x", ",\"tenant\":\"globex\"")), 403, "forbidden");
        assertError(http.post("/admin/endpoints", ACME, endpoint("y", "")), 403, "forbidden");
        assertThat(registry.list()).isEmpty();
        createEndpoint(ACME, endpoint("mine", ",\"tenant\":\"acme\""));
        assertError(http.put("/admin/endpoints/mine", ACME, endpoint("mine", ",\"tenant\":\"globex\"")), 403, "forbidden");
        assertThat(registry.get("mine").orElseThrow().tenant()).contains("acme");
    }

    // ---- events ----

    @Test
    void eventsAreListedNewestFirstAndFilteredByEndpointReasonAndTime() {
        createEndpoint(ALL, endpoint("orders", ""));
        createEndpoint(ALL, endpoint("invoices", ""));
        String first = postSigned("orders", SECRET, "{\"n\":1}").header("X-Event-Id").orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        String forged = postSigned("orders", "forged-secret-value", "{\"n\":2}").header("X-Event-Id").orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        String third = postSigned("invoices", SECRET, "{\"n\":3}").header("X-Event-Id").orElseThrow();

        AdminClient.Reply all = http.get("/admin/events", ALL);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(ids(all)).containsExactly(third, forged, first);
        assertThat(all.json().path("next").isNull()).isTrue();
        JsonNode item = all.json().path("items").get(2);
        assertThat(item.path("endpoint").asText()).isEqualTo("orders");
        assertThat(item.path("reason").asText()).isEqualTo("PROCESSED");
        assertThat(item.path("status").asInt()).isEqualTo(200);
        assertThat(item.path("receivedAt").asText()).isEqualTo("2026-12-03T12:00:00Z");
        assertThat(item.has("eventType")).isTrue();
        assertThat(item.path("alerts").isArray()).isTrue();

        assertThat(ids(http.get("/admin/events?endpoint=orders", ALL))).containsExactly(forged, first);
        assertThat(ids(http.get("/admin/events?reason=SIGNATURE_MISMATCH", ALL))).containsExactly(forged);
        assertThat(ids(http.get("/admin/events?reason=signature_mismatch", ALL))).containsExactly(forged);
        assertThat(ids(http.get("/admin/events?since=2026-12-03T12:01:00Z", ALL))).containsExactly(third, forged);
        assertThat(ids(http.get("/admin/events?until=2026-12-03T12:01:00Z", ALL))).containsExactly(first);
        assertThat(ids(http.get("/admin/events?endpoint=orders&reason=PROCESSED", ALL))).containsExactly(first);
    }

    @Test
    void eventsArePagedWithACursor() {
        createEndpoint(ALL, endpoint("orders", ""));
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(0, postSigned("orders", SECRET, "{\"n\":" + i + "}").header("X-Event-Id").orElseThrow());
            clock.advance(Duration.ofSeconds(1));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            AdminClient.Reply r = http.get("/admin/events?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), ALL);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("items").size()).isLessThanOrEqualTo(2);
            seen.addAll(ids(r));
            if (r.json().path("next").isNull()) {
                cursor = null;
                break;
            }
            cursor = java.net.URLEncoder.encode(r.json().path("next").asText(), StandardCharsets.UTF_8);
        }
        assertThat(cursor).isNull();
        assertThat(seen).isEqualTo(posted);
    }

    @Test
    void badEventQueriesAre400NamingTheParameter() {
        for (String[] q : new String[][] {{"reason=NOT_A_REASON", "reason"}, {"since=yesterday", "since"}, {"until=12:00", "until"},
                {"limit=0", "limit"}, {"limit=501", "limit"}, {"limit=ten", "limit"}, {"cursor=not-a-cursor", "cursor"},
                {"limit=1&limit=2", "limit"}, {"sort=asc", "sort"}}) {
            AdminClient.Reply r = http.get("/admin/events?" + q[0], ALL);
            assertError(r, 400, "invalid_parameter");
            assertThat(r.errorMessage()).as(q[0]).startsWith(q[1] + ":");
        }
    }

    @Test
    void oneEventShowsItsHeadersWithSecretsRedactedAndItsBody() {
        createEndpoint(ALL, "{\"name\":\"moxxy\",\"scheme\":\"shared-secret\",\"secrets\":[\"shared-secret-value-77\"]}");
        AdminClient.Reply posted = http.sendWithHeaders("POST", "/webhooks/moxxy", "{\"event\":\"order.created\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "X-Webhook-Secret", "shared-secret-value-77",
                "Authorization", "Bearer sender-credential-99", "X-Trace", "abc");
        assertThat(posted.status()).isEqualTo(200);
        String id = posted.header("X-Event-Id").orElseThrow();

        AdminClient.Reply r = http.get("/admin/events/" + id, ALL);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode e = r.json();
        assertThat(e.path("id").asText()).isEqualTo(id);
        assertThat(e.path("endpoint").asText()).isEqualTo("moxxy");
        assertThat(e.path("eventType").asText()).isEqualTo("order.created");
        assertThat(e.path("body").asText()).isEqualTo("{\"event\":\"order.created\"}");
        assertThat(header(e, "X-Trace")).isEqualTo("[\"abc\"]");
        assertThat(header(e, "X-Webhook-Secret")).isEqualTo("[\"[redacted]\"]");
        assertThat(header(e, "Authorization")).isEqualTo("[\"[redacted]\"]");
        assertThat(r.body()).doesNotContain("shared-secret-value-77").doesNotContain("sender-credential-99");

        assertError(http.get("/admin/events/no-such-event", ALL), 404, "not_found");
    }

    @Test
    void replayRunsTheEventAgainAndAnswersTheNewOne() {
        createEndpoint(ALL, endpoint("orders", ""));
        String original = postSigned("orders", SECRET, "{\"n\":1}").header("X-Event-Id").orElseThrow();
        // The same delivery again is a duplicate; a replay is not.
        assertThat(postSigned("orders", SECRET, "{\"n\":1}").header("X-Reason")).contains("DUPLICATE");

        AdminClient.Reply r = http.post("/admin/events/" + original + "/replay", ALL, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("id").asText()).isNotEqualTo(original).isNotBlank();
        assertThat(r.json().path("replayOf").asText()).isEqualTo(original);
        assertThat(r.json().path("reason").asText()).isEqualTo("PROCESSED");
        assertThat(eventLog.find(r.json().path("id").asText())).isPresent();

        assertError(http.post("/admin/events/no-such-event/replay", ALL, null), 404, "not_found");
    }

    @Test
    void replayOfAnEventThatWasNeverVerifiedOrWhoseEndpointIsDisabledIs409() {
        createEndpoint(ALL, endpoint("orders", ""));
        String forged = postSigned("orders", "forged-secret-value", "{\"n\":1}").header("X-Event-Id").orElseThrow();
        AdminClient.Reply refused = http.post("/admin/events/" + forged + "/replay", ALL, null);
        assertError(refused, 409, "replay_refused");
        assertThat(refused.errorMessage()).contains("NOT_VERIFIED");

        String good = postSigned("orders", SECRET, "{\"n\":2}").header("X-Event-Id").orElseThrow();
        http.patch("/admin/endpoints/orders", ALL, "{\"enabled\":false}");
        AdminClient.Reply disabled = http.post("/admin/events/" + good + "/replay", ALL, null);
        assertError(disabled, 409, "replay_refused");
        assertThat(disabled.errorMessage()).contains("ENDPOINT_DISABLED");
    }

    @Test
    void aTenantTokenSeesAndReplaysOnlyItsOwnEvents() {
        createEndpoint(ALL, endpoint("acme-orders", ",\"tenant\":\"acme\""));
        createEndpoint(ALL, endpoint("globex-orders", ",\"tenant\":\"globex\""));
        String mine = postSigned("acme-orders", SECRET, "{\"n\":1}").header("X-Event-Id").orElseThrow();
        String theirs = postSigned("globex-orders", SECRET, "{\"n\":2}").header("X-Event-Id").orElseThrow();

        assertThat(ids(http.get("/admin/events", ACME))).containsExactly(mine);
        assertThat(ids(http.get("/admin/events", ALL))).containsExactlyInAnyOrder(mine, theirs);
        assertThat(ids(http.get("/admin/events?endpoint=globex-orders", ACME))).isEmpty();
        assertError(http.get("/admin/events/" + theirs, ACME), 403, "forbidden");
        int before = eventLog.recent(100).size();
        assertError(http.post("/admin/events/" + theirs + "/replay", ACME, null), 403, "forbidden");
        assertThat(eventLog.recent(100)).hasSize(before);
        assertThat(http.get("/admin/events/" + mine, ACME).status()).isEqualTo(200);
        assertThat(http.post("/admin/events/" + mine + "/replay", ACME, null).status()).isEqualTo(200);
    }

    // ---- issue 13: routing settings and action outcomes ----

    @Test
    void anEndpointWithAnIntegrationIdIsReachedOnlyWhenTheQueryNamesIt() {
        AdminClient.Reply created = createEndpoint(ALL, "{\"name\":\"ops-7\",\"scheme\":\"none\",\"path\":\"/hooks/shared\",\"integrationId\":\"int-7\"}");
        assertThat(created.json().path("integrationId").asText()).isEqualTo("int-7");
        byte[] body = "{\"type\":\"incident\"}".getBytes(StandardCharsets.UTF_8);

        AdminClient.Reply bare = http.sendWithHeaders("POST", "/hooks/shared", body, "Content-Type", "application/json");
        assertThat(bare.status()).isEqualTo(404);
        assertThat(bare.header("X-Reason")).contains("UNKNOWN_ENDPOINT");
        AdminClient.Reply other = http.sendWithHeaders("POST", "/hooks/shared?integrationId=int-8", body, "Content-Type", "application/json");
        assertThat(other.status()).isEqualTo(404);

        AdminClient.Reply named = http.sendWithHeaders("POST", "/hooks/shared?integrationId=int-7", body, "Content-Type", "application/json");
        assertThat(named.status()).isEqualTo(200);
        JsonNode event = http.get("/admin/events/" + named.header("X-Event-Id").orElseThrow(), ALL).json();
        assertThat(event.path("endpoint").asText()).isEqualTo("ops-7");
    }

    @Test
    void anEventsActionOutcomesShowInItsDetail() {
        createEndpoint(ALL, "{\"name\":\"acted\",\"scheme\":\"none\"}");
        AdminClient.Reply posted = http.sendWithHeaders("POST", "/webhooks/acted", "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
        assertThat(posted.status()).isEqualTo(200);
        AdminClient.Reply r = http.get("/admin/events/" + posted.header("X-Event-Id").orElseThrow(), ALL);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode actions = r.json().path("actions");
        assertThat(actions.size()).as(r.body()).isEqualTo(2);
        assertThat(actions.get(0).path("name").asText()).isEqualTo("notify");
        assertThat(actions.get(0).path("status").asText()).isEqualTo("ok");
        assertThat(actions.get(0).path("detail").asText()).isEqualTo("sent to slack");
        assertThat(actions.get(0).path("durationMs").asLong()).isEqualTo(12);
        assertThat(actions.get(1).path("status").asText()).isEqualTo("failed");
        assertThat(actions.get(1).path("durationMs").asLong()).isEqualTo(340);

        createEndpoint(ALL, "{\"name\":\"quiet\",\"scheme\":\"none\"}");
        String quiet = http.sendWithHeaders("POST", "/webhooks/quiet", "{}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json").header("X-Event-Id").orElseThrow();
        JsonNode none = http.get("/admin/events/" + quiet, ALL).json().path("actions");
        assertThat(none.isArray()).isTrue();
        assertThat(none.size()).isZero();
    }

    @Test
    void theUrlTokenIsWriteOnlyAndKeptByAReplace() {
        String token = "tok_0123456789abcdefghijKLMN";
        AdminClient.Reply created = createEndpoint(ALL, "{\"name\":\"gen\",\"scheme\":\"none\",\"urlToken\":\"" + token + "\"}");
        assertThat(created.body()).doesNotContain(token).contains("\"urlTokenSet\":true");
        assertThat(http.get("/admin/endpoints/gen", ALL).body()).doesNotContain(token);
        assertThat(http.get("/admin/endpoints", ALL).body()).doesNotContain(token);
        AdminClient.Reply replaced = http.put("/admin/endpoints/gen", ALL, "{\"scheme\":\"none\",\"instructions\":\"x\"}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(registry.get("gen").orElseThrow().acceptsUrlToken(token)).isTrue();
        AdminClient.Reply bad = http.post("/admin/endpoints", ALL, "{\"name\":\"gen2\",\"scheme\":\"none\",\"urlToken\":\"too-short\"}");
        assertError(bad, 422, "invalid_field");
        assertThat(bad.body()).contains("urlToken").doesNotContain("too-short");
    }

    // ---- security review (h-adminfix): one test per finding ----

    @Test
    void aPathUsedByAnotherTenantsEndpointIs409PathTaken() {
        createEndpoint(ALL, endpoint("acme-hook", ",\"tenant\":\"acme\",\"path\":\"/hooks/acme\""));
        AdminClient.Reply theft = http.post("/admin/endpoints", GLOBEX,
                "{\"name\":\"thief\",\"tenant\":\"globex\",\"scheme\":\"none\",\"path\":\"/hooks/acme\"}");
        assertError(theft, 409, "path_taken");
        assertThat(theft.body()).doesNotContain("acme-hook");
        assertError(http.post("/admin/endpoints", ALL, "{\"name\":\"untenanted\",\"scheme\":\"none\",\"path\":\"/hooks/acme\"}"),
                409, "path_taken");
        createEndpoint(GLOBEX, "{\"name\":\"thief\",\"tenant\":\"globex\",\"scheme\":\"none\",\"path\":\"/hooks/globex\"}");
        assertError(http.put("/admin/endpoints/thief", GLOBEX, "{\"tenant\":\"globex\",\"scheme\":\"none\",\"path\":\"/hooks/acme\"}"),
                409, "path_taken");
        assertThat(registry.byPath("/hooks/acme")).extracting(Endpoint::name).containsExactly("acme-hook");
        // the same tenant may share its own path
        createEndpoint(ACME, endpoint("acme-second", ",\"tenant\":\"acme\",\"path\":\"/hooks/acme\""));
    }

    @Test
    void aNameDeletedAndTakenByAnotherTenantDoesNotHandOverItsHistory() {
        createEndpoint(ALL, endpoint("orders", ",\"tenant\":\"acme\""));
        String acmeEvent = postSigned("orders", SECRET, "{\"n\":1}").header("X-Event-Id").orElseThrow();
        assertThat(http.delete("/admin/endpoints/orders", ALL).status()).isEqualTo(204);
        createEndpoint(GLOBEX, endpoint("orders", ",\"tenant\":\"globex\""));

        assertError(http.get("/admin/events/" + acmeEvent, GLOBEX), 403, "forbidden");
        assertThat(ids(http.get("/admin/events", GLOBEX))).doesNotContain(acmeEvent);
        assertThat(ids(http.get("/admin/events?endpoint=orders", GLOBEX))).doesNotContain(acmeEvent);
        assertError(http.post("/admin/events/" + acmeEvent + "/replay", GLOBEX, null), 403, "forbidden");
        assertThat(http.get("/admin/events/" + acmeEvent, ACME).status()).isEqualTo(200);
        AdminClient.Reply replay = http.post("/admin/events/" + acmeEvent + "/replay", ACME, null);
        assertError(replay, 409, "replay_refused");
        assertThat(replay.errorMessage()).contains("ENDPOINT_GONE");
    }

    static Stream<Arguments> overLimits() {
        StringBuilder secrets = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            secrets.append(i == 0 ? "" : ",").append("\"secret-value-").append(i).append("\"");
        }
        StringBuilder allow = new StringBuilder();
        for (int i = 0; i < 257; i++) {
            allow.append(i == 0 ? "" : ",").append("\"10.0.").append(i / 250).append('.').append(i % 250).append("\"");
        }
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            attrs.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        return Stream.of(
                Arguments.of("{\"name\":\"a\",\"scheme\":\"hmac-sha256\",\"secrets\":[" + secrets + "]}", "secrets"),
                Arguments.of(endpoint("a", ",\"ipAllowlist\":[" + allow + "]"), "ipAllowlist"),
                Arguments.of(endpoint("a", ",\"attributes\":{" + attrs + "}"), "attributes"),
                Arguments.of(endpoint("a", ",\"attributes\":{\"" + "k".repeat(65) + "\":\"v\"}"), "attributes"),
                Arguments.of(endpoint("a", ",\"attributes\":{\"k\":\"" + "v".repeat(1025) + "\"}"), "attributes.k"),
                Arguments.of(endpoint("a", ",\"maxBodyBytes\":2147483647"), "maxBodyBytes"),
                Arguments.of(endpoint("a", ",\"path\":\"/" + "p".repeat(600) + "\""), "path"),
                Arguments.of(endpoint("a", ",\"template\":\"" + "t".repeat(9000) + "\""), "template"),
                Arguments.of(endpoint("a", ",\"instructions\":\"" + "i".repeat(5000) + "\""), "instructions"),
                Arguments.of(endpoint("a", ",\"rateLimit\":{\"permits\":1,\"periodSeconds\":100000000000}"), "rateLimit.periodSeconds"),
                Arguments.of(endpoint("a", ",\"dedupWindowSeconds\":9223372036854775807"), "dedupWindowSeconds"),
                Arguments.of(endpoint("n".repeat(200_000), ""), "name"));
    }

    @ParameterizedTest
    @MethodSource("overLimits")
    void valuesOverTheLimitsAre422NamingTheFieldAndNotEchoedInFull(String body, String field) {
        AdminClient.Reply r = http.post("/admin/endpoints", ALL, body);
        assertError(r, 422, "invalid_field");
        assertThat(r.errorMessage()).startsWith(field + ":");
        assertThat(r.body().length()).isLessThan(400);
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void rotationRefusesTheEleventhActiveSecret() {
        createEndpoint(ALL, endpoint("orders", ""));
        for (int i = 2; i <= 10; i++) {
            assertThat(http.post("/admin/endpoints/orders/secrets", ALL, "{\"secret\":\"rotated-secret-" + i + "\"}").status()).isEqualTo(200);
        }
        AdminClient.Reply eleventh = http.post("/admin/endpoints/orders/secrets", ALL, "{\"secret\":\"rotated-secret-11\"}");
        assertError(eleventh, 422, "invalid_field");
        assertThat(eleventh.errorMessage()).startsWith("secret:");
        assertThat(registry.get("orders").orElseThrow().secrets().size()).isEqualTo(10);
        // with no grace the old ones end now: a rotation is possible again
        assertThat(http.post("/admin/endpoints/orders/secrets", ALL, "{\"secret\":\"rotated-secret-12\",\"graceSeconds\":0}").status())
                .isEqualTo(200);
    }

    @Test
    void theHostsCeilingOnMaxBodyBytesIsTheLimit() {
        assertThat(http.post("/admin/endpoints", ALL, endpoint("a", ",\"maxBodyBytes\":" + AdminApi.DEFAULT_MAX_ENDPOINT_BODY_BYTES)).status())
                .isEqualTo(201);
        assertError(http.post("/admin/endpoints", ALL, endpoint("b", ",\"maxBodyBytes\":" + (AdminApi.DEFAULT_MAX_ENDPOINT_BODY_BYTES + 1))),
                422, "invalid_field");
    }

    @Test
    void withoutCredentialsEverythingIs401BeforeRoutingMediaTypeOrSize() {
        assertError(http.get("/admin/nothing-here", null), 401, "unauthenticated");
        assertError(http.send("DELETE", "/admin/endpoints", null, null, null), 401, "unauthenticated");
        assertError(http.send("POST", "/admin/endpoints", null, "text/plain", "x".getBytes(StandardCharsets.UTF_8)), 401, "unauthenticated");
        String huge = "x".repeat(AdminApi.DEFAULT_MAX_BODY_BYTES + 10);
        try {
            assertError(http.post("/admin/endpoints", null, huge), 401, "unauthenticated");
        } catch (java.io.UncheckedIOException e) {
            // The 401 comes before the body is read: the JDK HttpServer drops such a connection, and Jetty may close it
            // while the client is still sending. Refused all the same: nothing below is created.
            assertThat(e).hasCauseInstanceOf(java.io.IOException.class);
        }
        assertThat(registry.list()).isEmpty();
    }

    @Test
    void aStrangerAnnouncingABodyIsAnswered401WithoutTheServerWaitingForIt() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(http.base().getHost(), http.base().getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /admin/endpoints HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 401");
        }
    }

    @Test
    void a415NeverEchoesTheContentType() {
        AdminClient.Reply r = http.send("POST", "/admin/endpoints", ALL, "text/<script>alert(1)</script>",
                endpoint("a", "").getBytes(StandardCharsets.UTF_8));
        assertError(r, 415, "unsupported_media_type");
        assertThat(r.body()).doesNotContain("script");
    }

    @Test
    void replaysOfReplaysNameTheOriginalAndTheBudgetIs429WithRetryAfter() {
        createEndpoint(ALL, endpoint("orders", ""));
        String original = postSigned("orders", SECRET, "{\"n\":1}").header("X-Event-Id").orElseThrow();
        String replay = http.post("/admin/events/" + original + "/replay", ALL, null).json().path("id").asText();
        AdminClient.Reply again = http.post("/admin/events/" + replay + "/replay", ALL, null);
        assertThat(again.json().path("replayOf").asText()).isEqualTo(original);
        for (int i = 2; i < AdminApi.DEFAULT_REPLAY_BUDGET.permits(); i++) {
            assertThat(http.post("/admin/events/" + original + "/replay", ALL, null).status()).isEqualTo(200);
        }
        AdminClient.Reply over = http.post("/admin/events/" + original + "/replay", ALL, null);
        assertError(over, 429, "replay_budget_exhausted");
        assertThat(Long.parseLong(over.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
        clock.advance(Duration.ofMinutes(1));
        assertThat(http.post("/admin/events/" + original + "/replay", ALL, null).status()).isEqualTo(200);
    }

    @Test
    void replayIsRefusedAfterTheKeyThatVerifiedItWasRotatedAwayOrForAnUnsignedEventOnceSigned() {
        createEndpoint(ALL, endpoint("orders", ""));
        String signed = postSigned("orders", SECRET, "{\"n\":1}").header("X-Event-Id").orElseThrow();
        http.post("/admin/endpoints/orders/secrets", ALL, "{\"secret\":\"after-the-leak-secret\",\"graceSeconds\":0}");
        AdminClient.Reply retired = http.post("/admin/events/" + signed + "/replay", ALL, null);
        assertError(retired, 409, "replay_refused");
        assertThat(retired.errorMessage()).contains("KEY_RETIRED");

        createEndpoint(ALL, "{\"name\":\"open\",\"scheme\":\"none\"}");
        String forged = http.sendWithHeaders("POST", "/webhooks/open", "{\"n\":2}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json").header("X-Event-Id").orElseThrow();
        assertThat(http.put("/admin/endpoints/open", ALL, endpoint("open", "")).status()).isEqualTo(200);
        AdminClient.Reply unsigned = http.post("/admin/events/" + forged + "/replay", ALL, null);
        assertError(unsigned, 409, "replay_refused");
        assertThat(unsigned.errorMessage()).contains("ACCEPTED_UNSIGNED");
    }

    @Test
    void aTenantsCursorNeverNamesAnotherTenantsEvent() {
        createEndpoint(ALL, endpoint("acme-orders", ",\"tenant\":\"acme\""));
        createEndpoint(ALL, endpoint("globex-orders", ",\"tenant\":\"globex\""));
        String mine = postSigned("acme-orders", SECRET, "{\"n\":1}").header("X-Event-Id").orElseThrow();
        clock.advance(Duration.ofSeconds(1));
        String older = postSigned("acme-orders", SECRET, "{\"n\":0}").header("X-Event-Id").orElseThrow();
        clock.advance(Duration.ofSeconds(1));
        String theirs = postSigned("globex-orders", SECRET, "{\"n\":2}").header("X-Event-Id").orElseThrow();

        AdminClient.Reply first = http.get("/admin/events?limit=1", ACME);
        assertThat(ids(first)).containsExactly(older);
        String next = first.json().path("next").asText();
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8)).doesNotContain(theirs);
        AdminClient.Reply second = http.get("/admin/events?limit=1&cursor=" + next, ACME);
        assertThat(ids(second)).containsExactly(mine);
        assertThat(second.json().path("next").isNull()).isTrue();
    }

    @Test
    void aFormShapedOrCrossSiteRequestIsRefused() {
        createEndpoint(ALL, endpoint("orders", ""));
        String id = postSigned("orders", SECRET, "{\"n\":1}").header("X-Event-Id").orElseThrow();
        int before = eventLog.recent(100).size();
        assertError(http.send("POST", "/admin/events/" + id + "/replay", ALL, "application/x-www-form-urlencoded", new byte[0]),
                415, "unsupported_media_type");
        assertError(http.send("POST", "/admin/events/" + id + "/replay", ALL, "text/plain", new byte[0]), 415, "unsupported_media_type");
        assertError(http.send("POST", "/admin/events/" + id + "/replay", ALL, null, "{}".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media_type");
        assertError(http.sendWithHeaders("POST", "/admin/events/" + id + "/replay", null, "Authorization", "Bearer " + ALL,
                "Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"), 403, "forbidden");
        assertThat(eventLog.recent(100)).hasSize(before);
        assertThat(http.sendWithHeaders("GET", "/admin/endpoints", null, "Authorization", "Bearer " + ALL,
                "Sec-Fetch-Site", "same-origin").status()).isEqualTo(200);
    }

    @Test
    void aBareDeleteOrPostWithoutBodyOrTypeIsTaken() {
        // What `curl -X DELETE` sends: no Content-Type, no body. Nothing a form could forge.
        createEndpoint(ALL, endpoint("orders", ""));
        String id = postSigned("orders", SECRET, "{\"n\":1}").header("X-Event-Id").orElseThrow();
        assertThat(http.send("POST", "/admin/events/" + id + "/replay", ALL, null, null).status()).isEqualTo(200);
        assertThat(http.send("DELETE", "/admin/endpoints/orders", ALL, null, null).status()).isEqualTo(204);
        assertThat(registry.get("orders")).isEmpty();
    }

    @Test
    void aPutWithoutTenantKeepsTheEndpointsTenant() {
        createEndpoint(ALL, endpoint("orders", ",\"tenant\":\"acme\""));
        assertThat(http.put("/admin/endpoints/orders", ALL, "{\"scheme\":\"hmac-sha256\",\"instructions\":\"x\"}").status()).isEqualTo(200);
        assertThat(registry.get("orders").orElseThrow().tenant()).contains("acme");
        assertThat(http.put("/admin/endpoints/orders", ALL, "{\"scheme\":\"hmac-sha256\",\"tenant\":null}").status()).isEqualTo(200);
        assertThat(registry.get("orders").orElseThrow().tenant()).isEmpty();
    }

    @Test
    void endpointsArePagedWithACursorOfTheLastVisibleOne() {
        for (String n : List.of("a1", "b1", "c1", "d1", "e1")) {
            createEndpoint(ALL, endpoint(n, n.equals("b1") || n.equals("d1") ? ",\"tenant\":\"globex\"" : ",\"tenant\":\"acme\""));
        }
        AdminClient.Reply first = http.get("/admin/endpoints?limit=2", ACME);
        assertThat(names(first)).containsExactly("a1", "c1");
        String next = first.json().path("next").asText();
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8)).doesNotContain("b1").doesNotContain("d1");
        AdminClient.Reply second = http.get("/admin/endpoints?limit=2&cursor=" + next, ACME);
        assertThat(names(second)).containsExactly("e1");
        assertThat(second.json().path("next").isNull()).isTrue();
        assertError(http.get("/admin/endpoints?cursor=bogus", ACME), 400, "invalid_parameter");
    }

    static List<String> ids(AdminClient.Reply list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        list.json().path("items").forEach(i -> out.add(i.path("id").asText()));
        return out;
    }

    static String header(JsonNode event, String name) {
        for (java.util.Iterator<String> it = event.path("headers").fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (n.equalsIgnoreCase(name)) {
                return event.path("headers").path(n).toString();
            }
        }
        return "absent";
    }

    static List<String> names(AdminClient.Reply list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        list.json().path("items").forEach(i -> out.add(i.path("name").asText()));
        return out;
    }
}
