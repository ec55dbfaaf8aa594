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
 * Splunk On-Call (VictorOps) REST endpoint format: {@code message_type}
 * CRITICAL|WARNING|INFO trigger with that severity, ACKNOWLEDGEMENT acknowledges, RECOVERY
 * resolves; {@code entity_id} is the dedup key.
 */
public final class SplunkOnCallMapper extends ProviderMapper {
    public SplunkOnCallMapper(MappingPolicy policy) {
        super("splunk-oncall", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        String messageType = Nodes.text(payload, "message_type");
        if (messageType == null) {
            throw malformed("payload has no message_type");
        }
        AlertStatus status;
        Severity severity = null;
        switch (messageType.toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> {
                status = AlertStatus.TRIGGER;
                severity = Severity.CRITICAL;
            }
            case "WARNING" -> {
                status = AlertStatus.TRIGGER;
                severity = Severity.WARNING;
            }
            case "INFO" -> {
                status = AlertStatus.TRIGGER;
                severity = Severity.INFO;
            }
            case "ACKNOWLEDGEMENT" -> status = AlertStatus.ACKNOWLEDGE;
            case "RECOVERY", "OK" -> status = AlertStatus.RESOLVE;
            default -> status = policy.defaultStatus();
        }
        String entityId = Nodes.text(payload, "entity_id");
        Alert.Builder b = alert(payload, "splunk-oncall", status, severity)
                .title(Nodes.first(Nodes.text(payload, "entity_display_name"), Nodes.text(payload, "state_message"), entityId,
                        "Splunk On-Call alert"))
                .description(Nodes.first(Nodes.text(payload, "state_message"), Nodes.text(payload, "ack_msg")))
                .dedupKey(key(entityId))
                .label("monitoring_tool", Nodes.text(payload, "monitoring_tool"))
                .label("host", Nodes.text(payload, "host_name"))
                .label("ack_author", Nodes.text(payload, "ack_author"))
                .occurredAt(Timestamps.parse(payload.path("state_start_time"))
                        .or(() -> Timestamps.parse(payload.path("timestamp"))).orElse(null));
        return List.of(b.build());
    }
}
