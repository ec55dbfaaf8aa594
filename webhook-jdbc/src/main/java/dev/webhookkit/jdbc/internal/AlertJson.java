package dev.webhookkit.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts as the JSON array kept in the event table, in the Alert's own JSON form. Read back, an
 * alert has every field but its payload (the event's body holds that).
 */
public final class AlertJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson() {
    }

    public static String write(List<Alert> alerts) {
        try {
            return JSON.writeValueAsString(alerts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alerts could not be written as JSON", e);
        }
    }

    public static List<Alert> read(String json) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alerts are not JSON", e);
        }
        List<Alert> out = new ArrayList<>(array.size());
        for (JsonNode a : array) {
            Alert.Builder b = Alert.builder()
                    .title(a.path("title").asText())
                    .severity(Severity.fromId(a.path("severity").asText()).orElse(Severity.INFO))
                    .status(AlertStatus.fromId(a.path("status").asText()).orElse(AlertStatus.TRIGGER))
                    .source(a.path("source").asText())
                    .dedupKey(text(a, "dedupKey"))
                    .description(text(a, "description"))
                    .service(text(a, "service"))
                    .rawSeverity(text(a, "rawSeverity"));
            a.path("labels").properties().forEach(e -> b.label(e.getKey(), e.getValue().asText()));
            a.path("links").forEach(l -> b.link(l.asText()));
            String occurredAt = text(a, "occurredAt");
            b.occurredAt(occurredAt == null ? null : Instant.parse(occurredAt));
            out.add(b.build());
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
