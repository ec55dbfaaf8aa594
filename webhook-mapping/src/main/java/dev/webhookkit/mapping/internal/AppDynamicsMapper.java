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
 * AppDynamics HTTP request actions, with the template published in docs/integrations.md. The
 * event type decides: {@code POLICY_OPEN_*}, {@code POLICY_CONTINUES_*}, {@code POLICY_UPGRADED},
 * {@code POLICY_DOWNGRADED} trigger; {@code POLICY_CLOSE_*} and {@code POLICY_CANCELED_*} resolve;
 * the {@code _CRITICAL}/{@code _WARNING} suffix (upgraded: critical, downgraded: warning) is the
 * severity, else {@code severity}/{@code topSeverity} ERROR|WARN|INFO.
 */
public final class AppDynamicsMapper extends ProviderMapper {
    private static final Words<Severity> SEVERITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "CRITICAL")
            .put(Severity.ERROR, "ERROR")
            .put(Severity.WARNING, "WARN", "WARNING")
            .put(Severity.INFO, "INFO")
            .build();

    public AppDynamicsMapper(MappingPolicy policy) {
        super("appdynamics", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        String eventType = Nodes.text(payload, "eventType");
        if (eventType == null && !payload.has("incidentId") && !payload.has("healthRule")) {
            throw malformed("payload has none of eventType, incidentId, healthRule");
        }
        String type = eventType == null ? "" : eventType.toUpperCase(Locale.ROOT);
        AlertStatus status = type.startsWith("POLICY_CLOSE") || type.startsWith("POLICY_CANCELED")
                ? AlertStatus.RESOLVE : type.startsWith("POLICY_") ? AlertStatus.TRIGGER : policy.defaultStatus();
        Severity severity = type.endsWith("_CRITICAL") || type.equals("POLICY_UPGRADED") ? Severity.CRITICAL
                : type.endsWith("_WARNING") || type.equals("POLICY_DOWNGRADED") ? Severity.WARNING
                : severity(Nodes.first(Nodes.text(payload, "severity"), Nodes.text(payload, "topSeverity")), SEVERITY);
        String application = Nodes.text(payload, "application");
        Alert.Builder b = alert(payload, "appdynamics", status, severity)
                .title(Nodes.first(Nodes.text(payload, "healthRule"), Nodes.text(payload, "displayName"), "AppDynamics event"))
                .description(Nodes.text(payload, "summaryMessage"))
                .service(Nodes.first(Nodes.text(payload, "tier"), application))
                .dedupKey(Nodes.first(key(Nodes.text(payload, "incidentId")),
                        key(application, Nodes.text(payload, "healthRule"), Nodes.text(payload, "tier"))))
                .label("application", application)
                .label("tier", Nodes.text(payload, "tier"))
                .label("node", Nodes.text(payload, "node"))
                .label("policy", Nodes.text(payload, "policyName"))
                .label("event_type", eventType)
                .link(Nodes.text(payload, "deepLink"))
                .occurredAt(Timestamps.parse(payload.path("eventTime")).orElse(null));
        return List.of(b.build());
    }
}
