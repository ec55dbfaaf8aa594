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
 * Pingdom state-change webhooks: {@code current_state} DOWN (FAILING for transaction checks)
 * triggers, UP (SUCCESS) resolves; {@code importance_level} HIGH is critical, LOW a warning;
 * {@code check_id} is the dedup key.
 */
public final class PingdomMapper extends ProviderMapper {
    private static final Words<AlertStatus> STATE = Words.<AlertStatus>builder()
            .put(AlertStatus.TRIGGER, "DOWN", "FAILING")
            .put(AlertStatus.RESOLVE, "UP", "SUCCESS")
            .build();

    private static final Words<Severity> IMPORTANCE = Words.<Severity>builder()
            .put(Severity.CRITICAL, "HIGH")
            .put(Severity.WARNING, "LOW")
            .build();

    public PingdomMapper(MappingPolicy policy) {
        super("pingdom", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        if (!payload.has("check_id") && !payload.has("current_state")) {
            throw malformed("payload has neither check_id nor current_state");
        }
        AlertStatus status = STATE.get(Nodes.text(payload, "current_state")).orElse(policy.defaultStatus());
        String name = Nodes.first(Nodes.text(payload, "check_name"), "Pingdom check");
        String what = Nodes.text(payload, "description");
        String checkId = Nodes.text(payload, "check_id");
        Alert.Builder b = alert(payload, "pingdom", status, Nodes.text(payload, "importance_level"), IMPORTANCE)
                .title(what == null ? name : name + ": " + what)
                .description(Nodes.first(Nodes.text(payload, "long_description"), Nodes.text(payload, "custom_message")))
                .service(Nodes.text(payload, "check_name"))
                .dedupKey(key(checkId))
                .label("check_type", Nodes.text(payload, "check_type"))
                .label("previous_state", Nodes.text(payload, "previous_state"))
                .label("tags", Nodes.joined(payload.path("tags")))
                .label("url", Nodes.text(payload, "check_params", "full_url"))
                .link(Nodes.text(payload, "check_params", "full_url"))
                .link(checkId == null ? null : "https://my.pingdom.com/app/reports/uptime#check=" + checkId)
                .occurredAt(Timestamps.parse(payload.path("state_changed_timestamp"))
                        .or(() -> Timestamps.parse(payload.path("state_changed_utc_time"))).orElse(null));
        return List.of(b.build());
    }
}
