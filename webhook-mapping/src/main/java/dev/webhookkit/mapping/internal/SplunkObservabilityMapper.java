package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.Timestamps;
import java.util.List;
import java.util.Map;

/**
 * Splunk Observability Cloud (SignalFx) detector webhooks: {@code statusExtended} (else
 * {@code status}) anomalous triggers; ok, manually resolved and stopped resolve; {@code severity}
 * Critical|Major|Minor|Warning|Info; {@code incidentId} is the dedup key.
 */
public final class SplunkObservabilityMapper extends ProviderMapper {
    private static final Words<AlertStatus> STATUS = Words.<AlertStatus>builder()
            .put(AlertStatus.TRIGGER, "anomalous")
            .put(AlertStatus.RESOLVE, "ok", "manually resolved", "stopped")
            .build();

    private static final Words<Severity> SEVERITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "Critical")
            .put(Severity.ERROR, "Major")
            .put(Severity.WARNING, "Minor", "Warning")
            .put(Severity.INFO, "Info")
            .build();

    public SplunkObservabilityMapper(MappingPolicy policy) {
        super("splunk-observability", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        if (!payload.has("detector") && !payload.has("incidentId") && !payload.has("detectorId")) {
            throw malformed("payload has none of detector, detectorId, incidentId");
        }
        AlertStatus status = STATUS.get(Nodes.first(Nodes.text(payload, "statusExtended"), Nodes.text(payload, "status")))
                .orElse(policy.defaultStatus());
        String detector = Nodes.text(payload, "detector");
        String rule = Nodes.text(payload, "rule");
        String fallbackTitle = detector != null && rule != null ? detector + " (" + rule + ")" : Nodes.first(detector, rule);
        Alert.Builder b = alert(payload, "splunk-observability", status, Nodes.text(payload, "severity"), SEVERITY)
                .title(Nodes.first(Nodes.text(payload, "messageTitle"), fallbackTitle, "Splunk Observability alert"))
                .description(Nodes.first(Nodes.text(payload, "description"), Nodes.text(payload, "messageBody")))
                .dedupKey(Nodes.first(key(Nodes.text(payload, "incidentId")), key(Nodes.text(payload, "detectorId"), rule)))
                .label("detector", detector)
                .label("rule", rule)
                .link(Nodes.text(payload, "detectorUrl"))
                .link(Nodes.text(payload, "runbookUrl"))
                .link(Nodes.text(payload, "imageUrl"))
                .occurredAt(Timestamps.parse(payload.path("timestamp")).orElse(null));
        // The dimensions of each signal that took part ("inputs.A.key") say which series fired.
        payload.path("inputs").forEach(input -> {
            for (Map.Entry<String, String> e : Nodes.scalars(input.path("key")).entrySet()) {
                b.label(e.getKey(), e.getValue());
            }
        });
        return List.of(b.build());
    }
}
