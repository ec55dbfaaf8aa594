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
 * Better Uptime / Better Stack incident webhooks: {@code event} started|acknowledged|resolved (else
 * the incident's {@code attributes.status}); the incident id ({@code data.id}) is the dedup key.
 * No severity is sent, so the policy default applies.
 */
public final class BetterUptimeMapper extends ProviderMapper {
    private static final Words<AlertStatus> EVENT = Words.<AlertStatus>builder()
            .put(AlertStatus.TRIGGER, "started", "incident.started", "reopened")
            .put(AlertStatus.ACKNOWLEDGE, "acknowledged", "incident.acknowledged")
            .put(AlertStatus.RESOLVE, "resolved", "incident.resolved")
            .build();

    public BetterUptimeMapper(MappingPolicy policy) {
        super("better-uptime", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        JsonNode data = payload.path("data");
        JsonNode attributes = data.path("attributes");
        if (!attributes.isObject()) {
            throw malformed("payload has no data.attributes (incident)");
        }
        AlertStatus status = EVENT.get(Nodes.text(payload, "event"))
                .or(() -> EVENT.get(Nodes.text(attributes, "status")))
                .orElse(policy.defaultStatus());
        String name = Nodes.first(Nodes.text(attributes, "name"), Nodes.text(attributes, "url"), "Better Uptime incident");
        String cause = Nodes.text(attributes, "cause");
        String when = switch (status) {
            case RESOLVE -> Nodes.first(Nodes.text(attributes, "resolved_at"), Nodes.text(attributes, "started_at"));
            case ACKNOWLEDGE -> Nodes.first(Nodes.text(attributes, "acknowledged_at"), Nodes.text(attributes, "started_at"));
            case TRIGGER -> Nodes.text(attributes, "started_at");
        };
        Alert.Builder b = alert(payload, "betteruptime", status, (Severity) null)
                .title(cause == null ? name : name + ": " + cause)
                .description(cause)
                .service(Nodes.text(attributes, "name"))
                .dedupKey(key(Nodes.text(data, "id")))
                .label("monitor_id", Nodes.text(data, "relationships", "monitor", "data", "id"))
                .label("url", Nodes.text(attributes, "url"))
                .label("acknowledged_by", Nodes.text(attributes, "acknowledged_by"))
                .label("resolved_by", Nodes.text(attributes, "resolved_by"))
                .link(Nodes.text(attributes, "url"))
                .link(Nodes.text(attributes, "screenshot_url"))
                .occurredAt(Timestamps.parse(when).orElse(null));
        return List.of(b.build());
    }
}
