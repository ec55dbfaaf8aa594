package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.Timestamps;
import java.util.List;

/**
 * New Relic. Workflow webhooks with the default payload template ({@code id} = issueId,
 * {@code state} CREATED|ACTIVATED|ACKNOWLEDGED|CLOSED, {@code priority} CRITICAL|HIGH|MEDIUM|LOW),
 * and the legacy alert-channel webhook ({@code incident_id}, {@code current_state}
 * open|acknowledged|closed, {@code severity} CRITICAL|WARNING|INFO).
 */
public final class NewRelicMapper extends ProviderMapper {
    private static final Words<AlertStatus> STATE = Words.<AlertStatus>builder()
            .put(AlertStatus.TRIGGER, "CREATED", "ACTIVATED", "open")
            .put(AlertStatus.ACKNOWLEDGE, "ACKNOWLEDGED")
            .put(AlertStatus.RESOLVE, "CLOSED")
            .build();

    private static final Words<Severity> PRIORITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "CRITICAL")
            .put(Severity.ERROR, "HIGH")
            .put(Severity.WARNING, "MEDIUM", "WARNING")
            .put(Severity.INFO, "LOW", "INFO")
            .build();

    public NewRelicMapper(MappingPolicy policy) {
        super("newrelic", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        if (payload.has("incident_id") || payload.has("current_state")) {
            return List.of(legacy(payload));
        }
        if (!payload.has("state") && !payload.has("id")) {
            throw malformed("payload has neither state/id (workflow template) nor current_state/incident_id (legacy)");
        }
        AlertStatus status = STATE.get(Nodes.text(payload, "state")).orElse(policy.defaultStatus());
        String entities = Nodes.joined(payload.path("impactedEntities"));
        Alert.Builder b = alert(payload, "newrelic", status, Nodes.text(payload, "priority"), PRIORITY)
                .title(Nodes.first(Nodes.text(payload, "title"), "New Relic issue"))
                .service(Nodes.strings(payload.path("impactedEntities")).stream().findFirst().orElse(null))
                .dedupKey(key(Nodes.text(payload, "id")))
                .label("entities", entities)
                .label("policy", Nodes.joined(payload.path("alertPolicyNames")))
                .label("condition", Nodes.joined(payload.path("alertConditionNames")))
                .label("workflow", Nodes.text(payload, "workflowName"))
                .label("incidents", Nodes.text(payload, "totalIncidents"))
                .link(Nodes.text(payload, "issueUrl"))
                .occurredAt(Timestamps.parse(payload.path("updatedAt"))
                        .or(() -> Timestamps.parse(payload.path("createdAt"))).orElse(null));
        return List.of(b.build());
    }

    private Alert legacy(JsonNode payload) {
        AlertStatus status = STATE.get(Nodes.text(payload, "current_state")).orElse(policy.defaultStatus());
        JsonNode target = payload.path("targets").path(0);
        return alert(payload, "newrelic", status, Nodes.text(payload, "severity"), PRIORITY)
                .title(Nodes.first(Nodes.text(payload, "condition_name"), Nodes.text(payload, "details"), "New Relic incident"))
                .description(Nodes.text(payload, "details"))
                .service(Nodes.text(target, "name"))
                .dedupKey(key(Nodes.text(payload, "incident_id")))
                .label("policy", Nodes.text(payload, "policy_name"))
                .label("condition", Nodes.text(payload, "condition_name"))
                .link(Nodes.text(payload, "incident_url"))
                .link(Nodes.text(payload, "runbook_url"))
                .occurredAt(Timestamps.parse(payload.path("timestamp")).orElse(null))
                .build();
    }
}
