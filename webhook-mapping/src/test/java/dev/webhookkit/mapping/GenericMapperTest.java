package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.PayloadMappingException;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.PayloadMapper;
import dev.webhookkit.mapping.MappingPolicy.Field;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericMapperTest {
    private static final WebhookRequest REQUEST = WebhookRequest.builder().body("{}").build();

    private static Alert map(PayloadMapper mapper, String json) throws Exception {
        return mapper.map(Samples.JSON.readTree(json), REQUEST).get(0);
    }

    private static Alert map(String json) throws Exception {
        return map(Mappers.byId("webhook"), json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"summary\":\"s\",\"title\":\"t\",\"message\":\"m\",\"name\":\"n\"} | s",
        "{\"title\":\"t\",\"message\":\"m\",\"name\":\"n\"} | t",
        "{\"message\":\"m\",\"name\":\"n\"} | m",
        "{\"name\":\"n\"} | n",
        "{\"summary\":\"  \",\"name\":\"n\"} | n"})
    void takesTheFirstPresentTitleAlias(String json, String title) throws Exception {
        assertThat(map(json).title()).isEqualTo(title);
    }

    @Test
    void readsTheAlertInsideWebhookkitsOutboundEnvelope() throws Exception {
        Alert a = map("{\"event\":\"incident.triggered\",\"timestamp\":\"2026-03-04T10:00:00Z\","
                + "\"data\":{\"title\":\"Disk full\",\"severity\":\"critical\",\"status\":\"resolved\",\"dedup_key\":\"d1\"}}");
        assertThat(a.title()).isEqualTo("Disk full");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.status()).isEqualTo(AlertStatus.RESOLVE);
        assertThat(a.dedupKey()).contains("webhook:d1");
        // A payload that merely has a data field is not unwrapped.
        assertThat(map("{\"title\":\"Outer\",\"event\":\"e\",\"data\":{\"title\":\"Inner\"}}").title()).isEqualTo("Outer");
    }

    @Test
    void readsEveryFieldThroughItsAliases() throws Exception {
        Alert a = map("{\"message\":\"Disk full\",\"level\":\"warn\",\"action\":\"ack\",\"alert_id\":42,\"origin\":\"nagios\","
                + "\"details\":\"97% used\",\"component\":\"db\",\"time\":\"2026-03-04T10:00:00Z\",\"url\":\"https://x.example/1\","
                + "\"tags\":[\"env:prod\",\"team=ops\"]}");

        assertThat(a.title()).isEqualTo("Disk full");
        assertThat(a.severity()).isEqualTo(Severity.WARNING);
        assertThat(a.rawSeverity()).contains("warn");
        assertThat(a.status()).isEqualTo(AlertStatus.ACKNOWLEDGE);
        assertThat(a.dedupKey()).contains("webhook:42");
        assertThat(a.source()).isEqualTo("nagios");
        assertThat(a.description()).contains("97% used");
        assertThat(a.service()).contains("db");
        assertThat(a.occurredAt()).contains(Instant.parse("2026-03-04T10:00:00Z"));
        assertThat(a.links()).containsExactly("https://x.example/1");
        assertThat(a.labels()).containsEntry("env", "prod").containsEntry("team", "ops");
    }

    @Test
    void appliesDocumentedDefaultsWhenFieldsAreMissing() throws Exception {
        Alert a = map("{}");

        assertThat(a.title()).isEqualTo("webhook alert");
        assertThat(a.status()).isEqualTo(AlertStatus.TRIGGER);
        assertThat(a.severity()).isEqualTo(Severity.ERROR);
        assertThat(a.rawSeverity()).isEmpty();
        assertThat(a.source()).isEqualTo("webhook");
        assertThat(a.dedupKey()).hasValueSatisfying(k -> assertThat(k).matches("webhook:[0-9a-f]{16}"));
    }

    @Test
    void derivesTheSameKeyForTheSameSourceAndTitleOnly() throws Exception {
        String k1 = map("{\"title\":\"Queue stalled\",\"source\":\"q\",\"status\":\"firing\"}").dedupKey().orElseThrow();
        String k2 = map("{\"title\":\"Queue stalled\",\"source\":\"q\",\"status\":\"resolved\"}").dedupKey().orElseThrow();
        String k3 = map("{\"title\":\"Queue stalled\",\"source\":\"other\"}").dedupKey().orElseThrow();

        assertThat(k1).isEqualTo(k2).isNotEqualTo(k3);
    }

    @Test
    void leavesTheKeyAbsentWhenDerivingIsOff() throws Exception {
        PayloadMapper mapper = Mappers.byId("webhook", MappingPolicy.builder().deriveMissingDedupKey(false).build());

        assertThat(map(mapper, "{\"title\":\"x\"}").dedupKey()).isEmpty();
    }

    @Test
    void unknownStatusGetsTheDefaultAndKeepsTheWordAsALabel() throws Exception {
        Alert a = map("{\"title\":\"x\",\"status\":\"escalated\"}");

        assertThat(a.status()).isEqualTo(AlertStatus.TRIGGER);
        assertThat(a.labels()).containsEntry("raw_status", "escalated");
    }

    @Test
    void resolveWithoutSeverityIsInfo() throws Exception {
        assertThat(map("{\"title\":\"x\",\"status\":\"ok\"}").severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void userAliasesWinOverBuiltInOnesAndMayBeNestedOrJsonPath() throws Exception {
        MappingPolicy policy = MappingPolicy.builder()
                .alias(Field.TITLE, "alert.name")
                .alias(Field.SEVERITY, "$.alert.labels[?(@.key == 'sev')].value")
                .alias(Field.DEDUP_KEY, "alert.fingerprint")
                .alias(Field.STATUS, "alert.state")
                .build();
        String json = "{\"title\":\"ignored\",\"id\":\"ignored\",\"alert\":{\"name\":\"Nested title\",\"state\":\"RESOLVED\","
                + "\"fingerprint\":\"fp-1\",\"labels\":[{\"key\":\"sev\",\"value\":\"high\"}]}}";

        Alert a = map(Mappers.byId("webhook", policy), json);

        assertThat(a.title()).isEqualTo("Nested title");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.status()).isEqualTo(AlertStatus.RESOLVE);
        assertThat(a.dedupKey()).contains("webhook:fp-1");
    }

    @Test
    void aTopLevelFieldWithADottedNameWinsOverTheNestedPath() throws Exception {
        MappingPolicy policy = MappingPolicy.builder().alias(Field.SERVICE, "k8s.app").build();

        assertThat(map(Mappers.byId("webhook", policy), "{\"k8s.app\":\"flat\",\"k8s\":{\"app\":\"nested\"}}").service()).contains("flat");
        assertThat(map(Mappers.byId("webhook", policy), "{\"k8s\":{\"app\":\"nested\"}}").service()).contains("nested");
    }

    @Test
    void extraStatusWordsExtendTheTable() throws Exception {
        MappingPolicy policy = MappingPolicy.builder().statusWord("raised", AlertStatus.TRIGGER).statusWord("cleared", AlertStatus.RESOLVE)
                .build();

        assertThat(map(Mappers.byId("webhook", policy), "{\"state\":\"Cleared\"}").status()).isEqualTo(AlertStatus.RESOLVE);
    }

    @Test
    void linksMayBeObjectsWithHref() throws Exception {
        Alert a = map("{\"links\":[{\"href\":\"https://a.example\"},{\"url\":\"https://b.example\"},\"https://c.example\"]}");

        assertThat(a.links()).containsExactly("https://a.example", "https://b.example", "https://c.example");
    }

    @Test
    void rejectsAPayloadThatIsNotAnObject() throws Exception {
        JsonNode array = Samples.JSON.readTree("[{\"title\":\"x\"}]");

        assertThatThrownBy(() -> Mappers.byId("webhook").map(array, REQUEST))
                .isInstanceOf(PayloadMappingException.class)
                .hasMessageContaining("webhook mapper expects a JSON object but got ARRAY");
    }
}
