package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.mapping.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's webhook body ({@code version "4"}, {@code alerts[]}), which Grafana's unified
 * alerting reuses with extra per-alert URLs: one alert per {@code alerts[]} entry.
 */
final class AlertmanagerFormat {
    /** Per-alert URL fields to link, in order, besides {@code annotations.runbook_url}. */
    private final List<String> alertUrlFields;
    private final String source;
    private final String defaultTitle;

    AlertmanagerFormat(String source, List<String> alertUrlFields) {
        this.source = source;
        this.defaultTitle = source + " alert";
        this.alertUrlFields = List.copyOf(alertUrlFields);
    }

    static boolean matches(JsonNode payload) {
        return payload.path("alerts").isArray();
    }

    List<Alert> map(ProviderMapper mapper, JsonNode payload) {
        JsonNode alerts = payload.path("alerts");
        if (!alerts.isArray()) {
            throw mapper.malformed("payload has no alerts[] array");
        }
        List<Alert> out = new ArrayList<>(alerts.size());
        for (JsonNode a : alerts) {
            if (a.isObject()) {
                out.add(mapOne(mapper, payload, a));
            }
        }
        return out;
    }

    private Alert mapOne(ProviderMapper mapper, JsonNode payload, JsonNode a) {
        JsonNode labels = a.path("labels");
        JsonNode annotations = a.path("annotations");
        AlertStatus status = status(statusWord(a, payload), mapper);
        String severityWord = Nodes.firstText(labels, "severity", "priority");
        String title = Nodes.field(annotations, "summary");
        if (title == null) {
            title = Nodes.first(Nodes.field(annotations, "title"), Nodes.field(labels, "alertname"), defaultTitle);
        }

        Alert.Builder b = mapper.alert(a, source, status, severityWord, Tables.LABEL_SEVERITY)
                .title(title)
                .description(Nodes.firstText(annotations, "description", "message"))
                .service(Nodes.firstText(labels, "service", "app"))
                .dedupKey(mapper.key(fingerprint(a, labels)))
                .occurredAt(occurredAt(a, status));
        Nodes.forEachScalar(labels, b::label);
        for (int i = 0; i < alertUrlFields.size(); i++) {
            b.link(Nodes.field(a, alertUrlFields.get(i)));
        }
        b.link(Nodes.field(annotations, "runbook_url"));
        b.link(Nodes.field(payload, "externalURL"));
        return b.build();
    }

    /** The alert's own status, else the group's; the group's is read only when needed. */
    private static String statusWord(JsonNode a, JsonNode payload) {
        String word = Nodes.field(a, "status");
        return word != null ? word : Nodes.field(payload, "status");
    }

    private static AlertStatus status(String word, ProviderMapper mapper) {
        if ("firing".equalsIgnoreCase(word)) {
            return AlertStatus.TRIGGER;
        }
        if ("resolved".equalsIgnoreCase(word)) {
            return AlertStatus.RESOLVE;
        }
        return mapper.policy.defaultStatus();
    }

    /** Resolved alerts happened when they ended; Go's zero time (year 1) means "not ended". */
    private static Instant occurredAt(JsonNode a, AlertStatus status) {
        if (status == AlertStatus.RESOLVE) {
            Instant ended = Timestamps.parse(a.path("endsAt")).orElse(null);
            if (ended != null && ended.getEpochSecond() > 0) {
                return ended;
            }
        }
        Instant started = Timestamps.parse(a.path("startsAt")).orElse(null);
        return started != null && started.getEpochSecond() > 0 ? started : null;
    }

    /** Alertmanager's fingerprint is a hash of the label set; a digest of it stands in when a sender leaves it out. */
    private static String fingerprint(JsonNode a, JsonNode labels) {
        String fingerprint = Nodes.field(a, "fingerprint");
        if (fingerprint != null) {
            return fingerprint;
        }
        Map<String, String> sorted = new TreeMap<>(Nodes.scalars(labels));
        return sorted.isEmpty() ? null : Hashes.shortSha256(sorted.toString());
    }
}
