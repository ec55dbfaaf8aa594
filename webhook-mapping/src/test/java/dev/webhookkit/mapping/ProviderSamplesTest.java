package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.spi.PayloadMapper;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample maps to exactly the alerts in its expected file: title, severity, status, dedup key,
 * source, description, service, labels, links, occurredAt and raw severity, in order.
 */
class ProviderSamplesTest {

    static List<Samples> samples() {
        return Samples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void mapsSampleToExpectedAlerts(Samples sample) {
        PayloadMapper mapper = Mappers.byId(sample.mapperId());

        List<Alert> alerts = mapper.map(sample.payload(), sample.request());

        JsonNode actual = Samples.JSON.valueToTree(alerts);
        assertThat(actual).as("alerts of %s", sample).isEqualTo(sample.expected().path("alerts"));
        assertThat(mapper.id()).isEqualTo(sample.mapperId());
    }

    @Test
    void everyBuiltInMapperHasATriggerAndAResolveSample() {
        Map<String, Set<AlertStatus>> statuses = samples().stream().collect(Collectors.groupingBy(Samples::mapperId,
                Collectors.flatMapping(s -> {
                    Set<AlertStatus> seen = EnumSet.noneOf(AlertStatus.class);
                    s.expected().path("alerts").forEach(a -> seen.add(AlertStatus.fromId(a.path("status").asText()).orElseThrow()));
                    return seen.stream();
                }, Collectors.toSet())));

        for (String id : Mappers.builtInIds()) {
            assertThat(statuses.get(id)).as("statuses sampled for %s", id)
                    .isNotNull()
                    .contains(AlertStatus.TRIGGER, AlertStatus.RESOLVE);
        }
    }

    @Test
    void everyAlertIsKeyedUnderItsMapperId() {
        for (Samples s : samples()) {
            s.expected().path("alerts").forEach(a ->
                    assertThat(a.path("dedupKey").asText()).as("dedup key in %s", s).startsWith(s.mapperId() + ":"));
        }
    }
}
