package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Elastic, with the payload templates published in docs/integrations.md. Kibana alerting's webhook
 * connector ({@code rule}, {@code alert.actionGroup} "recovered" resolves, anything else triggers)
 * and Elasticsearch Watcher's webhook action ({@code watch_id}: every execution triggers). Neither
 * has a severity variable: a {@code severity:<word>} rule tag (or Watcher
 * {@code metadata.severity}) sets it, else the policy default.
 */
public final class ElasticMapper extends ProviderMapper {
    public ElasticMapper(MappingPolicy policy) {
        super("elastic", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        if (payload.path("rule").isObject()) {
            return List.of(kibana(payload));
        }
        if (payload.has("watch_id")) {
            return List.of(watcher(payload));
        }
        throw malformed("payload has neither rule (Kibana alerting) nor watch_id (Watcher)");
    }

    private Alert kibana(JsonNode payload) {
        JsonNode rule = payload.path("rule");
        JsonNode alert = payload.path("alert");
        JsonNode context = payload.path("context");
        String group = Nodes.text(alert, "actionGroup");
        AlertStatus status = "recovered".equalsIgnoreCase(group) ? AlertStatus.RESOLVE : AlertStatus.TRIGGER;
        List<String> tags = tagList(rule.path("tags"));
        Map<String, String> tagLabels = Nodes.keyValueTags(rule.path("tags"));
        return alert(payload, "elastic-kibana", status, tagLabels.get("severity"), Tables.GENERIC_SEVERITY)
                .title(Nodes.first(Nodes.text(rule, "name"), "Kibana alert"))
                .description(Nodes.first(Nodes.text(context, "reason"), Nodes.text(context, "message")))
                .service(tagLabels.get("service"))
                .dedupKey(Nodes.first(key(Nodes.text(rule, "id"), Nodes.text(alert, "id")), key(Nodes.text(rule, "id"))))
                .labels(tagLabels)
                .label("tags", tags.isEmpty() ? null : String.join(",", tags))
                .label("space", Nodes.text(rule, "spaceId"))
                .label("action_group", group)
                .label("alert_uuid", Nodes.text(alert, "uuid"))
                .link(Nodes.text(rule, "url"))
                .link(Nodes.text(context, "link"))
                .occurredAt(Timestamps.parse(payload.path("date")).orElse(null))
                .build();
    }

    private Alert watcher(JsonNode payload) {
        JsonNode metadata = payload.path("metadata");
        String watchId = Nodes.text(payload, "watch_id");
        return alert(payload, "elastic-watcher", AlertStatus.TRIGGER, Nodes.text(metadata, "severity"), Tables.GENERIC_SEVERITY)
                .title(Nodes.first(Nodes.text(metadata, "name"), Nodes.text(metadata, "title"), watchId))
                .description(Nodes.text(metadata, "description"))
                .service(Nodes.text(metadata, "service"))
                .dedupKey(key("watch", watchId))
                .label("execution_id", Nodes.text(payload, "id"))
                .link(Nodes.text(metadata, "link"))
                .occurredAt(Timestamps.parse(payload.path("trigger").path("triggered_time"))
                        .or(() -> Timestamps.parse(payload.path("execution_time"))).orElse(null))
                .build();
    }

    /** Kibana renders an array variable as comma-joined text inside quotes; accept that and real arrays. */
    private static List<String> tagList(JsonNode tags) {
        List<String> out = new ArrayList<>();
        if (tags.isArray()) {
            out.addAll(Nodes.strings(tags));
        } else if (Nodes.text(tags) != null) {
            for (String t : Nodes.text(tags).split(",")) {
                if (!t.isBlank()) {
                    out.add(t.trim());
                }
            }
        }
        return out;
    }
}
