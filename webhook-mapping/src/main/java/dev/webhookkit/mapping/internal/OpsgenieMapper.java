package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.Timestamps;
import java.util.List;
import java.util.Locale;

/**
 * Opsgenie's outgoing Webhook integration (alert action data): {@code action} Create and
 * UnAcknowledge trigger, Acknowledge acknowledges, Close resolves, other actions (AddNote,
 * AssignOwnership …) change nothing; {@code alert.priority} P1..P5; the dedup key is the alert's
 * {@code alias} (Opsgenie's own dedup field), else its {@code alertId}.
 */
public final class OpsgenieMapper extends ProviderMapper {
    public OpsgenieMapper(MappingPolicy policy) {
        super("opsgenie", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        JsonNode alert = payload.path("alert");
        String action = Nodes.text(payload, "action");
        if (!alert.isObject() || action == null) {
            throw malformed("payload has no action and alert object");
        }
        AlertStatus status;
        switch (action.toLowerCase(Locale.ROOT)) {
            case "create", "unacknowledge" -> status = AlertStatus.TRIGGER;
            case "acknowledge" -> status = AlertStatus.ACKNOWLEDGE;
            case "close" -> status = AlertStatus.RESOLVE;
            default -> {
                return List.of();
            }
        }
        // createdAt is epoch ms but updatedAt epoch ns in Opsgenie's own samples; Timestamps tells them apart.
        JsonNode when = status == AlertStatus.TRIGGER && "create".equalsIgnoreCase(action)
                ? alert.path("createdAt") : alert.path("updatedAt");
        Alert.Builder b = alert(payload, "opsgenie", status, Nodes.text(alert, "priority"), Tables.PRIORITY)
                .title(Nodes.first(Nodes.text(alert, "message"), "Opsgenie alert"))
                .description(Nodes.text(alert, "description"))
                .service(Nodes.text(alert, "entity"))
                .dedupKey(Nodes.first(key(Nodes.text(alert, "alias")), key(Nodes.text(alert, "alertId"))))
                .labels(Nodes.scalars(alert.path("details")))
                .label("tags", Nodes.joined(alert.path("tags")))
                .label("team", Nodes.text(alert, "team"))
                .label("origin", Nodes.text(alert, "source"))
                .label("tiny_id", Nodes.text(alert, "tinyId"))
                .label("action", action)
                .occurredAt(Timestamps.parse(when).or(() -> Timestamps.parse(alert.path("createdAt"))).orElse(null));
        return List.of(b.build());
    }
}
