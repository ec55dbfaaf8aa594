package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.spi.MessageTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MustacheTemplateRendererTest {
    private final MustacheTemplateRenderer renderer = MustacheTemplateRenderer.create();

    private String render(String template, Map<String, Object> context) {
        return renderer.compile(template).render(context);
    }

    @Test
    void rendersMoxxysExampleFromTopLevelPayloadFields() {
        Map<String, Object> ctx = Map.of("alert_name", "HighCPU", "instance", "server-1", "severity", "critical");

        assertThat(render("Alert: {{alert_name}} on {{instance}} ({{severity}})", ctx))
                .isEqualTo("Alert: HighCPU on server-1 (critical)");
    }

    @Test
    void writesPlainTextWithoutHtmlEscaping() {
        assertThat(render("{{title}}", Map.of("title", "p95 > 800ms & <rising> \"fast\""))).isEqualTo("p95 > 800ms & <rising> \"fast\"");
    }

    @Test
    void escapesHtmlOnlyWhenAsked() {
        MustacheTemplateRenderer html = MustacheTemplateRenderer.htmlEscaping();

        assertThat(html.compile("{{t}} / {{{t}}}").render(Map.of("t", "<b>&")))
                .isEqualTo("&lt;b&gt;&amp; / <b>&");
        assertThat(html.escapesHtml()).isTrue();
        assertThat(renderer.escapesHtml()).isFalse();
    }

    @Test
    void rendersAMissingVariableAsEmptyText() {
        assertThat(render("[{{missing}}] [{{webhook.body.nope.deeper}}] [{{alerts.7.title}}]", Map.of("webhook", Map.of("body", Map.of()),
                "alerts", List.of()))).isEqualTo("[] [] []");
    }

    @Test
    void walksDottedPathsThroughMapsAndListIndexes() {
        Map<String, Object> ctx = Map.of(
                "webhook", Map.of("body", Map.of("event", "push", "repository", Map.of("full_name", "acme/api")),
                        "headers", Map.of("x-github-event", "push")),
                "alerts", List.of(Map.of("title", "first"), Map.of("title", "second")));

        assertThat(render("{{webhook.body.event}} to {{webhook.body.repository.full_name}} ({{webhook.headers.x-github-event}}); "
                + "{{alerts.1.title}}", ctx)).isEqualTo("push to acme/api (push); second");
    }

    @Test
    void iteratesSectionsAndTheImplicitIterator() {
        Map<String, Object> ctx = Map.of(
                "alerts", List.of(Map.of("title", "a", "links", List.of("l1", "l2")), Map.of("title", "b", "links", List.of())),
                "resolved", false, "empty", "");

        assertThat(render("{{#alerts}}{{title}}:{{#links}}<{{.}}>{{/links}}{{^links}}none{{/links}};{{/alerts}}"
                + "{{#resolved}}R{{/resolved}}{{^resolved}}open{{/resolved}}{{#empty}}E{{/empty}}", ctx))
                .isEqualTo("a:<l1><l2>;b:none;open");
    }

    @Test
    void printsMapsAndListsAsJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "push");
        body.put("n", 2);

        assertThat(render("{{body}} {{list}}", Map.of("body", body, "list", List.of("a", 1)))).isEqualTo("{\"event\":\"push\",\"n\":2} [\"a\",1]");
    }

    @Test
    void readsJacksonTreesPutInTheContext() throws Exception {
        Map<String, Object> ctx = Map.of("payload", Samples.JSON.readTree("{\"a\":{\"b\":[\"x\",\"y\"]},\"flag\":false,\"n\":3}"));

        assertThat(render("{{payload.a.b.1}} {{payload.n}} {{#payload.flag}}yes{{/payload.flag}}{{^payload.flag}}no{{/payload.flag}} "
                + "{{#payload.a.b}}[{{.}}]{{/payload.a.b}} {{#payload.a}}{{b.0}}{{/payload.a}}", ctx)).isEqualTo("y 3 no [x][y] x");
    }

    @Test
    void neverCallsMethodsOnValues() {
        assertThat(render("[{{title.bytes}}][{{title.class}}][{{title.length}}][{{map.size}}][{{map.empty}}]",
                Map.of("title", "abc", "map", Map.of()))).isEqualTo("[][][][][]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{#alerts}}unclosed", "{{/alerts}}", "{{#a}}{{/b}}", "{{> partial}}", "{{title"})
    void rejectsABrokenTemplateWhenCompiled(String template) {
        assertThatThrownBy(() -> renderer.compile(template))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("invalid Mustache template");
    }

    @Test
    void brokenTemplateFailsTheEndpointBuildNamingTheEndpoint() {
        assertThatThrownBy(() -> Endpoint.builder("alerts-in").allowUnsigned().templateRenderer(renderer).messageTemplate("{{#alerts}}x").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("endpoint 'alerts-in'")
                .hasMessageContaining("message template does not compile");
    }

    @Test
    void stillCallsLambdasPutInTheContextForValuesAndSections() {
        Map<String, Object> ctx = Map.of(
                "upper", (java.util.function.Function<String, String>) String::toUpperCase,
                "name", (java.util.concurrent.Callable<String>) () -> "Ada",
                "n", 3, "ok", true);
        assertThat(render("{{#upper}}hi {{name}}{{/upper}} {{name}} {{n}} {{ok}}", ctx)).isEqualTo("HI ADA Ada 3 true");
    }

    @Test
    void rendersOutputsOfAnyLengthWhateverTheLastRenderWas() {
        MessageTemplate template = renderer.compile("<{{t}}>");
        String longText = "x".repeat(20_000);
        assertThat(template.render(Map.of("t", "short"))).isEqualTo("<short>");
        assertThat(template.render(Map.of("t", longText))).isEqualTo("<" + longText + ">");
        assertThat(template.render(Map.of("t", ""))).isEqualTo("<>");
    }

    @Test
    void readsTheReceiversAlertFieldsLikeTheAlertsJson() {
        dev.webhookkit.core.Alert alert = dev.webhookkit.core.Alert.builder().title("Disk full").severity(dev.webhookkit.core.Severity.WARNING)
                .status(dev.webhookkit.core.AlertStatus.RESOLVE).source("test").label("host", "db1").link("https://x.example")
                .occurredAt(java.time.Instant.parse("2026-03-04T09:12:41.371Z")).build();
        dev.webhookkit.core.WebhookEvent event = new dev.webhookkit.core.WebhookEvent("e", Endpoint.builder("ep").allowUnsigned().build(),
                dev.webhookkit.core.WebhookRequest.builder().body(new byte[0]).build(),
                com.fasterxml.jackson.databind.node.MissingNode.getInstance(), "", List.of(alert), "", Map.of(), "", "");
        Map<String, Object> ctx = dev.webhookkit.core.internal.TemplateContexts.of(event);
        assertThat(render("{{alert.title}}|{{alert.severity}}|{{alert.status}}|{{alert.labels.host}}|{{alert.links.0}}|"
                + "{{alert.occurredAt}}|[{{alert.dedupKey}}]{{#alert.service}}svc{{/alert.service}}", ctx))
                .isEqualTo("Disk full|warning|resolve|db1|https://x.example|2026-03-04T09:12:41.371Z|[]");
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) ctx.get("alert");
        assertThat(fields).containsOnlyKeys("title", "severity", "status", "source", "labels", "links", "occurredAt")
                .isEqualTo(Map.of("title", "Disk full", "severity", "warning", "status", "resolve", "source", "test",
                        "labels", Map.of("host", "db1"), "links", List.of("https://x.example"), "occurredAt", "2026-03-04T09:12:41.371Z"));
        assertThat(List.copyOf(fields.keySet())).containsExactly("title", "severity", "status", "source", "labels", "links", "occurredAt");
    }

    @Test
    void compilesEachTemplateOnce() {
        MessageTemplate first = renderer.compile("Hello {{name}}");

        assertThat(renderer.compile("Hello {{name}}")).isSameAs(first);
        MessageTemplate second = renderer.compile("Bye {{name}}");
        assertThat(second).isNotSameAs(first);
        assertThat(first.render(Map.of("name", "Ada"))).isEqualTo("Hello Ada");
        assertThat(second.render(Map.of("name", "Ada"))).isEqualTo("Bye Ada");
    }

    @Test
    void rendersConcurrentlyFromOneCompiledTemplate() throws Exception {
        MessageTemplate template = renderer.compile("{{#alerts}}{{title}}-{{/alerts}}{{n}}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int n = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String out = template.render(Map.of("alerts", List.of(Map.of("title", "a" + n)), "n", i));
                        if (!out.equals("a" + n + "-" + i)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
