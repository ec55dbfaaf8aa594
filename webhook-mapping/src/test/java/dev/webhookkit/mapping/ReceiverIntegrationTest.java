package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Alert;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventFilter;
import dev.webhookkit.core.spi.Handshake;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The mapping module's pieces in webhook-core's real pipeline: map, filter, context, render. */
class ReceiverIntegrationTest {
    private final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();

    private static byte[] sample(String path) throws Exception {
        return Files.readAllBytes(Samples.root().resolve(path));
    }

    private static WebhookRequest post(byte[] body, String... headers) {
        Headers.Builder h = Headers.builder().add("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return WebhookRequest.builder().body(body).headers(h.build()).build();
    }

    private Endpoint.Builder endpoint(String name, String mapperId) {
        return Endpoint.builder(name).allowUnsigned()
                .mapper(Mappers.byId(mapperId))
                .templateRenderer(MustacheTemplateRenderer.create())
                .handler(event -> {
                    handled.add(event);
                    return HandlerResponse.text(event.message());
                });
    }

    @Test
    void mapsFiltersAndRendersAnAlertmanagerDelivery() throws Exception {
        Endpoint endpoint = endpoint("prom", "prometheus")
                .contextExtractor(JsonPathContextExtractor.of("prom", Map.of("cluster", "$.commonLabels.cluster", "nope", "$.x.y")))
                .filter(JsonPathFilters.alertCondition("prom", "$.severity == 'critical'"))
                .messageTemplate("{{#alerts}}[{{severity}}] {{title}} ({{dedupKey}}){{/alerts}} in {{cluster}}{{nope}} via "
                        + "{{endpoint.name}}; {{alert.labels.namespace}}; {{receiver}}")
                .build();
        try (WebhookReceiver receiver = WebhookReceiver.builder().endpoint(endpoint).build()) {
            ReceiveResult result = receiver.receive("prom", post(sample("prometheus/firing.json")));

            assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(result.alerts()).extracting(Alert::dedupKey).containsExactly(Optional.of("prometheus:5c1d2e0f9a7b3c41"));
            assertThat(result.message()).isEqualTo("[critical] Pod checkout/checkout-api-7d9f8b6c5-x2lqp is crash looping "
                    + "(prometheus:5c1d2e0f9a7b3c41) in prod-eu-west-1 via prom; checkout; sdk-webhook");
            assertThat(handled).singleElement().satisfies(e -> assertThat(e.context()).containsOnlyKeys("cluster"));
        }
    }

    @Test
    void answersFilteredWhenNoAlertPassesAndRecordsIt() throws Exception {
        Endpoint endpoint = endpoint("grafana", "grafana")
                .filter(JsonPathFilters.alertCondition("$.severity == 'critical'"))
                .build();
        try (WebhookReceiver receiver = WebhookReceiver.builder().endpoint(endpoint).build()) {
            ReceiveResult result = receiver.receive("grafana", post(sample("grafana/firing.json")));

            assertThat(result.reason()).isEqualTo(Reason.FILTERED);
            assertThat(result.status()).isEqualTo(202);
            assertThat(handled).isEmpty();
            assertThat(receiver.eventLog().find(result.eventId())).map(EventRecord::reason).contains(Reason.FILTERED);
        }
    }

    @Test
    void globsMatchTheEventTypeAndSeverityOfMappedAlerts() throws Exception {
        Endpoint endpoint = endpoint("gh", "github")
                .filter(EventFilter.globs(List.of("workflow_run.*"), List.of("*.info")))
                .messageTemplate("{{webhook.eventType}}: {{alert.title}} -> {{webhook.body.workflow_run.html_url}}")
                .build();
        try (WebhookReceiver receiver = WebhookReceiver.builder().endpoint(endpoint).build()) {
            ReceiveResult failed = receiver.receive("gh", post(sample("github/workflow-run-failure.json"), "X-GitHub-Event", "workflow_run"));
            ReceiveResult succeeded = receiver.receive("gh", post(sample("github/workflow-run-success.json"), "X-GitHub-Event", "workflow_run"));
            ReceiveResult push = receiver.receive("gh", post(sample("github/push.json"), "X-GitHub-Event", "push"));

            assertThat(failed.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(failed.message()).isEqualTo("workflow_run: CI failed on acme/storefront@main -> "
                    + "https://github.com/acme/storefront/actions/runs/13000123456");
            assertThat(succeeded.reason()).as("resolve carries info severity, excluded by *.info").isEqualTo(Reason.FILTERED);
            assertThat(push.reason()).isEqualTo(Reason.FILTERED);
        }
    }

    @Test
    void snsSubscriptionConfirmationIsAHandshakeAndNotAnAlert() throws Exception {
        List<URI> confirmed = new CopyOnWriteArrayList<>();
        Endpoint endpoint = endpoint("aws", "cloudwatch")
                .handshakes(List.of(Handshake.snsSubscriptionConfirmation(uri -> confirmed.add(uri))))
                .build();
        try (WebhookReceiver receiver = WebhookReceiver.builder().endpoint(endpoint).build()) {
            ReceiveResult handshake = receiver.receive("aws", post(sample("cloudwatch/subscription-confirmation.json"),
                    "x-amz-sns-message-type", "SubscriptionConfirmation"));
            ReceiveResult alarm = receiver.receive("aws", post(sample("cloudwatch/alarm.json"), "x-amz-sns-message-type", "Notification"));

            assertThat(handshake.reason()).isEqualTo(Reason.HANDSHAKE);
            assertThat(confirmed).singleElement().satisfies(u -> assertThat(u.getHost()).isEqualTo("sns.us-east-1.amazonaws.com"));
            assertThat(alarm.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(alarm.alerts()).extracting(Alert::title).containsExactly("prod-api-5xx-rate");
        }
    }

    @Test
    void formEncodedUptimeRobotDefaultBodyIsMapped() throws Exception {
        Endpoint endpoint = endpoint("uptime", "uptimerobot").messageTemplate("{{alert.title}} ({{monitorID}})").build();
        WebhookRequest request = WebhookRequest.builder().body(sample("uptimerobot/down-form.form"))
                .headers(Headers.of("Content-Type", "application/x-www-form-urlencoded")).build();
        try (WebhookReceiver receiver = WebhookReceiver.builder().endpoint(endpoint).build()) {
            ReceiveResult result = receiver.receive("uptime", request);

            assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(result.message()).isEqualTo("Shop health is Down (798123456)");
        }
    }

    @Test
    void payloadAMapperCannotReadIsMalformed() throws Exception {
        Endpoint endpoint = endpoint("pd", "pagerduty").build();
        try (WebhookReceiver receiver = WebhookReceiver.builder().endpoint(endpoint).build()) {
            ReceiveResult result = receiver.receive("pd", post("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8)));

            assertThat(result.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
            assertThat(result.status()).isEqualTo(400);
            assertThat(receiver.eventLog().find(result.eventId())).hasValueSatisfying(r ->
                    assertThat(r.error()).contains("pagerduty mapper"));
            assertThat(handled).isEmpty();
        }
    }
}
