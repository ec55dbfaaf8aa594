package dev.webhookkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.MutableClock;
import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.Registration;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.RateLimiter;
import dev.webhookkit.core.spi.TemplateRenderer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in implementations of core's SPIs that are not covered through the receiver. */
class CoreDefaultsTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");

    private static EventRecord record(String id, Reason reason, String body) {
        return new EventRecord(id, "ep", Instant.EPOCH, reason.httpStatus(), reason, "", "", "", body.getBytes(), false, List.of(),
                "", HandlerResponse.empty(), "", "", Duration.ZERO);
    }

    @Test
    void eventLogKeepsTheNewestWithinCapacityAndReplacesById() {
        EventLog log = EventLog.inMemory(3, 1024);
        log.record(record("1", Reason.ACCEPTED, "a"));
        log.record(record("2", Reason.PROCESSED, "b"));
        log.record(record("3", Reason.PROCESSED, "c"));
        log.record(record("1", Reason.PROCESSED, "a"));
        log.record(record("4", Reason.DUPLICATE, "d"));
        assertThat(log.recent(10)).extracting(EventRecord::eventId).containsExactly("4", "3", "2");
        assertThat(log.find("1")).isEmpty();
        assertThat(log.recent(1)).extracting(EventRecord::eventId).containsExactly("4");
    }

    @Test
    void eventLogTruncatesLargeBodies() {
        EventLog log = EventLog.inMemory(10, 4);
        log.record(record("1", Reason.PROCESSED, "abcdefgh"));
        EventRecord kept = log.find("1").orElseThrow();
        assertThat(kept.bodyAsString()).isEqualTo("abcd");
        assertThat(kept.bodyTruncated()).isTrue();
        assertThatThrownBy(() -> EventLog.inMemory(0, 1)).isInstanceOf(ConfigurationException.class).hasMessageContaining("capacity");
    }

    @Test
    void tokenBucketAllowsBurstThenRefillsSmoothly() {
        RateLimiter limiter = RateLimiter.inMemory(clock);
        RateLimit limit = new RateLimit(3, Duration.ofSeconds(3));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("ep", limit).allowed()).isTrue();
        }
        var denied = limiter.tryAcquire("ep", limit);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("other", limit).allowed()).isTrue();
        clock.advance(Duration.ofMillis(999));
        assertThat(limiter.tryAcquire("ep", limit).allowed()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("ep", limit).allowed()).isTrue();
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("ep", limit).allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire("ep", limit).allowed()).as("burst is capped at permits").isFalse();
    }

    @Test
    void simpleTemplateResolvesDottedPathsListsAndMissingValues() {
        var t = TemplateRenderer.simple().compile("{{a.b}}|{{list.1}}|{{missing.x}}|{{ n }}");
        assertThat(t.render(Map.of("a", Map.of("b", "B"), "list", List.of("x", "y"), "n", 7))).isEqualTo("B|y||7");
        assertThatThrownBy(() -> TemplateRenderer.simple().compile("{{}}")).isInstanceOf(ConfigurationException.class)
                .hasMessage("empty '{{}}' at offset 0");
    }

    @Test
    void alertJsonUsesDesignNamesAndLowerCaseEnums() throws Exception {
        Alert alert = Alert.builder().title("Disk full").severity(Severity.CRITICAL).status(AlertStatus.TRIGGER).source("prometheus")
                .dedupKey("prometheus:abc").service("db").label("env", "prod").link("https://grafana/d/1")
                .occurredAt(Instant.parse("2026-11-22T12:00:00Z")).build();
        var json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(alert));
        assertThat(json.get("severity").asText()).isEqualTo("critical");
        assertThat(json.get("status").asText()).isEqualTo("trigger");
        assertThat(json.get("dedupKey").asText()).isEqualTo("prometheus:abc");
        assertThat(json.get("occurredAt").asText()).isEqualTo("2026-11-22T12:00:00Z");
        assertThat(json.get("labels").get("env").asText()).isEqualTo("prod");
        assertThat(json.has("description")).isFalse();
        assertThat(json.has("payload")).isFalse();
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("title", "severity", "status", "dedupKey", "source", "service", "labels", "links", "occurredAt");
    }

    @Test
    void aBuilderReusedAfterBuildNeverChangesTheAlertItBuilt() {
        Alert.Builder b = Alert.builder().title("t").severity(Severity.INFO).status(AlertStatus.TRIGGER).source("s").label("a", "1");
        Alert first = b.build();
        Alert second = b.label("b", "2").build();
        assertThat(first.labels()).containsOnlyKeys("a");
        assertThat(second.labels()).containsOnlyKeys("a", "b");
        assertThatThrownBy(() -> first.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eventIdsAreUniqueVersion4Uuids() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = EventIds.next();
            assertThat(java.util.UUID.fromString(id).version()).isEqualTo(4);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
