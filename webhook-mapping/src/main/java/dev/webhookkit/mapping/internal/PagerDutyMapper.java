package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.Timestamps;
import java.util.List;
import java.util.Locale;

/**
 * PagerDuty in both directions. Events API v2 bodies (what monitoring tools send to PagerDuty:
 * {@code event_action} trigger|acknowledge|resolve, {@code dedup_key}, {@code payload.severity}),
 * and v3 webhooks (what PagerDuty sends out: {@code event.event_type} incident.triggered|
 * reopened|unacknowledged trigger, incident.acknowledged acknowledges, incident.resolved resolves,
 * other types change nothing; severity from the incident priority P1..P5, else urgency).
 */
public final class PagerDutyMapper extends ProviderMapper {
    private static final Words<AlertStatus> ACTION = Words.<AlertStatus>builder()
            .put(AlertStatus.TRIGGER, "trigger")
            .put(AlertStatus.ACKNOWLEDGE, "acknowledge")
            .put(AlertStatus.RESOLVE, "resolve")
            .build();

    private static final Words<Severity> EVENT_SEVERITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "critical")
            .put(Severity.ERROR, "error")
            .put(Severity.WARNING, "warning")
            .put(Severity.INFO, "info")
            .build();

    private static final Words<Severity> URGENCY = Words.<Severity>builder()
            .put(Severity.ERROR, "high")
            .put(Severity.WARNING, "low")
            .build();

    public PagerDutyMapper(MappingPolicy policy) {
        super("pagerduty", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        if (payload.has("event_action")) {
            return List.of(eventsV2(payload));
        }
        if (payload.path("event").has("event_type")) {
            return webhookV3(payload, payload.path("event"));
        }
        throw malformed("payload is neither an Events API v2 event (event_action) nor a v3 webhook (event.event_type)");
    }

    private Alert eventsV2(JsonNode payload) {
        String action = Nodes.text(payload, "event_action");
        AlertStatus status = ACTION.get(action).orElseThrow(() -> malformed("event_action must be trigger, acknowledge or resolve"
                + " but was '" + action + "'"));
        JsonNode p = payload.path("payload");
        String dedupKey = Nodes.text(payload, "dedup_key");
        Alert.Builder b = alert(payload, Nodes.first(Nodes.text(p, "source"), "pagerduty"), status,
                Nodes.text(p, "severity"), EVENT_SEVERITY)
                .title(Nodes.first(Nodes.text(p, "summary"), dedupKey == null ? null : status.id() + " " + dedupKey,
                        "PagerDuty event"))
                .service(Nodes.first(Nodes.text(p, "group"), Nodes.text(p, "component")))
                .dedupKey(key(dedupKey))
                .label("component", Nodes.text(p, "component"))
                .label("group", Nodes.text(p, "group"))
                .label("class", Nodes.text(p, "class"))
                .label("client", Nodes.text(payload, "client"))
                .labels(Nodes.scalars(p.path("custom_details")))
                .occurredAt(Timestamps.parse(p.path("timestamp")).orElse(null));
        for (JsonNode link : payload.path("links")) {
            b.link(Nodes.text(link, "href"));
        }
        return b.link(Nodes.text(payload, "client_url")).build();
    }

    private List<Alert> webhookV3(JsonNode payload, JsonNode event) {
        String type = Nodes.first(Nodes.text(event, "event_type"), "").toLowerCase(Locale.ROOT);
        AlertStatus status;
        switch (type) {
            case "incident.triggered", "incident.reopened", "incident.unacknowledged" -> status = AlertStatus.TRIGGER;
            case "incident.acknowledged" -> status = AlertStatus.ACKNOWLEDGE;
            case "incident.resolved" -> status = AlertStatus.RESOLVE;
            default -> {
                return List.of();
            }
        }
        JsonNode incident = event.path("data");
        String priority = Nodes.text(incident, "priority", "summary");
        String urgency = Nodes.text(incident, "urgency");
        Severity severity = Nodes.first(severity(priority, Tables.PRIORITY), severity(urgency, URGENCY));
        List<String> teams = incident.path("teams").findValuesAsText("summary");
        Alert.Builder b = alert(payload, "pagerduty", status, severity)
                .rawSeverity(rawSeverity(Nodes.first(priority, urgency)))
                .title(Nodes.first(Nodes.text(incident, "title"), Nodes.text(incident, "summary"), "PagerDuty incident"))
                .service(Nodes.text(incident, "service", "summary"))
                .dedupKey(key(Nodes.text(incident, "id")))
                .label("incident_number", Nodes.text(incident, "number"))
                .label("incident_key", Nodes.text(incident, "incident_key"))
                .label("urgency", urgency)
                .label("priority", priority)
                .label("escalation_policy", Nodes.text(incident, "escalation_policy", "summary"))
                .label("teams", teams.isEmpty() ? null : String.join(",", teams))
                .link(Nodes.text(incident, "html_url"))
                .occurredAt(Timestamps.parse(event.path("occurred_at")).orElse(null));
        return List.of(b.build());
    }
}
