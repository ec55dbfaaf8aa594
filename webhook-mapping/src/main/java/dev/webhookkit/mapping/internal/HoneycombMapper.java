package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Honeycomb trigger (and SLO burn alert) webhooks: {@code status} TRIGGERED triggers, OK resolves;
 * {@code id} (the trigger's) is the dedup key; the groups that crossed the threshold become labels.
 * Triggers carry no severity, so the policy default applies unless a {@code severity} field is sent.
 */
public final class HoneycombMapper extends ProviderMapper {
    public HoneycombMapper(MappingPolicy policy) {
        super("honeycomb", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        if (!payload.has("id") && !payload.has("name") && !payload.has("status")) {
            throw malformed("payload has none of id, name, status");
        }
        String state = Nodes.text(payload, "status");
        AlertStatus status = "TRIGGERED".equalsIgnoreCase(state) ? AlertStatus.TRIGGER
                : "OK".equalsIgnoreCase(state) ? AlertStatus.RESOLVE : policy.defaultStatus();
        Alert.Builder b = alert(payload, "honeycomb", status, Nodes.text(payload, "severity"), Tables.GENERIC_SEVERITY)
                .title(Nodes.first(Nodes.text(payload, "name"), Nodes.text(payload, "summary"), "Honeycomb trigger"))
                .description(Nodes.first(Nodes.text(payload, "description"), Nodes.text(payload, "summary")))
                .dedupKey(key(Nodes.first(Nodes.text(payload, "id"), Nodes.text(payload, "name"))))
                .labels(triggeredGroups(payload.path("result_groups_triggered")))
                .link(Nodes.text(payload, "trigger_url"))
                .link(Nodes.text(payload, "result_url"));
        return List.of(b.build());
    }

    /** Group-by values of the groups over the threshold; several groups give comma-joined values. */
    private static Map<String, String> triggeredGroups(JsonNode groups) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode g : groups) {
            Nodes.scalars(g.path("Group")).forEach((k, v) -> out.merge(k, v, (a, c) -> a + "," + c));
        }
        return out;
    }
}
