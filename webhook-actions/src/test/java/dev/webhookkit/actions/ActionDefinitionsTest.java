package dev.webhookkit.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import dev.webhookkit.verify.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Actions as JSON: read with caps, stored and shown without secrets, and run over real sockets. */
class ActionDefinitionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "forward-secret-0123456789";

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ActionDefinitions definitions() {
        WebhookDispatcher none = null;
        return ActionDefinitions.builder().dispatcher(() -> none)
                .tasks(TaskRegistry.builder().task("page", e -> HandlerResponse.json("{\"paged\":true}")).build()).build();
    }

    private static ActionDefinitionException refused(String actions) {
        try {
            definitions().read(json(actions), "in", null);
        } catch (ActionDefinitionException e) {
            return e;
        }
        throw new AssertionError("accepted: " + actions);
    }

    @Test
    void forwardNotifyRouteAndRunRunOverRealSocketsAndEachRecordsItsOutcome() throws Exception {
        CapturingServer target = new CapturingServer();
        closeables.add(target);
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(SubscriptionRegistry.inMemory())
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build()).pollInterval(Duration.ofMillis(10)).workers(2).build();
        closeables.add(dispatcher);
        AtomicInteger ticketRuns = new AtomicInteger();
        ActionDefinitions definitions = ActionDefinitions.builder().dispatcher(dispatcher)
                .tasks(TaskRegistry.builder().task("ticket", e -> {
                    ticketRuns.incrementAndGet();
                    return HandlerResponse.empty();
                }).build()).build();
        ActionPlan plan = definitions.read(json("""
                [{'type':'forward','name':'to-ops','urls':['%s'],'secret':'%s','copyHeaders':['X-Source'],'maxHops':3},
                 {'type':'route','mode':'first',
                  'rules':[{'name':'incidents','when':{'eventType':'incident.*'},
                            'then':[{'type':'notify','format':'slack','url':'%s','template':'incident {{webhook.eventType}}'}]}],
                  'default':[{'task':'ticket'}]}]
                """.formatted(target.url("/forward"), SECRET, target.url("/slack"))), "in", null);
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint(Endpoint.builder("in").allowUnsigned().handler(definitions.handler(plan, EventHandler.noop())).build()).build();
        closeables.add(receiver);
        byte[] body = "{ \"type\" : \"incident.opened\",\"id\":7 }".getBytes(StandardCharsets.UTF_8);

        ReceiveResult result = receiver.receive("in", WebhookRequest.builder().body(body)
                .headers(Headers.of("Content-Type", "application/json", "X-Source", "pager")).build());

        assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
        Poll.until("the forward and the notification to arrive", () -> target.received().size() == 2);
        CapturingServer.Got forwarded = target.received().stream().filter(g -> g.path().equals("/forward")).findFirst().orElseThrow();
        assertThat(forwarded.body()).isEqualTo(body);
        assertThat(forwarded.headers().first("X-Source")).contains("pager");
        assertThat(forwarded.headers().first(ForwardHops.HEADER)).contains("1");
        assertThat(WebhookVerifier.verify("hmac-sha256", SecretSet.ofValues(SECRET),
                WebhookRequest.builder().body(forwarded.body()).headers(forwarded.headers()).build()).isValid()).isTrue();
        CapturingServer.Got slack = target.received().stream().filter(g -> g.path().equals("/slack")).findFirst().orElseThrow();
        JsonNode message = JSON.readTree(slack.body());
        assertThat(message.get("blocks").toString()).as("the action's own template").contains("incident incident.opened");
        assertThat(message.get("blocks").isArray()).isTrue();
        assertThat(ticketRuns).as("the first rule matched: the default did not run").hasValue(0);

        EventRecord record = receiver.eventLog().find(result.eventId()).orElseThrow();
        assertThat(record.actions()).extracting(ActionOutcome::name).containsExactly("to-ops", "route-2", "notify-3");
        assertThat(record.actions()).allSatisfy(o -> assertThat(o.status()).isEqualTo(ActionOutcome.Status.OK));
        assertThat(dispatcher.subscriptions().get("act.in.1")).isPresent();
        assertThat(dispatcher.subscriptions().get("act.in.2").orElseThrow().unsigned()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "slack    | ''                            | /blocks/0/type                         | header",
        "teams    | ''                            | /attachments/0/contentType             | application/vnd.microsoft.card.adaptive",
        "webex    | ,'roomId':'room-42'           | /roomId                                | room-42",
        "discord  | ''                            | /allowed_mentions/parse                | []",
        "telegram | ,'chatId':'-100123','parseMode':'HTML' | /parse_mode                   | HTML",
        "json     | ''                            | /eventType                             | deploy.done"})
    void everyNotifyFormatNamedInJsonArrivesInItsOwnShape(String format, String extra, String pointer, String expected) throws Exception {
        CapturingServer target = new CapturingServer();
        closeables.add(target);
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(SubscriptionRegistry.inMemory())
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build()).pollInterval(Duration.ofMillis(10)).workers(1).build();
        closeables.add(dispatcher);
        ActionDefinitions definitions = ActionDefinitions.builder().dispatcher(dispatcher).build();
        ActionPlan plan = definitions.read(json("[{'type':'notify','format':'" + format + "'" + extra + ",'url':'"
                + target.url("/chat") + "'}]"), "chat", null);
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint(Endpoint.builder("chat").allowUnsigned().handler(definitions.handler(plan, EventHandler.noop())).build()).build();
        closeables.add(receiver);

        receiver.receive("chat", WebhookRequest.builder().body("{\"type\":\"deploy.done\"}".getBytes(StandardCharsets.UTF_8)).build());

        Poll.until("the " + format + " message to arrive", () -> target.received().size() == 1);
        JsonNode body = JSON.readTree(target.received().get(0).body());
        JsonNode at = body.at(pointer);
        assertThat(at.isValueNode() ? at.asText() : at.toString()).as(body.toString()).isEqualTo(expected);
    }

    @Test
    void theStoredFormReadsBackToTheSamePlanAndTheViewHoldsNoSecret() {
        ActionDefinitions definitions = definitions();
        ActionPlan plan = definitions.read(json("""
                [{'type':'forward','urls':['https://ops.example.com/h'],'secret':'%s'},
                 {'type':'notify','format':'webex','roomId':'room-1','url':'https://webexapis.com/v1/messages',
                  'headers':{'Authorization':'Bearer webex-token-123'}},
                 {'type':'route','rules':[{'when':{'severity':['critical','error'],'labels':{'team':'db*'}},
                   'then':[{'type':'notify','format':'discord','url':'https://discord.com/api/webhooks/1/discord-secret'}]}]}]
                """.formatted(SECRET)), "in", "acme");

        ArrayNode stored = plan.toStored();
        assertThat(definitions.read(stored, "in", "acme")).isEqualTo(plan);
        assertThat(stored.toString()).contains(SECRET, "webex-token-123", "discord-secret");
        ArrayNode view = plan.toView();
        assertThat(view.toString()).doesNotContain(SECRET, "webex-token-123", "discord-secret", "/v1/messages");
        assertThat(view.get(0).get("secretSet").asBoolean()).isTrue();
        assertThat(view.get(1).get("target").asText()).isEqualTo("https://webexapis.com/\u2026");
        assertThat(view.get(1).get("headerNames")).extracting(JsonNode::asText).containsExactly("Authorization");
        assertThat(view.get(2).get("rules").get(0).get("then").get(0).get("target").asText()).isEqualTo("https://discord.com/\u2026");
        assertThat(plan.subscriptions()).allSatisfy(s -> assertThat(s.tenant()).contains("acme"));
        assertThat(plan.destinations()).extracting(ActionPlan.Destination::field)
                .containsExactly("[0].urls[0]", "[1].url", "[2].rules[0].then[0].url");
        assertThat(plan.toString()).doesNotContain(SECRET, "discord-secret");
    }

    @Test
    void tenThousandRulesAreRefusedBeforeOneIsRead() {
        ObjectNode route = JSON.createObjectNode().put("type", "route");
        ArrayNode rules = route.putArray("rules");
        for (int i = 0; i < 10_000; i++) {
            rules.addObject().putObject("when").put("jsonPath", "$.x == " + i);
        }
        ArrayNode actions = JSON.createArrayNode().add(route);

        long start = System.nanoTime();
        ActionDefinitionException e = refused(actions.toString());

        assertThat(e.field()).isEqualTo("[0].rules");
        assertThat(e.getMessage()).contains("at most " + ActionDefinitions.MAX_RULES + " rules");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no JSONPath was compiled").isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void rulesAreCappedAcrossRoutesNotOnlyWithinOne() {
        StringBuilder s = new StringBuilder("[");
        for (int r = 0; r < 3; r++) {
            s.append(r == 0 ? "" : ",").append("{'type':'route','rules':[");
            for (int i = 0; i < 30; i++) {
                s.append(i == 0 ? "" : ",").append("{'then':[{'task':'page'}]}");
            }
            s.append("]}");
        }
        ActionDefinitionException e = refused(s.append("]").toString());
        assertThat(e.field()).isEqualTo("[2].rules");
    }

    @Test
    void routesNestedDeeperThanTheCapAreRefused() {
        String action = "{'task':'page'}";
        for (int i = 0; i <= ActionDefinitions.MAX_ROUTE_DEPTH; i++) {
            action = "{'type':'route','default':[" + action + "]}";
        }
        ActionDefinitionException e = refused("[" + action + "]");
        assertThat(e.getMessage()).contains("routes nest at most " + ActionDefinitions.MAX_ROUTE_DEPTH + " deep");
        assertThat(e.field()).isEqualTo("[0].default[0].default[0].default[0].default[0]");
    }

    @Test
    void actionsAreCappedInAll() {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            s.append(i == 0 ? "" : ",").append("{'task':'page'}");
        }
        ActionDefinitionException e = refused(s.append("]").toString());
        assertThat(e.getMessage()).contains("at most " + ActionDefinitions.MAX_ACTIONS + " actions");
    }

    @Test
    void eachBadFieldIsNamedAndNoSecretIsQuoted() {
        assertThat(refused("[{'type':'forward','urls':['https://a.example'],'secret':'s3cr3t-value','colour':'red'}]").field())
                .isEqualTo("[0].colour");
        assertThat(refused("[{'type':'forward','urls':['ftp://a.example'],'secret':'s3cr3t-value'}]").field()).isEqualTo("[0].urls[0]");
        assertThat(refused("[{'type':'forward','urls':['https://a.example']}]").field()).isEqualTo("[0].secret");
        assertThat(refused("[{'type':'forward','urls':['https://a.example'],'secret':'x','unsigned':true}]").field())
                .isEqualTo("[0].unsigned");
        assertThat(refused("[{'type':'forward','urls':['https://a.example'],'secret':'x','copyHeaders':['Webhookkit-Forwarded-Hops']}]")
                .field()).isEqualTo("[0].copyHeaders[0]");
        assertThat(refused("[{'type':'forward','urls':['https://a.example'],'secret':'x','maxHops':101}]").field()).isEqualTo("[0].maxHops");
        assertThat(refused("[{'type':'forward','urls':['https://a.example'],'secret':'x','scheme':'nope'}]").field()).isEqualTo("[0].scheme");
        assertThat(refused("[{'type':'notify','format':'fax','url':'https://a.example'}]").field()).isEqualTo("[0].format");
        assertThat(refused("[{'type':'notify','format':'telegram','url':'https://a.example'}]").field()).isEqualTo("[0].chatId");
        assertThat(refused("[{'type':'notify','format':'slack','roomId':'r','url':'https://a.example'}]").field()).isEqualTo("[0].roomId");
        assertThat(refused("[{'type':'notify','format':'slack'}]").field()).isEqualTo("[0].url");
        assertThat(refused("[{'type':'notify','format':'slack','url':'https://a.example','template':'{{unclosed'}]").field())
                .isEqualTo("[0].template");
        assertThat(refused("[{'type':'notify','format':'slack','url':'https://a.example','headers':{'Authorization':'Bearer a\\nb'}}]")
                .getMessage()).doesNotContain("Bearer");
        assertThat(refused("[{'type':'run','task':'nope'}]").field()).isEqualTo("[0].task");
        assertThat(refused("[{'type':'explode'}]").field()).isEqualTo("[0].type");
        assertThat(refused("[{'type':'route','rules':[{'when':{'jsonPath':'$.[[['},'then':[{'task':'page'}]}]}]").field())
                .isEqualTo("[0].rules[0].when.jsonPath");
        assertThat(refused("[{'type':'route','rules':[{'when':{'severity':'dire'},'then':[{'task':'page'}]}]}]").field())
                .isEqualTo("[0].rules[0].when.severity");
        assertThat(refused("[{'type':'route','rules':[{'when':{},'then':[]}]}]").field()).isEqualTo("[0].rules[0].then");
        assertThat(refused("[{'type':'route','rules':[{'name':'default','then':[{'task':'page'}]}]}]").field())
                .isEqualTo("[0].rules[0].name");
        assertThat(refused("{'type':'run'}").field()).isEmpty();
        assertThat(refused("[{'type':'forward','urls':['https://a.example'],'secret':'s3cr3t-value','scheme':'nope'}]").getMessage())
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void forwardAndNotifyNeedADispatcher() {
        ActionDefinitions noDispatcher = ActionDefinitions.builder().build();
        assertThatThrownBy(() -> noDispatcher.read(json("[{'type':'notify','format':'json','url':'https://a.example'}]"), "in", null))
                .isInstanceOf(ActionDefinitionException.class).hasMessageContaining("need a dispatcher");
        assertThat(noDispatcher.read(json("[]"), "in", null).isEmpty()).isTrue();
    }

    @Test
    void untilTheDispatcherIsAttachedSendingStepsAreFailedOutcomesNotFailedEvents() throws Exception {
        ActionDefinitions definitions = definitions(); // its dispatcher supplier answers null
        ActionPlan plan = definitions.read(json("[{'type':'notify','format':'json','url':'https://a.example/h'}]"), "in", null);
        HandlerResponse r = definitions.handler(plan, EventHandler.noop()).handle(Events.event("x", "{}"));
        assertThat(r.actions()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ActionOutcome.Status.FAILED);
            assertThat(o.detail()).contains("dispatcher is not running yet");
        });
    }

    @Test
    void twoEndpointsWithTheSameActionNamesNeverShareATarget() {
        ActionDefinitions definitions = definitions();
        String actions = "[{'type':'forward','name':'ops','urls':['https://%s.example/h'],'secret':'x'}]";
        ActionPlan a = definitions.read(json(actions.formatted("a")), "alpha", null);
        ActionPlan b = definitions.read(json(actions.formatted("b")), "beta", null);
        assertThat(a.subscriptions().get(0).id()).isEqualTo("act.alpha.1");
        assertThat(b.subscriptions().get(0).id()).isEqualTo("act.beta.1");
        ActionPlan longName = definitions.read(json(actions.formatted("c")), "e".repeat(128), null);
        assertThat(longName.subscriptions().get(0).id()).startsWith("act:").hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void targetsArePutOnceAndAnEarlierDefinitionInFlightDoesNotPutItsTargetsBack() throws Exception {
        CountingRegistry registry = new CountingRegistry();
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(registry)
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build()).pollInterval(Duration.ofMillis(10)).workers(1).build();
        closeables.add(dispatcher);
        ActionDefinitions definitions = ActionDefinitions.builder().dispatcher(dispatcher).build();
        String actions = "[{'type':'forward','urls':['http://127.0.0.1:9/%s'],'secret':'x'}]";
        ConfiguredActions first = definitions.handler(definitions.read(json(actions.formatted("old")), "in", null), EventHandler.noop());
        assertThat(registry.list()).as("reading (validating) a definition registers nothing").isEmpty();
        for (int i = 0; i < 5; i++) {
            first.handle(Events.event("x", "{}"));
        }
        assertThat(registry.puts.get()).as("one target, put at the first event only").isEqualTo(1);

        ConfiguredActions second = definitions.handler(definitions.read(json(actions.formatted("new")), "in", null), EventHandler.noop());
        second.handle(Events.event("x", "{}"));
        first.handle(Events.event("x", "{}")); // a request that started before the change
        second.handle(Events.event("x", "{}"));

        assertThat(registry.puts.get()).isEqualTo(2);
        assertThat(registry.get("act.in.1").orElseThrow().url().toString()).isEqualTo("http://127.0.0.1:9/new");
    }

    @Test
    void aTargetDroppedFromTheDefinitionStaysRegisteredButNothingReachesIt() throws Exception {
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(SubscriptionRegistry.inMemory())
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build()).pollInterval(Duration.ofMillis(10)).workers(1).build();
        closeables.add(dispatcher);
        ActionDefinitions definitions = ActionDefinitions.builder().dispatcher(dispatcher).build();
        definitions.handler(definitions.read(json(
                "[{'type':'forward','urls':['http://127.0.0.1:9/a','http://127.0.0.1:9/b'],'secret':'x'}]"), "in", null), EventHandler.noop())
                .handle(Events.event("x", "{}"));
        ConfiguredActions shrunk = definitions.handler(definitions.read(json(
                "[{'type':'forward','urls':['http://127.0.0.1:9/a'],'secret':'x'}]"), "in", null), EventHandler.noop());
        HandlerResponse r = shrunk.handle(Events.event("x", "{}"));

        assertThat(dispatcher.subscriptions().get("act.in.2")).as("dropped, still registered").isPresent();
        assertThat(r.actions()).singleElement().satisfies(o -> assertThat(o.detail()).doesNotContain("act.in.2"));
        assertThat(dispatcher.publish("x", java.util.Map.of("n", 1))).as("published events reach no action target").isEmpty();
        assertThat(dispatcher.log().messagesForSubscription("act.in.2", 10)).as("only the first event's").hasSize(1);
        assertThat(dispatcher.log().messagesForSubscription("act.in.1", 10)).as("both events'").hasSize(2);
    }

    /** The in-memory registry, counting puts. */
    private static final class CountingRegistry implements SubscriptionRegistry {
        final SubscriptionRegistry inner = SubscriptionRegistry.inMemory();
        final AtomicInteger puts = new AtomicInteger();

        @Override
        public void create(dev.webhookkit.outbound.Subscription entry) {
            inner.create(entry);
        }

        @Override
        public java.util.Optional<dev.webhookkit.outbound.Subscription> get(String key) {
            return inner.get(key);
        }

        @Override
        public void update(dev.webhookkit.outbound.Subscription entry) {
            inner.update(entry);
        }

        @Override
        public void put(dev.webhookkit.outbound.Subscription entry) {
            puts.incrementAndGet();
            inner.put(entry);
        }

        @Override
        public boolean delete(String key) {
            return inner.delete(key);
        }

        @Override
        public List<dev.webhookkit.outbound.Subscription> list() {
            return inner.list();
        }
    }
}
