package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.PayloadMappingException;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Shapes and states beyond the firing/resolved samples. */
class ProviderEdgeCasesTest {

    private static List<Alert> map(String id, String json, String... headers) throws Exception {
        WebhookRequest request = WebhookRequest.builder().body(json).headers(Headers.of(headers)).build();
        return Mappers.byId(id).map(Samples.JSON.readTree(json), request);
    }

    private static Alert one(String id, String json, String... headers) throws Exception {
        List<Alert> alerts = map(id, json, headers);
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prometheus", "grafana", "datadog", "newrelic", "sentry", "cloudwatch", "azure", "google-cloud-monitoring",
        "dynatrace", "appdynamics", "splunk-oncall", "splunk-observability", "elastic", "honeycomb", "uptimerobot", "pingdom",
        "better-uptime", "uptime-kuma", "github", "bitbucket", "webhook", "gitlab", "pagerduty", "opsgenie"})
    void rejectsABodyThatIsNotAJsonObject(String id) throws Exception {
        assertThatThrownBy(() -> map(id, "[1,2,3]"))
                .isInstanceOf(PayloadMappingException.class)
                .hasMessage(id + " mapper expects a JSON object but got ARRAY");
        assertThatThrownBy(() -> map(id, "\"text\""))
                .isInstanceOf(PayloadMappingException.class)
                .hasMessageContaining("but got STRING");
    }

    static Stream<Arguments> foreignShapes() {
        return Stream.of("prometheus", "grafana", "datadog", "newrelic", "sentry", "cloudwatch", "azure", "google-cloud-monitoring",
                "dynatrace", "appdynamics", "splunk-oncall", "splunk-observability", "elastic", "honeycomb", "uptimerobot",
                "pingdom", "better-uptime", "uptime-kuma", "pagerduty", "opsgenie").map(Arguments::of);
    }

    /** An object of someone else's shape is malformed for a sender with a fixed format. */
    @ParameterizedTest
    @MethodSource("foreignShapes")
    void rejectsAnObjectOfAnotherShape(String id) {
        assertThatThrownBy(() -> map(id, "{\"foo\":{\"bar\":1}}"))
                .isInstanceOf(PayloadMappingException.class)
                .hasMessageStartingWith(id + " mapper: ");
    }

    /** Repository hosts send many event kinds; the ones that are not alerts map to nothing. */
    @Test
    void repositoryEventsThatAreNotAlertsMapToNothing() throws Exception {
        assertThat(map("github", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}", "X-GitHub-Event", "ping")).isEmpty();
        assertThat(map("github", "{\"action\":\"in_progress\",\"workflow_run\":{\"conclusion\":null}}", "X-GitHub-Event", "workflow_run"))
                .isEmpty();
        assertThat(map("github", "{\"action\":\"completed\",\"workflow_run\":{\"conclusion\":\"cancelled\"}}", "X-GitHub-Event",
                "workflow_run")).isEmpty();
        assertThat(map("github", "{\"action\":\"labeled\",\"issue\":{\"number\":1}}", "X-GitHub-Event", "issues")).isEmpty();
        assertThat(map("bitbucket", "{\"commit_status\":{\"state\":\"INPROGRESS\"}}", "X-Event-Key", "repo:commit_status_created"))
                .isEmpty();
        assertThat(map("bitbucket", "{\"pullrequest\":{}}", "X-Event-Key", "pullrequest:created")).isEmpty();
        assertThat(map("gitlab", "{\"object_kind\":\"pipeline\",\"object_attributes\":{\"status\":\"running\"}}",
                "X-Gitlab-Event", "Pipeline Hook")).isEmpty();
        assertThat(map("gitlab", "{\"object_kind\":\"issue\",\"object_attributes\":{\"type\":\"Issue\",\"action\":\"open\"}}",
                "X-Gitlab-Event", "Issue Hook")).isEmpty();
    }

    @Test
    void stateChangesThatAreNotAlertTransitionsMapToNothing() throws Exception {
        assertThat(map("opsgenie", "{\"action\":\"AddNote\",\"alert\":{\"alertId\":\"a\"}}")).isEmpty();
        assertThat(map("pagerduty", "{\"event\":{\"event_type\":\"incident.annotated\",\"data\":{\"id\":\"Q1\"}}}")).isEmpty();
        assertThat(map("sentry", "{\"action\":\"assigned\",\"data\":{\"issue\":{\"id\":\"1\"}}}", "Sentry-Hook-Resource", "issue")).isEmpty();
        assertThat(map("sentry", "{\"action\":\"created\",\"data\":{\"installation\":{}}}", "Sentry-Hook-Resource", "installation")).isEmpty();
        assertThat(map("uptime-kuma", "{\"heartbeat\":{\"status\":2,\"monitorID\":3},\"monitor\":{\"id\":3,\"name\":\"x\"}}")).isEmpty();
        assertThat(map("uptime-kuma", "{\"heartbeat\":{\"status\":3,\"monitorID\":3},\"monitor\":{\"id\":3,\"name\":\"x\"}}")).isEmpty();
        assertThat(map("grafana", "{\"ruleId\":1,\"ruleName\":\"r\",\"state\":\"paused\"}")).isEmpty();
    }

    @Test
    void alertmanagerGoZeroEndTimeIsNotAnOccurrence() throws Exception {
        Alert a = one("prometheus", "{\"alerts\":[{\"status\":\"resolved\",\"labels\":{\"alertname\":\"X\"},"
                + "\"startsAt\":\"2026-03-04T09:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\"}]}");

        assertThat(a.status()).isEqualTo(AlertStatus.RESOLVE);
        assertThat(a.occurredAt()).contains(Instant.parse("2026-03-04T09:00:00Z"));
        assertThat(a.title()).isEqualTo("X");
        assertThat(a.dedupKey()).as("fingerprint missing: a digest of the labels").hasValueSatisfying(k ->
                assertThat(k).matches("prometheus:[0-9a-f]{16}"));
    }

    @Test
    void alertmanagerUnknownSeverityLabelKeepsTheWord() throws Exception {
        Alert a = one("prometheus", "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\",\"severity\":\"sev-9\"}}]}");

        assertThat(a.severity()).isEqualTo(Severity.ERROR);
        assertThat(a.rawSeverity()).contains("sev-9");
    }

    @Test
    void alertmanagerWithoutAlertsArrayIsMalformed() {
        assertThatThrownBy(() -> map("prometheus", "{\"version\":\"4\",\"status\":\"firing\"}"))
                .isInstanceOf(PayloadMappingException.class).hasMessage("prometheus mapper: payload has no alerts[] array");
    }

    @Test
    void grafanaLegacyNoDataIsAWarning() throws Exception {
        Alert a = one("grafana", "{\"ruleId\":3,\"ruleName\":\"Heartbeat\",\"state\":\"no_data\"}");

        assertThat(a.status()).isEqualTo(AlertStatus.TRIGGER);
        assertThat(a.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void datadogWarnTransitionWithoutPriorityIsAWarning() throws Exception {
        Alert a = one("datadog", "{\"title\":\"[P3] [Warn on {host:a}] Memory high\",\"alert_type\":\"warning\",\"id\":\"1\"}");

        assertThat(a.title()).isEqualTo("Memory high");
        assertThat(a.status()).isEqualTo(AlertStatus.TRIGGER);
        assertThat(a.severity()).isEqualTo(Severity.WARNING);
        assertThat(a.dedupKey()).contains("datadog:Memory high:host:a");
    }

    @Test
    void azureSev0IsCriticalAndTheClassicMetricAlertIsRead() throws Exception {
        assertThat(one("azure", "{\"data\":{\"essentials\":{\"alertId\":\"a1\",\"alertRule\":\"r\",\"severity\":\"Sev0\","
                + "\"monitorCondition\":\"Fired\"}}}").severity()).isEqualTo(Severity.CRITICAL);

        Alert classic = one("azure", "{\"status\":\"Resolved\",\"context\":{\"id\":\"/sub/x/alert\",\"name\":\"cpu-high\","
                + "\"resourceName\":\"vm-1\",\"portalLink\":\"https://portal.azure.com/x\",\"timestamp\":\"2026-03-04T10:00:00.0000000Z\"}}");
        assertThat(classic.status()).isEqualTo(AlertStatus.RESOLVE);
        assertThat(classic.title()).isEqualTo("cpu-high");
        assertThat(classic.service()).contains("vm-1");
        assertThat(classic.dedupKey()).contains("azure:/sub/x/alert");
    }

    @Test
    void googleCloudTestPayloadWithUpperCaseStateAndNoSeverity() throws Exception {
        Alert a = one("google-cloud-monitoring", "{\"version\":\"test\",\"incident\":{\"incident_id\":\"12345\",\"state\":\"OPEN\","
                + "\"severity\":\"No severity\",\"summary\":\"Test incident\",\"started_at\":1772637600}}");

        assertThat(a.status()).isEqualTo(AlertStatus.TRIGGER);
        assertThat(a.severity()).isEqualTo(Severity.ERROR);
        assertThat(a.rawSeverity()).contains("No severity");
        assertThat(a.title()).isEqualTo("Test incident");
    }

    @Test
    void dynatraceMergedProblemsResolve() throws Exception {
        assertThat(one("dynatrace", "{\"State\":\"MERGED\",\"PID\":\"p1\",\"ProblemTitle\":\"t\"}").status()).isEqualTo(AlertStatus.RESOLVE);
    }

    @Test
    void appDynamicsUpgradeAndDowngradeSetTheSeverity() throws Exception {
        assertThat(one("appdynamics", "{\"eventType\":\"POLICY_UPGRADED\",\"incidentId\":1}").severity()).isEqualTo(Severity.CRITICAL);
        Alert down = one("appdynamics", "{\"eventType\":\"POLICY_DOWNGRADED\",\"incidentId\":1}");
        assertThat(down.severity()).isEqualTo(Severity.WARNING);
        assertThat(down.status()).isEqualTo(AlertStatus.TRIGGER);
        assertThat(one("appdynamics", "{\"eventType\":\"POLICY_CANCELED_WARNING\",\"incidentId\":1}").status()).isEqualTo(AlertStatus.RESOLVE);
    }

    @Test
    void splunkOnCallAcknowledgementAcknowledges() throws Exception {
        Alert a = one("splunk-oncall", "{\"message_type\":\"ACKNOWLEDGEMENT\",\"entity_id\":\"e1\",\"ack_author\":\"dana\"}");

        assertThat(a.status()).isEqualTo(AlertStatus.ACKNOWLEDGE);
        assertThat(a.dedupKey()).contains("splunk-oncall:e1");
        assertThat(a.labels()).containsEntry("ack_author", "dana");
    }

    @Test
    void cloudWatchAlarmPostedBareAndOtherSnsNotifications() throws Exception {
        Alert bare = one("cloudwatch", "{\"AlarmName\":\"queue-depth\",\"NewStateValue\":\"ALARM\",\"AWSAccountId\":\"1\"}");
        assertThat(bare.dedupKey()).contains("cloudwatch:1:queue-depth");
        assertThat(bare.links()).isEmpty();

        Alert plain = one("cloudwatch", "{\"Type\":\"Notification\",\"MessageId\":\"m-1\",\"Subject\":\"Backup done\","
                + "\"Message\":\"All good\",\"TopicArn\":\"arn:aws:sns:eu-west-1:1:t\"}");
        assertThat(plain.source()).isEqualTo("aws-sns");
        assertThat(plain.title()).isEqualTo("Backup done");
        assertThat(plain.dedupKey()).contains("cloudwatch:sns:m-1");

        assertThat(map("cloudwatch", "{\"Type\":\"UnsubscribeConfirmation\",\"MessageId\":\"m\"}")).isEmpty();
    }

    @Test
    void uptimeRobotSslExpiryIsAWarningAndPlaceholdersReadAsAbsent() throws Exception {
        Alert a = one("uptimerobot", "{\"monitorID\":\"7\",\"monitorFriendlyName\":\"Shop\",\"alertType\":\"3\","
                + "\"alertTypeFriendlyName\":\"*alertTypeFriendlyName*\",\"alertDetails\":\"*alertDetails*\",\"sslExpiryDaysLeft\":\"6\"}");

        assertThat(a.severity()).isEqualTo(Severity.WARNING);
        assertThat(a.title()).isEqualTo("Shop");
        assertThat(a.description()).isEmpty();
        assertThat(a.labels()).containsEntry("ssl_expiry_days_left", "6");
    }

    @Test
    void uptimeKumaMessageWithoutHeartbeatIsAWarning() throws Exception {
        Alert a = one("uptime-kuma", "{\"heartbeat\":null,\"monitor\":{\"id\":5,\"name\":\"Shop\"},"
                + "\"msg\":\"[Shop][https://shop.example] Certificate will expire in 7 days\"}");

        assertThat(a.severity()).isEqualTo(Severity.WARNING);
        assertThat(a.title()).startsWith("[Shop]");
        assertThat(a.dedupKey()).contains("uptime-kuma:5:notice");
    }

    @Test
    void newRelicLegacyChannelBodyIsRead() throws Exception {
        Alert a = one("newrelic", "{\"incident_id\":99,\"current_state\":\"acknowledged\",\"severity\":\"WARNING\","
                + "\"condition_name\":\"Apdex low\",\"incident_url\":\"https://alerts.newrelic.com/i/99\",\"timestamp\":1772622000123}");

        assertThat(a.status()).isEqualTo(AlertStatus.ACKNOWLEDGE);
        assertThat(a.severity()).isEqualTo(Severity.WARNING);
        assertThat(a.dedupKey()).contains("newrelic:99");
        assertThat(a.occurredAt()).contains(Instant.parse("2026-03-04T11:00:00.123Z"));
    }

    @Test
    void sentryLegacyPluginBodyAndMetricAlertCritical() throws Exception {
        Alert legacy = one("sentry", "{\"id\":\"541485531\",\"project\":\"web\",\"level\":\"fatal\",\"message\":\"Boom\","
                + "\"url\":\"https://sentry.io/x/issues/541485531/\"}");
        assertThat(legacy.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(legacy.dedupKey()).contains("sentry:541485531");

        Alert metric = one("sentry", "{\"action\":\"critical\",\"data\":{\"description_title\":\"Critical: Too many errors\","
                + "\"metric_alert\":{\"id\":\"4\",\"alert_rule\":{\"name\":\"Too many errors\"}}}}");
        assertThat(metric.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(metric.dedupKey()).contains("sentry:metric:4");
    }

    @Test
    void gitlabIncidentAndJobHooks() throws Exception {
        Alert incident = one("gitlab", "{\"object_kind\":\"issue\",\"project\":{\"path_with_namespace\":\"acme/api\"},"
                + "\"object_attributes\":{\"iid\":7,\"title\":\"API down\",\"type\":\"Incident\",\"action\":\"open\",\"severity\":\"high\"}}",
                "X-Gitlab-Event", "Issue Hook");
        assertThat(incident.severity()).isEqualTo(Severity.ERROR);
        assertThat(incident.dedupKey()).contains("gitlab:acme/api#7");

        Alert job = one("gitlab", "{\"object_kind\":\"build\",\"ref\":\"main\",\"build_id\":55,\"build_name\":\"lint\","
                + "\"build_status\":\"failed\",\"build_allow_failure\":true,\"project_name\":\"Acme / api\","
                + "\"repository\":{\"homepage\":\"https://gitlab.example.com/acme/api\"},\"build_finished_at\":\"2026-03-05 13:05:13 UTC\"}",
                "X-Gitlab-Event", "Job Hook");
        assertThat(job.title()).isEqualTo("Job lint failed (Acme / api)");
        assertThat(job.severity()).as("allowed to fail").isEqualTo(Severity.WARNING);
        assertThat(job.links()).containsExactly("https://gitlab.example.com/acme/api/-/jobs/55");
        assertThat(job.occurredAt()).contains(Instant.parse("2026-03-05T13:05:13Z"));
    }

    @Test
    void eventTypeIsSniffedFromTheBodyWhenTheHeaderIsMissing() throws Exception {
        byte[] body = Files.readAllBytes(Samples.root().resolve("github/workflow-run-failure.json"));
        Alert a = one("github", new String(body, StandardCharsets.UTF_8));

        assertThat(a.title()).isEqualTo("CI failed on acme/storefront@main");
    }

    @Test
    void pagerDutyUnknownEventActionIsMalformedAndUrgencyIsTheFallbackSeverity() throws Exception {
        assertThatThrownBy(() -> map("pagerduty", "{\"event_action\":\"explode\",\"dedup_key\":\"k\"}"))
                .isInstanceOf(PayloadMappingException.class)
                .hasMessageContaining("event_action must be trigger, acknowledge or resolve but was 'explode'");

        Alert a = one("pagerduty", "{\"event\":{\"event_type\":\"incident.acknowledged\",\"data\":{\"id\":\"Q2\",\"title\":\"t\","
                + "\"urgency\":\"low\",\"priority\":null}}}");
        assertThat(a.status()).isEqualTo(AlertStatus.ACKNOWLEDGE);
        assertThat(a.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void elasticTagsNameTheServiceAndWatcherAlwaysTriggers() throws Exception {
        Alert kibana = one("elastic", "{\"rule\":{\"id\":\"r1\",\"name\":\"Errors\",\"tags\":[\"service:checkout\"]},"
                + "\"alert\":{\"id\":\"a1\",\"actionGroup\":\"threshold met\"}}");
        assertThat(kibana.service()).contains("checkout");
        assertThat(kibana.severity()).isEqualTo(Severity.ERROR);
        assertThat(kibana.status()).isEqualTo(AlertStatus.TRIGGER);
    }

    @Test
    void honeycombSeverityFieldIsUsedWhenSent() throws Exception {
        assertThat(one("honeycomb", "{\"id\":\"b1\",\"name\":\"SLO burn\",\"status\":\"TRIGGERED\",\"severity\":\"critical\"}").severity())
                .isEqualTo(Severity.CRITICAL);
    }
}
