package dev.webhookkit.actions;

import static dev.webhookkit.actions.Events.alert;
import static dev.webhookkit.actions.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.EventHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Routing tables: every field kind, first match against all matches, the default, and names checked at build. */
class RouteActionTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private EventHandler recording(String name) {
        return e -> {
            ran.add(name);
            return HandlerResponse.text(name);
        };
    }

    private RouteAction.Builder table() {
        return Actions.route("triage").handler("db", recording("db")).handler("pager", recording("pager"))
                .handler("chat", recording("chat"));
    }

    private List<String> run(RouteAction route, WebhookEvent event) throws Exception {
        ran.clear();
        route.handle(event);
        return List.copyOf(ran);
    }

    @Test
    void agentRoutesReadTheContextFirstThenThePayload() throws Exception {
        RouteAction route = table().when(Match.agent("db-*"), "db").otherwise("chat").build();

        assertThat(run(route, event("", "{\"agent\":\"db-primary\",\"message\":\"hi\"}"))).containsExactly("db");
        assertThat(run(route, event("", "{\"agent\":\"DB-replica\"}"))).as("globs are case-insensitive").containsExactly("db");
        assertThat(run(route, event("", "{\"agent\":\"web\"}"))).containsExactly("chat");
        assertThat(run(route, event("", "{\"agent\":\"web\"}", List.of(), Map.of("agent", "db-ctx")))).containsExactly("db");
        assertThat(run(route, event("", "{\"agent\":{\"name\":\"db-x\"}}"))).as("only a text agent counts").containsExactly("chat");
        assertThat(run(route, event("", "{}"))).containsExactly("chat");
    }

    @Test
    void eventTypeGlobs() throws Exception {
        RouteAction route = table().when(Match.eventType("incident.*"), "pager").when(Match.eventType("push"), "chat").build();

        assertThat(run(route, event("incident.created", "{}"))).containsExactly("pager");
        assertThat(run(route, event("push", "{}"))).containsExactly("chat");
        assertThat(run(route, event("issue.opened", "{}"))).isEmpty();
    }

    @Test
    void severityExactAndAtLeast() throws Exception {
        RouteAction exact = table().when(Match.severity(Severity.WARNING, Severity.INFO), "chat").build();
        RouteAction atLeast = table().when(Match.severityAtLeast(Severity.ERROR), "pager").build();
        List<dev.webhookkit.core.Alert> critical = List.of(alert(Severity.CRITICAL));
        List<dev.webhookkit.core.Alert> warning = List.of(alert(Severity.WARNING));

        assertThat(run(exact, event("", "{}", warning, Map.of()))).containsExactly("chat");
        assertThat(run(exact, event("", "{}", critical, Map.of()))).isEmpty();
        assertThat(run(atLeast, event("", "{}", critical, Map.of()))).containsExactly("pager");
        assertThat(run(atLeast, event("", "{}", List.of(alert(Severity.ERROR)), Map.of()))).containsExactly("pager");
        assertThat(run(atLeast, event("", "{}", warning, Map.of()))).isEmpty();
        assertThat(run(atLeast, event("", "{}", List.of(alert(Severity.INFO), alert(Severity.CRITICAL)), Map.of())))
                .as("any alert counts").containsExactly("pager");
        assertThat(run(atLeast, event("", "{}"))).as("no alerts, no severity").isEmpty();
    }

    @Test
    void labels() throws Exception {
        RouteAction route = table().when(Match.label("team", "db*"), "db").build();

        assertThat(run(route, event("", "{}", List.of(alert(Severity.INFO, "team", "dba")), Map.of()))).containsExactly("db");
        assertThat(run(route, event("", "{}", List.of(alert(Severity.INFO, "team", "web")), Map.of()))).isEmpty();
        assertThat(run(route, event("", "{}", List.of(alert(Severity.INFO, "owner", "db")), Map.of()))).isEmpty();
    }

    @Test
    void jsonPathConditionsOverThePayload() throws Exception {
        RouteAction route = table().when(Match.jsonPath("$.severity == 'critical' && $.env != 'test'"), "pager")
                .when(Match.jsonPath("$.labels.team in ['db', 'infra']"), "db").build();

        assertThat(run(route, event("", "{\"severity\":\"critical\",\"env\":\"prod\"}"))).containsExactly("pager");
        assertThat(run(route, event("", "{\"severity\":\"critical\",\"env\":\"test\"}"))).isEmpty();
        assertThat(run(route, event("", "{\"labels\":{\"team\":\"infra\"}}"))).containsExactly("db");
        assertThatThrownBy(() -> Match.jsonPath("$.[[[")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void firstMatchRunsOneRouteAndAllMatchesRunsEveryMatchingOneEachHandlerOnce() throws Exception {
        WebhookEvent critDb = event("incident.created", "{}", List.of(alert(Severity.CRITICAL, "team", "db")), Map.of());
        RouteAction.Builder routes = table()
                .when("critical", Match.severity(Severity.CRITICAL), "pager", "db")
                .when("db", Match.label("team", "db"), "db")
                .when("incidents", Match.eventType("incident.*"), "chat");

        assertThat(run(routes.build(), critDb)).containsExactly("pager", "db");
        RouteAction all = table()
                .when("critical", Match.severity(Severity.CRITICAL), "pager", "db")
                .when("db", Match.label("team", "db"), "db")
                .when("incidents", Match.eventType("incident.*"), "chat").allMatches().build();
        assertThat(run(all, critDb)).containsExactly("pager", "db", "chat");

        HandlerResponse r = all.handle(critDb);
        assertThat(r.actions().get(0)).satisfies(o -> {
            assertThat(o.name()).isEqualTo("triage");
            assertThat(o.detail()).isEqualTo("route critical, db, incidents → pager, db, chat");
        });
        assertThat(r.actions()).extracting(ActionOutcome::name).containsExactly("triage", "pager", "db", "chat");
        assertThat(r.bodyAsString()).isEqualTo("chat");
    }

    @Test
    void theDefaultRunsWhenNothingMatchesAndWithoutOneTheEventIsSkipped() throws Exception {
        RouteAction withDefault = table().when(Match.eventType("push"), "db").otherwise("chat").build();
        RouteAction without = table().when(Match.eventType("push"), "db").build();

        assertThat(run(withDefault, event("ping", "{}"))).containsExactly("chat");
        assertThat(withDefault.handle(event("ping", "{}")).actions().get(0).detail()).isEqualTo("no route matched; default → chat");
        assertThat(run(without, event("ping", "{}"))).isEmpty();
        assertThat(without.handle(event("ping", "{}")).actions()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ActionOutcome.Status.SKIPPED);
            assertThat(o.detail()).isEqualTo("no route matched and there is no default");
        });
    }

    @Test
    void combinedMatches() throws Exception {
        RouteAction route = table().when(Match.eventType("alert").and(Match.label("team", "db").negate()), "chat")
                .when(Match.agent("pager").or(Match.severity(Severity.CRITICAL)), "pager").build();

        assertThat(run(route, event("alert", "{}", List.of(alert(Severity.INFO, "team", "web")), Map.of()))).containsExactly("chat");
        assertThat(run(route, event("alert", "{}", List.of(alert(Severity.CRITICAL, "team", "db")), Map.of()))).containsExactly("pager");
        assertThat(Match.agent("a").and(Match.eventType("b")).toString()).isEqualTo("(agent a and eventType b)");
    }

    @Test
    void aHandlerThatThrowsIsAFailedOutcomeAndTheOthersStillRun() throws Exception {
        RouteAction route = Actions.route("r").handler("boom", e -> {
            throw new IllegalStateException("chat is down");
        }).handler("ok", recording("ok")).when(Match.always(), "boom", "ok").build();

        HandlerResponse r = route.handle(event("x", "{}"));

        assertThat(ran).containsExactly("ok");
        assertThat(r.actions()).extracting(ActionOutcome::status)
                .containsExactly(ActionOutcome.Status.OK, ActionOutcome.Status.FAILED, ActionOutcome.Status.OK);
        assertThat(r.actions().get(1).detail()).isEqualTo("IllegalStateException: chat is down");
    }

    @Test
    void unknownHandlerNamesFailAtBuildNotAtTheFirstEvent() {
        assertThatThrownBy(() -> table().when("x", Match.always(), "pagr").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("route 'triage': route 'x' names handler 'pagr', which was not given (given: [db, pager, chat])");
        assertThatThrownBy(() -> table().otherwise("nobody").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("the default names handler 'nobody'");
        assertThatThrownBy(() -> table().build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("no route and no default");
        assertThatThrownBy(() -> table().handler("db", recording("again"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> table().when("x", Match.always())).isInstanceOf(ConfigurationException.class).hasMessageContaining("names no handler");
    }
}
