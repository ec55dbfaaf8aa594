package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingPolicyTest {
    private static final WebhookRequest REQUEST = WebhookRequest.builder().body("{}").build();

    @Test
    void defaultsAreErrorForTriggerAndAcknowledgeAndInfoForResolve() {
        MappingPolicy p = MappingPolicy.defaults();

        assertThat(p.defaultSeverity(AlertStatus.TRIGGER)).isEqualTo(Severity.ERROR);
        assertThat(p.defaultSeverity(AlertStatus.ACKNOWLEDGE)).isEqualTo(Severity.ERROR);
        assertThat(p.defaultSeverity(AlertStatus.RESOLVE)).isEqualTo(Severity.INFO);
        assertThat(p.defaultStatus()).isEqualTo(AlertStatus.TRIGGER);
        assertThat(p.namespaceDedupKeys()).isTrue();
        assertThat(p.deriveMissingDedupKey()).isTrue();
        assertThat(p.aliases(Field.TITLE)).isEmpty();
    }

    @Test
    void configuredDefaultSeverityReachesProvidersThatSendNone() throws Exception {
        MappingPolicy policy = MappingPolicy.builder().defaultSeverity(AlertStatus.TRIGGER, Severity.WARNING).build();
        JsonNode payload = Samples.JSON.readTree("{\"id\":\"t1\",\"name\":\"Errors\",\"status\":\"TRIGGERED\"}");

        Alert alert = Mappers.byId("honeycomb", policy).map(payload, REQUEST).get(0);

        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(Mappers.byId("honeycomb").map(payload, REQUEST).get(0).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void oneDefaultSeverityCanCoverEveryStatus() {
        MappingPolicy p = MappingPolicy.builder().defaultSeverity(Severity.CRITICAL).build();

        for (AlertStatus s : AlertStatus.values()) {
            assertThat(p.defaultSeverity(s)).isEqualTo(Severity.CRITICAL);
        }
    }

    @Test
    void extraSeverityWordsAreConsultedBeforeAProvidersTable() throws Exception {
        MappingPolicy policy = MappingPolicy.builder().severityWord("page", Severity.WARNING).severityWord(" SEV1 ", Severity.CRITICAL).build();
        JsonNode payload = Samples.JSON.readTree("{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"severity\":\"page\"}},"
                + "{\"status\":\"firing\",\"labels\":{\"alertname\":\"B\",\"severity\":\"sev1\"}}]}");

        List<Alert> alerts = Mappers.byId("prometheus", policy).map(payload, REQUEST);

        assertThat(alerts).extracting(Alert::severity).containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(alerts.get(0).rawSeverity()).contains("page");
        assertThat(policy.severityWord("Sev1")).contains(Severity.CRITICAL);
    }

    @Test
    void namespacingOfDedupKeysCanBeTurnedOff() throws Exception {
        MappingPolicy policy = MappingPolicy.builder().namespaceDedupKeys(false).build();
        JsonNode payload = Samples.JSON.readTree("{\"alerts\":[{\"status\":\"firing\",\"fingerprint\":\"abc\",\"labels\":{}}]}");

        assertThat(Mappers.byId("prometheus", policy).map(payload, REQUEST).get(0).dedupKey()).contains("abc");
        assertThat(Mappers.byId("prometheus").map(payload, REQUEST).get(0).dedupKey()).contains("prometheus:abc");
    }

    @Test
    void rejectsBlankAliasNamingTheSetting() {
        assertThatThrownBy(() -> MappingPolicy.builder().alias(Field.TITLE, "  ").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("alias for title must not be blank but was '  '");
    }

    @Test
    void rejectsInvalidJsonPathAliasNamingTheExpression() {
        assertThatThrownBy(() -> MappingPolicy.builder().alias(Field.DEDUP_KEY, "$.alerts[?(").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("alias for dedup_key")
                .hasMessageContaining("'$.alerts[?('");
    }

    @Test
    void rejectsBlankWords() {
        assertThatThrownBy(() -> MappingPolicy.builder().severityWord(" ", Severity.INFO).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("severityWord");
        assertThatThrownBy(() -> MappingPolicy.builder().statusWord("", AlertStatus.RESOLVE).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("statusWord");
    }

    @Test
    void toBuilderCopiesEverySetting() {
        MappingPolicy p = MappingPolicy.builder()
                .defaultSeverity(AlertStatus.RESOLVE, Severity.WARNING)
                .defaultStatus(AlertStatus.ACKNOWLEDGE)
                .alias(Field.TITLE, "alert.name")
                .severityWord("sev1", Severity.CRITICAL)
                .statusWord("raised", AlertStatus.TRIGGER)
                .namespaceDedupKeys(false)
                .deriveMissingDedupKey(false)
                .build();

        MappingPolicy copy = p.toBuilder().build();

        assertThat(copy).isEqualTo(p).hasSameHashCodeAs(p);
        assertThat(copy.aliases(Field.TITLE)).containsExactly("alert.name");
        assertThat(p.toBuilder().alias(Field.TITLE, "x").build()).isNotEqualTo(p);
        assertThat(p.aliases(Field.TITLE)).containsExactly("alert.name");
    }
}
