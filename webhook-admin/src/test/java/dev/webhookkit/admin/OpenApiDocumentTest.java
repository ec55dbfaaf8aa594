package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.admin.internal.OpenApiRoutes;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/openapi.json} over real HTTP (Jetty): a valid OpenAPI 3.1 document (swagger-parser
 * and a structural check of our own), complete both ways against the router, and documenting every
 * status the API actually answers to a battery of probes on every route.
 */
class OpenApiDocumentTest extends AdminTestSupport {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private WebhookDispatcher dispatcher;

    @Override
    protected AdminServer newServer() {
        return new JettyAdminServer();
    }

    @Override
    protected AdminApi.Builder configure(AdminApi.Builder builder) {
        dispatcher = WebhookDispatcher.builder().clock(clock).store(DeliveryStore.inMemory(100, clock))
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build()).workers(1).pollInterval(Duration.ofMillis(50)).build();
        return builder.dispatcher(dispatcher).allowPrivateTargets(true);
    }

    @AfterEach
    void stopDispatcher() {
        dispatcher.close(Duration.ofSeconds(2));
    }

    private JsonNode served() {
        AdminClient.Reply r = http.get("/admin/openapi.json", ALL);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        return r.json();
    }

    @Test
    void theDocumentNeedsCredentialsLikeEveryRoute() {
        assertError(http.get("/admin/openapi.json", null), 401, "unauthenticated");
        assertError(http.get("/admin/openapi.json?x=1", ALL), 400, "invalid_parameter");
    }

    @Test
    void swaggerParserReadsItAsAValidOpenApi31DocumentWithBearerSecurity() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served().toString(), null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api).isNotNull();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get("bearer");
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        assertThat(api.getSecurity()).hasSize(1);
        assertThat(api.getSecurity().get(0)).containsKey("bearer");
        assertThat(api.getPaths()).hasSize(served().path("paths").size());
    }

    @Test
    void everyRouteIsDocumentedWithItsMethodAndEveryDocumentedOperationIsARoute() {
        Set<String> routes = new TreeSet<>();
        api.routes().forEach(r -> routes.add(r.method() + " /admin" + r.path()));
        Set<String> documented = new TreeSet<>();
        served().path("paths").properties().forEach(p -> p.getValue().properties().forEach(m -> {
            if (METHODS.contains(m.getKey())) {
                documented.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        assertThat(documented).isEqualTo(routes);
        assertThat(routes).contains("GET /admin/subscriptions", "POST /admin/messages/redeliver", "POST /admin/events/{id}/replay",
                "POST /admin/endpoints/{name}/secrets", "GET /admin/health", "GET /admin/openapi.json");
    }

    @Test
    void thePathsFollowTheMountPoint() {
        assertThat(OpenApiRoutes.underMount("/ops").path("paths").has("/ops/subscriptions")).isTrue();
        assertThat(OpenApiRoutes.underMount("").path("paths").has("/subscriptions")).isTrue();
        assertThat(served().path("paths").has("/admin/subscriptions")).isTrue();
    }

    @Test
    void everyReferenceResolvesEveryOperationIsCompleteAndEverySchemaIsUsed() {
        JsonNode doc = served();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            JsonNode target = doc.at(ref.substring(1));
            assertThat(target.isMissingNode()).as("reference " + ref).isFalse();
        }
        Set<String> operationIds = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            Set<String> inPath = new TreeSet<>();
            Matcher m = PATH_PARAM.matcher(path.getKey());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String where = op.getKey() + " " + path.getKey();
                assertThat(operationIds.add(op.getValue().path("operationId").asText())).as("unique operationId at " + where).isTrue();
                Set<String> declared = new TreeSet<>();
                op.getValue().path("parameters").forEach(p -> {
                    if (p.path("in").asText().equals("path")) {
                        assertThat(p.path("required").asBoolean()).as(where).isTrue();
                        declared.add(p.path("name").asText());
                    }
                });
                assertThat(declared).as("path parameters of " + where).isEqualTo(inPath);
                JsonNode responses = op.getValue().path("responses");
                assertThat(responses.has("401")).as(where + " documents 401").isTrue();
                assertThat(responses.has("500")).as(where + " documents 500").isTrue();
                responses.properties().forEach(r -> {
                    assertThat(r.getKey()).matches("[1-5][0-9][0-9]");
                    JsonNode resolved = r.getValue().has("$ref") ? doc.at(r.getValue().path("$ref").asText().substring(1)) : r.getValue();
                    assertThat(resolved.path("description").asText()).as(where + " " + r.getKey()).isNotBlank();
                    if (!r.getKey().equals("204")) {
                        assertThat(resolved.path("content").has("application/json")).as(where + " " + r.getKey() + " has a JSON body").isTrue();
                    }
                });
                boolean error = responses.properties().stream().anyMatch(r -> r.getKey().startsWith("4"));
                assertThat(error).as(where).isTrue();
            }
        }
        for (Map.Entry<String, JsonNode> schema : doc.path("components").path("schemas").properties()) {
            assertThat(refs).as("schema " + schema.getKey() + " is used").contains("#/components/schemas/" + schema.getKey());
        }
        assertThat(doc.path("components").path("schemas").path("Error").path("required").toString()).isEqualTo("[\"error\"]");
        List<String> badTypes = new ArrayList<>();
        doc.path("components").path("schemas").forEach(schema -> checkTypes(schema, badTypes));
        checkSchemaFields(doc.path("paths"), badTypes);
        assertThat(badTypes).as("JSON Schema types").isEmpty();
    }

    private static final Set<String> JSON_TYPES = Set.of("object", "array", "string", "integer", "number", "boolean", "null");

    /** Every {@code "schema"} value under the paths (parameters, bodies, responses) has valid types. */
    private static void checkSchemaFields(JsonNode node, List<String> bad) {
        node.properties().forEach(e -> {
            if (e.getKey().equals("schema")) {
                checkTypes(e.getValue(), bad);
            } else if (e.getValue().isContainerNode()) {
                checkSchemaFields(e.getValue(), bad);
            }
        });
        if (node.isArray()) {
            node.forEach(n -> checkSchemaFields(n, bad));
        }
    }

    /** swagger-parser does not check 3.1 schema types, so this does: a string or a list of the seven JSON types. */
    private static void checkTypes(JsonNode schema, List<String> bad) {
        JsonNode type = schema.get("type");
        if (type != null) {
            List<JsonNode> types = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(types::add);
            } else {
                types.add(type);
            }
            types.stream().filter(t -> !t.isTextual() || !JSON_TYPES.contains(t.asText())).forEach(t -> bad.add(schema.toString()));
        }
        for (String key : List.of("items", "additionalProperties")) {
            if (schema.path(key).isObject()) {
                checkTypes(schema.get(key), bad);
            }
        }
        for (String key : List.of("oneOf", "anyOf", "allOf")) {
            schema.path(key).forEach(s -> checkTypes(s, bad));
        }
        schema.path("properties").forEach(s -> checkTypes(s, bad));
    }

    @Test
    void theResourceSchemasNameTheContractFieldsAndKeepSecretsWriteOnly() {
        JsonNode schemas = served().path("components").path("schemas");
        assertThat(fieldNames(schemas.path("Subscription"))).contains("id", "name", "url", "scheme", "eventTypes", "enabled", "tenant")
                .doesNotContain("secret", "headers");
        assertThat(schemas.path("SubscriptionInput").path("properties").path("secret").path("writeOnly").asBoolean()).isTrue();
        assertThat(fieldNames(schemas.path("Endpoint"))).contains("name", "path", "scheme", "secrets", "provider", "enabled", "ipAllowlist",
                "rateLimit", "mode", "template", "instructions", "attributes");
        assertThat(fieldNames(schemas.path("Event"))).contains("id", "endpoint", "receivedAt", "reason", "status", "eventType", "alerts");
        assertThat(fieldNames(schemas.path("Attempt"))).contains("attempt", "status", "outcome", "latencyMs", "at", "error");
        assertThat(fieldNames(schemas.path("PublishResult"))).containsExactly("ids");
        assertThat(schemas.path("Message").path("properties").path("status").path("enum").toString())
                .isEqualTo("[\"pending\",\"failed\",\"delivered\",\"dead\"]");
    }

    @Test
    void theIssue13FieldsAreDocumentedAndTheUrlTokenIsWriteOnly() {
        JsonNode schemas = served().path("components").path("schemas");
        assertThat(fieldNames(schemas.path("Endpoint"))).contains("formJsonField", "integrationId", "responseModeField", "urlTokenSet")
                .doesNotContain("urlToken");
        for (String input : List.of("EndpointInput", "EndpointReplacement")) {
            assertThat(fieldNames(schemas.path(input))).as(input).contains("formJsonField", "integrationId", "responseModeField", "urlToken")
                    .doesNotContain("urlTokenSet");
            assertThat(schemas.path(input).path("properties").path("urlToken").path("writeOnly").asBoolean()).as(input).isTrue();
        }
        for (String sub : List.of("Subscription", "SubscriptionInput", "SubscriptionReplacement", "SubscriptionPatch")) {
            assertThat(fieldNames(schemas.path(sub))).as(sub).contains("unsigned", "userAgent", "ordered");
        }
        assertThat(fieldNames(schemas.path("Endpoint"))).contains("actions");
        assertThat(schemas.path("Endpoint").path("properties").path("actions").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/ActionView");
        assertThat(fieldNames(schemas.path("ActionView"))).contains("secretSet", "target", "headerNames").doesNotContain("secret", "url", "headers");
        for (String input : List.of("EndpointInput", "EndpointReplacement")) {
            assertThat(schemas.path(input).path("properties").path("actions").path("maxItems").asInt()).as(input).isEqualTo(64);
        }
        for (String secret : List.of("secret", "url", "headers")) {
            assertThat(schemas.path("Action").path("properties").path(secret).path("writeOnly").asBoolean()).as(secret).isTrue();
        }
        assertThat(fieldNames(schemas.path("Action"))).contains("type", "urls", "scheme", "copyHeaders", "maxHops", "format", "template",
                "mode", "rules", "default", "task");
        JsonNode action = schemas.path("EventDetail").path("properties").path("actions").path("items");
        assertThat(fieldNames(action)).containsExactly("detail", "durationMs", "name", "status");
        assertThat(action.path("properties").path("status").path("enum").toString()).isEqualTo("[\"ok\",\"failed\",\"skipped\"]");
    }

    /**
     * Probes every route with no token, a tenant's token on another tenant's entries, the
     * all-tenants token on real and missing entries, a malformed body and a non-JSON body, and
     * checks each answer's status is one the document lists for that operation.
     */
    @Test
    void everyStatusTheApiAnswersIsDocumentedForItsRoute() {
        createEndpoint(ALL, "{\"name\":\"globex-in\",\"tenant\":\"globex\",\"scheme\":\"hmac-sha256\",\"secrets\":[\"in-secret\"]}");
        assertThat(http.post("/admin/subscriptions", ALL, "{\"id\":\"globex-out\",\"tenant\":\"globex\",\"url\":\"http://127.0.0.1:9/\",\"secret\":\"s\"}")
                .status()).isEqualTo(201);
        String message = http.post("/admin/messages", ALL, "{\"eventType\":\"a.b\",\"data\":{}}").json().path("ids").get(0).asText();
        postSigned("globex-in", "in-secret", "{\"n\":1}");
        String event = http.get("/admin/events", ALL).json().path("items").get(0).path("id").asText();

        JsonNode doc = served();
        List<String> undocumented = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (AdminApi.Route route : api.routes()) {
            JsonNode responses = doc.path("paths").path("/admin" + route.path()).path(route.method().toLowerCase(Locale.ROOT)).path("responses");
            String real = route.path().replace("{name}", "globex-in")
                    .replace("{id}", route.path().startsWith("/events") ? event : route.path().startsWith("/messages") ? message : "globex-out");
            String missing = route.path().replace("{name}", "missing").replace("{id}", "missing");
            List<AdminClient.Reply> replies = new ArrayList<>();
            replies.add(http.send(route.method(), "/admin" + real, null, null, null));
            replies.add(http.send(route.method(), "/admin" + real, ACME, "application/json", bytes("{}")));
            replies.add(http.send(route.method(), "/admin" + missing, ALL, "application/json", bytes("{}")));
            replies.add(http.send(route.method(), "/admin" + real, ALL, "application/json", bytes("{")));
            replies.add(http.send(route.method(), "/admin" + real, ALL, "text/plain", bytes("hello")));
            replies.add(http.send(route.method(), "/admin" + real + "?unknown=1", ALL, null, null));
            for (AdminClient.Reply r : replies) {
                String status = String.valueOf(r.status());
                seen.add(status);
                if (!responses.has(status)) {
                    undocumented.add(route.method() + " " + route.path() + " answered " + status + ": " + r.body());
                }
            }
        }
        assertThat(undocumented).isEmpty();
        assertThat(seen).contains("400", "401", "403", "404", "415");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> fieldNames(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, out));
        }
    }
}
