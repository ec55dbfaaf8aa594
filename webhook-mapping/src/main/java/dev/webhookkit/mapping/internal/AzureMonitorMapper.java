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
 * Azure Monitor action-group webhooks with the common alert schema
 * ({@code schemaId: azureMonitorCommonAlertSchema}; {@code data.essentials} severity Sev0..Sev4,
 * monitorCondition Fired|Resolved), and the older metric-alert body ({@code status}
 * Activated|Resolved, {@code context}).
 */
public final class AzureMonitorMapper extends ProviderMapper {
    private static final String SOURCE = "azure-monitor";

    private static final Words<Severity> SEV = Words.<Severity>builder()
            .put(Severity.CRITICAL, "Sev0")
            .put(Severity.ERROR, "Sev1")
            .put(Severity.WARNING, "Sev2")
            .put(Severity.INFO, "Sev3", "Sev4")
            .build();

    private static final Words<AlertStatus> CONDITION = Words.<AlertStatus>builder()
            .put(AlertStatus.TRIGGER, "Fired", "Activated")
            .put(AlertStatus.RESOLVE, "Resolved", "Deactivated")
            .build();

    public AzureMonitorMapper(MappingPolicy policy) {
        super("azure", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        JsonNode essentials = payload.path("data").path("essentials");
        if (essentials.isObject()) {
            return List.of(common(payload, essentials));
        }
        if (payload.path("context").isObject()) {
            return List.of(classic(payload, payload.path("context")));
        }
        throw malformed("payload has neither data.essentials (common alert schema) nor context (classic metric alert)");
    }

    private Alert common(JsonNode payload, JsonNode e) {
        AlertStatus status = CONDITION.get(Nodes.text(e, "monitorCondition")).orElse(policy.defaultStatus());
        Alert.Builder b = alert(payload, SOURCE, status, Nodes.text(e, "severity"), SEV)
                .title(Nodes.first(Nodes.text(e, "alertRule"), "Azure Monitor alert"))
                .description(Nodes.text(e, "description"))
                .service(Nodes.first(Nodes.text(e.path("configurationItems").path(0)), resourceName(Nodes.text(e.path("alertTargetIDs").path(0)))))
                .dedupKey(Nodes.first(key(Nodes.text(e, "alertId")), key(Nodes.text(e, "originAlertId"))))
                .label("signal_type", Nodes.text(e, "signalType"))
                .label("monitoring_service", Nodes.text(e, "monitoringService"))
                .label("resource", Nodes.text(e.path("alertTargetIDs").path(0)))
                .labels(Nodes.scalars(payload.path("data").path("customProperties")))
                .link(Nodes.text(e, "investigationLink"))
                .occurredAt(Timestamps.parse(status == AlertStatus.RESOLVE
                        ? Nodes.first(Nodes.text(e, "resolvedDateTime"), Nodes.text(e, "firedDateTime"))
                        : Nodes.text(e, "firedDateTime")).orElse(null));
        return b.build();
    }

    private Alert classic(JsonNode payload, JsonNode c) {
        AlertStatus status = CONDITION.get(Nodes.text(payload, "status")).orElse(policy.defaultStatus());
        return alert(payload, SOURCE, status, (Severity) null)
                .title(Nodes.first(Nodes.text(c, "name"), "Azure Monitor alert"))
                .description(Nodes.text(c, "description"))
                .service(Nodes.text(c, "resourceName"))
                .dedupKey(key(Nodes.first(Nodes.text(c, "id"), Nodes.text(c, "name"))))
                .label("resource", Nodes.text(c, "resourceId"))
                .label("resource_group", Nodes.text(c, "resourceGroupName"))
                .label("condition_type", Nodes.text(c, "conditionType"))
                .labels(Nodes.scalars(payload.path("properties")))
                .link(Nodes.text(c, "portalLink"))
                .occurredAt(Timestamps.parse(c.path("timestamp")).orElse(null))
                .build();
    }

    /** The last segment of a resource id ({@code …/virtualmachines/vm-prod-web-01}). */
    private static String resourceName(String resourceId) {
        if (resourceId == null) {
            return null;
        }
        int slash = resourceId.lastIndexOf('/');
        return slash >= 0 && slash < resourceId.length() - 1 ? resourceId.substring(slash + 1) : resourceId;
    }
}
