package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.PayloadMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MappersTest {
    /** The contract other modules (CLI, examples) code against. */
    private static final List<String> CONTRACT_IDS = List.of("prometheus", "grafana", "datadog", "newrelic", "sentry", "cloudwatch",
            "azure", "google-cloud-monitoring", "dynatrace", "appdynamics", "splunk-oncall", "splunk-observability", "elastic",
            "honeycomb", "uptimerobot", "pingdom", "better-uptime", "uptime-kuma", "github", "bitbucket", "webhook", "gitlab",
            "pagerduty", "opsgenie", "moxxy");

    @Test
    void knowsEveryContractIdAndEachMapperReportsIt() {
        assertThat(Mappers.builtInIds()).containsExactlyElementsOf(CONTRACT_IDS);
        assertThat(Mappers.ids()).startsWith(CONTRACT_IDS.toArray(String[]::new));
        for (String id : CONTRACT_IDS) {
            assertThat(Mappers.byId(id).id()).isEqualTo(id);
            assertThat(Mappers.find(id)).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(id));
        }
    }

    @Test
    void unknownIdIsAConfigurationErrorListingTheKnownIds() {
        assertThatThrownBy(() -> Mappers.byId("nagios"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("mapper id must be one of [prometheus, grafana,")
                .hasMessageContaining("opsgenie")
                .hasMessageEndingWith("but was 'nagios'");
        assertThat(Mappers.find("nagios")).isEmpty();
    }

    @Test
    void acceptsOtherCommonNamesAndAnyCase() {
        assertThat(Mappers.byId("alertmanager").id()).isEqualTo("prometheus");
        assertThat(Mappers.byId("SignalFx").id()).isEqualTo("splunk-observability");
        assertThat(Mappers.byId("victorops").id()).isEqualTo("splunk-oncall");
        assertThat(Mappers.byId("betteruptime").id()).isEqualTo("better-uptime");
        assertThat(Mappers.byId(" GitHub ").id()).isEqualTo("github");
        assertThat(Mappers.byId("generic").id()).isEqualTo("webhook");
        assertThat(Mappers.ids()).doesNotContain("alertmanager", "generic");
    }

    @Test
    void registeredMapperIsFoundWithThePolicyGiven() {
        MappingPolicy policy = MappingPolicy.builder().defaultSeverity(Severity.WARNING).build();
        Mappers.register("acme-monitor", p -> new PayloadMapper() {
            @Override
            public List<Alert> map(JsonNode payload, WebhookRequest request) {
                return List.of(Alert.builder().title("acme").source("acme").status(AlertStatus.TRIGGER)
                        .severity(p.defaultSeverity(AlertStatus.TRIGGER)).build());
            }

            @Override
            public String id() {
                return "acme-monitor";
            }
        });
        try {
            PayloadMapper mapper = Mappers.byId("acme-monitor", policy);
            assertThat(mapper.map(Samples.JSON.createObjectNode(), WebhookRequest.builder().build()))
                    .extracting(Alert::severity).containsExactly(Severity.WARNING);
            assertThat(Mappers.ids()).endsWith("acme-monitor");
        } finally {
            assertThat(Mappers.unregister("acme-monitor")).isTrue();
        }
        assertThat(Mappers.find("acme-monitor")).isEmpty();
        assertThat(Mappers.unregister("acme-monitor")).isFalse();
    }

    @Test
    void refusesToReplaceBuiltInsOrTakenIds() {
        assertThatThrownBy(() -> Mappers.register("prometheus", p -> PayloadMapper.none()))
                .isInstanceOf(ConfigurationException.class).hasMessage("mapper id 'prometheus' is already registered");
        assertThatThrownBy(() -> Mappers.register("alertmanager", p -> PayloadMapper.none()))
                .isInstanceOf(ConfigurationException.class).hasMessage("mapper id 'alertmanager' is already registered");
        assertThatThrownBy(() -> Mappers.unregister("github"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("built in");
        assertThatThrownBy(() -> Mappers.register("Bad Id", p -> PayloadMapper.none()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("but was 'Bad Id'");
    }

    @Test
    void factoryReturningNullIsAConfigurationError() {
        Mappers.register("null-factory", p -> null);
        try {
            assertThatThrownBy(() -> Mappers.byId("null-factory"))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("returned null");
        } finally {
            Mappers.unregister("null-factory");
        }
    }

    @Test
    void concurrentRegistrationsAreAllKept() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int n = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 25; i++) {
                        Mappers.register("concurrent-" + n + "-" + i, p -> PayloadMapper.none());
                        Mappers.byId("prometheus");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(Mappers.ids()).filteredOn(id -> id.startsWith("concurrent-")).hasSize(threads * 25);
        } finally {
            pool.shutdownNow();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < 25; i++) {
                    Mappers.unregister("concurrent-" + t + "-" + i);
                }
            }
        }
        assertThat(Mappers.ids()).containsExactlyElementsOf(CONTRACT_IDS);
    }
}
