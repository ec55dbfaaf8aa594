package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.actions.ActionDefinitions;
import dev.webhookkit.actions.ConfiguredActions;
import dev.webhookkit.admin.spi.AdminAuthorizer;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.spi.EventFilter;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint codec's {@code actions}: stored with their secrets, shown without, refused with the field named, bounded. */
class EndpointJsonActionsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET = "forward-secret-0123456789";
    private static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/slack-url-secret";

    private final WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(SubscriptionRegistry.inMemory()).build();
    private final EndpointJson codec = EndpointJson.builder().actions(ActionDefinitions.builder().dispatcher(dispatcher).build()).build();

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private static ObjectNode endpoint(String actions) throws Exception {
        return (ObjectNode) MAPPER.readTree(("{'name':'ops','scheme':'none','actions':" + actions + "}").replace('\'', '"'));
    }

    private static final String ACTIONS = """
            [{'type':'forward','urls':['https://ops.example.com/h'],'secret':'%s','copyHeaders':['X-GitHub-Event'],'maxHops':3},
             {'type':'route','mode':'all','rules':[{'when':{'eventType':'incident.*','severity':'critical'},
               'then':[{'type':'notify','format':'slack','url':'%s','template':'{{alert.title}}'}]}]}]
            """.formatted(SECRET, SLACK_URL);

    @Test
    void theStoredFormKeepsTheActionsWithTheirSecretsAndDecodesToTheSamePlan() throws Exception {
        Endpoint e = codec.fromJson(endpoint(ACTIONS));
        assertThat(e.handler()).isInstanceOf(ConfiguredActions.class);

        String stored = codec.encode(e);
        assertThat(stored).contains(SECRET, SLACK_URL);
        Endpoint back = codec.decode(stored);
        assertThat(EndpointJson.actionsOf(back)).isEqualTo(EndpointJson.actionsOf(e));
        assertThat(codec.encode(back)).isEqualTo(stored);
    }

    @Test
    void theViewShowsTheActionsWithoutSecretsOrChatUrls() throws Exception {
        Endpoint e = codec.fromJson(endpoint(ACTIONS));
        ObjectNode view = codec.toView(e, Instant.now());
        assertThat(view.toString()).doesNotContain(SECRET, "slack-url-secret", "/services/");
        JsonNode actions = view.get("actions");
        assertThat(actions.get(0).get("secretSet").asBoolean()).isTrue();
        assertThat(actions.get(0).get("urls").get(0).asText()).isEqualTo("https://ops.example.com/h");
        assertThat(actions.get(1).get("rules").get(0).get("then").get(0).get("target").asText()).isEqualTo("https://hooks.slack.com/\u2026");
    }

    @Test
    void anEndpointWithoutActionsShowsAnEmptyList() throws Exception {
        Endpoint e = codec.fromJson(endpoint("[]"));
        assertThat(codec.toView(e, Instant.now()).get("actions").isEmpty()).isTrue();
        assertThat(codec.toStored(e).get("actions").isEmpty()).isTrue();
    }

    @Test
    void aBadActionFieldIsNamedUnderActions() {
        assertThatThrownBy(() -> codec.fromJson(endpoint("[{'type':'forward','urls':['gopher://x'],'secret':'x'}]")))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> assertThat(ex.field()).isEqualTo("actions[0].urls[0]"));
        assertThatThrownBy(() -> codec.fromJson(endpoint("{'type':'run'}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> assertThat(ex.field()).isEqualTo("actions"));
    }

    @Test
    void aCodecWithoutActionDefinitionsRefusesActions() {
        assertThatThrownBy(() -> EndpointJson.defaults().fromJson(endpoint("[{'task':'x'}]")))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> {
                    assertThat(ex.field()).isEqualTo("actions");
                    assertThat(ex.getMessage()).contains("runs no configured actions");
                });
    }

    @Test
    void tenThousandRulesAreA422NamingTheRules() throws Exception {
        ObjectNode body = endpoint("[]");
        ObjectNode route = ((ArrayNode) body.get("actions")).addObject().put("type", "route");
        ArrayNode rules = route.putArray("rules");
        for (int i = 0; i < 10_000; i++) {
            rules.addObject().putArray("then").addObject().put("type", "run").put("task", "t");
        }
        AdminApi api = AdminApi.builder().endpoints(EndpointRegistry.inMemory()).authorizer(AdminAuthorizer.allowAll())
                .endpointJson(codec).build();

        AdminResponse r = api.handle(new AdminRequest("POST", "", "/endpoints", "", Headers.of("Content-Type", "application/json"),
                MAPPER.writeValueAsBytes(body)));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.bodyAsString()).contains("actions[0].rules").contains("at most 64 rules");
    }

    @Test
    void theApiRefusesActionUrlsItsSsrfGuardRefusesAndKeepsActionsOnReplace() throws Exception {
        EndpointRegistry endpoints = EndpointRegistry.inMemory();
        AdminApi api = AdminApi.builder().endpoints(endpoints).authorizer(AdminAuthorizer.allowAll()).endpointJson(codec)
                // Public names resolve to a public (documentation) address without DNS; loopback stays refused.
                .urlGuard(SsrfGuard.builder().resolver(host -> java.util.List.of(java.net.InetAddress.getByName(
                        host.equals("127.0.0.1") ? host : "8.8.8.8"))).build()).build();
        AdminResponse refused = post(api, "POST", "/endpoints",
                endpoint("[{'type':'notify','format':'json','url':'http://127.0.0.1:9/x'}]"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.bodyAsString()).contains("actions[0].url").contains("loopback");

        assertThat(post(api, "POST", "/endpoints", endpoint(ACTIONS)).status()).isEqualTo(201);
        ObjectNode replacement = endpoint("[]");
        replacement.remove("actions");
        replacement.put("enabled", false);
        AdminResponse replaced = post(api, "PUT", "/endpoints/ops", replacement);
        assertThat(replaced.status()).isEqualTo(200);
        Endpoint now = endpoints.get("ops").orElseThrow();
        assertThat(now.enabled()).isFalse();
        assertThat(codec.encode(now)).as("actions kept, secrets included, when the body leaves them out").contains(SECRET, SLACK_URL);

        ObjectNode cleared = endpoint("[]");
        assertThat(post(api, "PUT", "/endpoints/ops", cleared).status()).isEqualTo(200);
        assertThat(EndpointJson.actionsOf(endpoints.get("ops").orElseThrow())).isEmpty();
    }

    @Test
    void subscriptionIdsOfActionTargetsAreReservedInTheApi() throws Exception {
        AdminApi api = AdminApi.builder().endpoints(EndpointRegistry.inMemory()).authorizer(AdminAuthorizer.allowAll())
                .dispatcher(dispatcher).build();
        for (String id : new String[] {"act.ops.1", "act:0123abcd.1"}) {
            ObjectNode sub = (ObjectNode) MAPPER.readTree("{\"id\":\"" + id + "\",\"url\":\"https://evil.example/h\",\"secret\":\"s\"}");
            AdminResponse r = post(api, "POST", "/subscriptions", sub);
            assertThat(r.status()).as(id).isEqualTo(422);
            assertThat(r.bodyAsString()).contains("reserved");
        }
    }

    @Test
    void noFilterIsRecognisedByEqualityAndAFilterInCodeIsRefused() {
        Endpoint plain = Endpoint.builder("plain").allowUnsigned().filter(EventFilter.all()).build();
        assertThat(codec.encode(plain)).contains("\"name\":\"plain\"");
        Endpoint filtered = Endpoint.builder("filtered").allowUnsigned().filter(event -> true).build();
        assertThatThrownBy(() -> codec.encode(filtered)).isInstanceOf(ConfigurationException.class).hasMessageContaining("filter");
        assertThat(EventFilter.all()).isSameAs(EventFilter.all()).hasToString("all");
    }

    @Test
    void actionTargetsCannotBeReplacedPatchedOrDeletedThroughTheApi() throws Exception {
        AdminApi api = AdminApi.builder().endpoints(EndpointRegistry.inMemory()).authorizer(AdminAuthorizer.allowAll())
                .dispatcher(dispatcher).build();
        dispatcher.subscriptions().put(dev.webhookkit.outbound.Subscription.builder("act.ops.1", "https://ops.example/h")
                .secret("s-1234567890").build());
        ObjectNode evil = (ObjectNode) MAPPER.readTree("{\"url\":\"https://evil.example/h\"}");

        for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
            AdminResponse r = post(api, method, "/subscriptions/act.ops.1", evil);
            assertThat(r.status()).as(method).isEqualTo(409);
            assertThat(r.bodyAsString()).contains("managed_by_actions");
        }
        assertThat(dispatcher.subscriptions().get("act.ops.1")).hasValueSatisfying(s -> assertThat(s.url()).hasToString("https://ops.example/h"));
    }

    private static AdminResponse post(AdminApi api, String method, String path, JsonNode body) throws Exception {
        return api.handle(new AdminRequest(method, "", path, "", Headers.of("Content-Type", "application/json"),
                MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)));
    }
}
