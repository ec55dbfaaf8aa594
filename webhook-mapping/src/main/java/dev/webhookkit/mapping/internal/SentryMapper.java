package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sentry's integration-platform webhooks, by {@code Sentry-Hook-Resource} (or, without the header,
 * by the body's shape): {@code event_alert} (issue alert rules), {@code metric_alert},
 * {@code issue}, {@code error}; and the legacy webhooks plugin body ({@code id}, {@code level},
 * {@code message}). Issue ids key the dedup, so an issue alert and the issue's later
 * {@code resolved} webhook pair up.
 */
public final class SentryMapper extends ProviderMapper {
    private static final String SOURCE = "sentry";

    /** Sentry levels; debug is the only word the generic table lacks. */
    private static final Words<Severity> LEVEL = Words.<Severity>builder()
            .put(Severity.CRITICAL, "fatal", "critical")
            .put(Severity.ERROR, "error")
            .put(Severity.WARNING, "warning")
            .put(Severity.INFO, "info", "debug", "sample")
            .build();

    public SentryMapper(MappingPolicy policy) {
        super("sentry", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        JsonNode data = payload.path("data");
        String resource = request.header("Sentry-Hook-Resource").map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("");
        String action = Nodes.text(payload, "action");
        if (resource.equals("metric_alert") || data.has("metric_alert")) {
            return List.of(metricAlert(payload, data, action));
        }
        if (resource.equals("event_alert") || data.has("triggered_rule") || data.path("event").isObject()) {
            return List.of(eventAlert(payload, data.path("event"), Nodes.text(data, "triggered_rule")));
        }
        if (resource.equals("issue") || data.has("issue")) {
            return issue(payload, data.path("issue"), action);
        }
        if (resource.equals("error") || data.has("error")) {
            return List.of(eventAlert(payload, data.path("error"), null));
        }
        if (!resource.isEmpty()) {
            return List.of(); // installation, comment, seer …: not alerts
        }
        if (payload.has("level") && payload.has("id")) {
            return List.of(legacyPlugin(payload));
        }
        throw malformed("payload is none of event_alert, metric_alert, issue, error or the legacy plugin body");
    }

    /** An issue alert rule fired for an event, or an error webhook: always a trigger. */
    private Alert eventAlert(JsonNode payload, JsonNode event, String rule) {
        String issueId = Nodes.first(Nodes.text(event, "issue_id"), Nodes.text(event, "groupID"));
        return alert(payload, SOURCE, AlertStatus.TRIGGER, Nodes.text(event, "level"), LEVEL)
                .title(Nodes.first(Nodes.text(event, "title"), Nodes.text(event, "message"), "Sentry event"))
                .description(Nodes.text(event, "culprit"))
                .service(Nodes.text(event, "project_slug"))
                .dedupKey(Nodes.first(key(issueId), key("event", Nodes.text(event, "event_id"))))
                .labels(tags(event.path("tags")))
                .label("rule", rule)
                .link(Nodes.text(event, "web_url"))
                .occurredAt(Timestamps.parse(event.path("datetime")).or(() -> Timestamps.parse(event.path("timestamp")))
                        .orElse(null))
                .build();
    }

    /** action critical|warning|resolved; the incident id pairs them. */
    private Alert metricAlert(JsonNode payload, JsonNode data, String action) {
        JsonNode incident = data.path("metric_alert");
        JsonNode rule = incident.path("alert_rule");
        AlertStatus status = "resolved".equalsIgnoreCase(action) ? AlertStatus.RESOLVE : AlertStatus.TRIGGER;
        String severityWord = status == AlertStatus.RESOLVE ? null : action;
        return alert(payload, SOURCE, status, severityWord, LEVEL)
                .title(Nodes.first(Nodes.text(data, "description_title"), Nodes.text(rule, "name"), "Sentry metric alert"))
                .description(Nodes.text(data, "description_text"))
                .service(Nodes.joined(rule.path("projects")))
                .dedupKey(key("metric", Nodes.first(Nodes.text(incident, "id"), Nodes.text(incident, "identifier"))))
                .label("rule", Nodes.text(rule, "name"))
                .label("environment", Nodes.text(rule, "environment"))
                .link(Nodes.text(data, "web_url"))
                .occurredAt(Timestamps.parse(Nodes.first(Nodes.text(incident, "date_closed"),
                        Nodes.text(incident, "date_detected"), Nodes.text(incident, "date_started"))).orElse(null))
                .build();
    }

    /** created|unresolved trigger, resolved|archived|ignored resolve; assigned changes nothing. */
    private List<Alert> issue(JsonNode payload, JsonNode issue, String action) {
        AlertStatus status;
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        switch (a) {
            case "created", "unresolved" -> status = AlertStatus.TRIGGER;
            case "resolved", "archived", "ignored" -> status = AlertStatus.RESOLVE;
            default -> {
                return List.of();
            }
        }
        Alert alert = alert(payload, SOURCE, status, Nodes.text(issue, "level"), LEVEL)
                .title(Nodes.first(Nodes.text(issue, "title"), "Sentry issue"))
                .description(Nodes.text(issue, "culprit"))
                .service(Nodes.first(Nodes.text(issue, "project", "slug"), Nodes.text(issue, "project", "name")))
                .dedupKey(key(Nodes.text(issue, "id")))
                .label("short_id", Nodes.text(issue, "shortId"))
                .label("substatus", Nodes.text(issue, "substatus"))
                .label("action", a)
                .link(Nodes.text(issue, "web_url"))
                .occurredAt(Timestamps.parse(issue.path("lastSeen")).orElse(null))
                .build();
        return List.of(alert);
    }

    private Alert legacyPlugin(JsonNode payload) {
        return alert(payload, SOURCE, AlertStatus.TRIGGER, Nodes.text(payload, "level"), LEVEL)
                .title(Nodes.first(Nodes.text(payload, "message"), Nodes.text(payload, "culprit"), "Sentry event"))
                .description(Nodes.text(payload, "culprit"))
                .service(Nodes.first(Nodes.text(payload, "project_slug"), Nodes.text(payload, "project")))
                .dedupKey(key(Nodes.text(payload, "id")))
                .link(Nodes.text(payload, "url"))
                .build();
    }

    /** Sentry tags are [key, value] pairs (or {key, value} objects in some versions). */
    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : tags) {
            String k = t.isArray() ? Nodes.text(t.path(0)) : Nodes.text(t, "key");
            String v = t.isArray() ? Nodes.text(t.path(1)) : Nodes.text(t, "value");
            if (k != null && v != null) {
                out.put(k, v);
            }
        }
        return out;
    }
}
