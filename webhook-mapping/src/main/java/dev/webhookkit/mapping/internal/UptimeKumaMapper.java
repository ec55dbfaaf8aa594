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
 * Uptime Kuma's Webhook notification (body encoding JSON): {@code heartbeat.status} 0 (down)
 * triggers, 1 (up) resolves, 2 (pending) and 3 (maintenance) change nothing. A message without a
 * heartbeat (certificate expiry, the "Test" button) is a warning trigger titled with {@code msg}.
 */
public final class UptimeKumaMapper extends ProviderMapper {
    public UptimeKumaMapper(MappingPolicy policy) {
        super("uptime-kuma", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        JsonNode heartbeat = payload.path("heartbeat");
        JsonNode monitor = payload.path("monitor");
        String msg = Nodes.text(payload, "msg");
        if (!heartbeat.isObject() && !monitor.isObject() && msg == null) {
            throw malformed("payload has none of heartbeat, monitor, msg");
        }
        String monitorId = Nodes.first(Nodes.text(monitor, "id"), Nodes.text(heartbeat, "monitorID"));
        if (!heartbeat.isObject()) {
            return List.of(alert(payload, "uptime-kuma", AlertStatus.TRIGGER, Severity.WARNING)
                    .title(Nodes.first(msg, Nodes.text(monitor, "name"), "Uptime Kuma notification"))
                    .service(Nodes.text(monitor, "name"))
                    .dedupKey(key(monitorId, "notice"))
                    .build());
        }
        AlertStatus status;
        switch (Nodes.first(Nodes.text(heartbeat, "status"), "")) {
            case "0" -> status = AlertStatus.TRIGGER;
            case "1" -> status = AlertStatus.RESOLVE;
            default -> {
                return List.of();
            }
        }
        Alert.Builder b = alert(payload, "uptime-kuma", status, (Severity) null)
                .title(Nodes.first(Nodes.text(monitor, "name"), msg, "Uptime Kuma monitor"))
                .description(Nodes.first(Nodes.text(heartbeat, "msg"), msg))
                .service(Nodes.text(monitor, "name"))
                .dedupKey(key(monitorId))
                .label("monitor_type", Nodes.text(monitor, "type"))
                .label("url", Nodes.text(monitor, "url"))
                .link(httpUrl(Nodes.text(monitor, "url")))
                .occurredAt(Timestamps.parse(heartbeat.path("time")).orElse(null));
        for (JsonNode tag : monitor.path("tags")) {
            String name = Nodes.text(tag, "name");
            if (name != null) {
                b.label(name, Nodes.first(Nodes.text(tag, "value"), "true"));
            }
        }
        return List.of(b.build());
    }

    /** Monitors of other types keep "https://" placeholders or hostnames in url; link only real web URLs. */
    private static String httpUrl(String url) {
        return url != null && (url.startsWith("http://") || url.startsWith("https://")) && url.length() > "https://".length()
                ? url : null;
    }
}
