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
 * Google Cloud Monitoring webhook notification channels (schema 1.2, and the console's test
 * payload): {@code incident.state} open|closed in any case, {@code incident.severity}
 * Critical|Error|Warning ("No severity" gives the default).
 */
public final class GoogleCloudMonitoringMapper extends ProviderMapper {
    private static final String SOURCE = "gcp-monitoring";

    private static final Words<Severity> SEVERITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "critical")
            .put(Severity.ERROR, "error")
            .put(Severity.WARNING, "warning")
            .build();

    public GoogleCloudMonitoringMapper(MappingPolicy policy) {
        super("google-cloud-monitoring", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        JsonNode incident = payload.path("incident");
        if (!incident.isObject()) {
            throw malformed("payload has no incident object");
        }
        String state = Nodes.text(incident, "state");
        AlertStatus status = "closed".equalsIgnoreCase(state) ? AlertStatus.RESOLVE
                : "open".equalsIgnoreCase(state) ? AlertStatus.TRIGGER : policy.defaultStatus();
        String severityWord = Nodes.text(incident, "severity");
        JsonNode userLabels = incident.path("policy_user_labels");
        JsonNode resource = incident.path("resource");
        Alert.Builder b = alert(payload, SOURCE, status, severityWord, SEVERITY)
                .title(Nodes.first(Nodes.text(incident, "policy_name"), Nodes.text(incident, "documentation", "subject"),
                        Nodes.text(incident, "condition_name"), Nodes.text(incident, "summary"), "Google Cloud Monitoring incident"))
                .description(Nodes.text(incident, "summary"))
                .service(Nodes.first(Nodes.text(userLabels, "service"), Nodes.text(incident, "metadata", "user_labels", "service"),
                        Nodes.text(incident, "resource_display_name")))
                .dedupKey(key(Nodes.text(incident, "incident_id")))
                .label("project", Nodes.text(incident, "scoping_project_id"))
                .label("resource_type", Nodes.text(resource, "type"))
                .label("metric", Nodes.text(incident, "metric", "type"))
                .label("condition", Nodes.text(incident, "condition_name"))
                .labels(Nodes.scalars(resource.path("labels")))
                .labels(Nodes.scalars(incident.path("metadata").path("user_labels")))
                .labels(Nodes.scalars(userLabels))
                .link(Nodes.text(incident, "url"));
        for (JsonNode link : incident.path("documentation").path("links")) {
            b.link(Nodes.text(link, "url"));
        }
        JsonNode when = status == AlertStatus.RESOLVE && Nodes.text(incident, "ended_at") != null
                ? incident.path("ended_at") : incident.path("started_at");
        return List.of(b.occurredAt(Timestamps.parse(when).orElse(null)).build());
    }
}
