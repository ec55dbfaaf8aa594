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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datadog's webhooks integration. Reads the payload template published in docs/integrations.md
 * ({@code alert_transition}, {@code alert_priority}, {@code aggreg_key} …) and Datadog's default body
 * ({@code title}, {@code body}, {@code date} …), where the transition and the scope come from the
 * {@code [Triggered on {host:web-03}]} prefix of the event title.
 */
public final class DatadogMapper extends ProviderMapper {
    /** "[P2] [Triggered on {host:web-03}] CPU high" → transition, scope, name. */
    private static final Pattern TITLE_PREFIX = Pattern.compile(
            "^\\s*(?:\\[P[1-5]\\]\\s*)?\\[(Re-Triggered|Triggered|Recovered|Re-Warn|Warn|Re-No Data|No Data|Renotify)"
                    + "(?: on \\{([^}]*)\\})?\\]\\s*(.*)$", Pattern.DOTALL);

    private static final Words<AlertStatus> TRANSITION = Words.<AlertStatus>builder()
            .put(AlertStatus.TRIGGER, "Triggered", "Re-Triggered", "Warn", "Re-Warn", "No Data", "Re-No Data", "Renotify")
            .put(AlertStatus.RESOLVE, "Recovered")
            .build();

    /** $ALERT_TYPE: "success" is the type of recovery notifications. */
    private static final Words<Severity> ALERT_TYPE = Words.<Severity>builder()
            .put(Severity.ERROR, "error")
            .put(Severity.WARNING, "warning")
            .put(Severity.INFO, "info", "success")
            .build();

    public DatadogMapper(MappingPolicy policy) {
        super("datadog", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        String eventTitle = Nodes.first(Nodes.text(payload, "alert_title"), Nodes.text(payload, "title"));
        if (eventTitle == null && !payload.has("alert_transition") && !payload.has("body")) {
            throw malformed("payload has none of alert_title, title, alert_transition, body");
        }
        Matcher prefix = eventTitle == null ? null : TITLE_PREFIX.matcher(eventTitle);
        boolean prefixed = prefix != null && prefix.matches();
        String name = prefixed ? prefix.group(3).trim() : eventTitle;
        String scope = Nodes.first(Nodes.text(payload, "alert_scope"), prefixed ? prefix.group(2) : null);
        String transition = Nodes.first(Nodes.text(payload, "alert_transition"), prefixed ? prefix.group(1) : null);

        String alertType = Nodes.text(payload, "alert_type");
        AlertStatus status = TRANSITION.get(transition)
                .orElse("success".equalsIgnoreCase(alertType) ? AlertStatus.RESOLVE : policy.defaultStatus());
        String priority = Nodes.text(payload, "alert_priority");
        Severity severity = Nodes.first(severity(priority, Tables.PRIORITY), warnSeverity(transition),
                status == AlertStatus.RESOLVE ? null : severity(alertType, ALERT_TYPE));

        Map<String, String> tags = Nodes.keyValueTags(payload.path("tags"));
        Alert.Builder b = alert(payload, "datadog", status, severity)
                .rawSeverity(rawSeverity(priority))
                .title(name == null || name.isEmpty() ? "Datadog alert" : name)
                .description(description(payload))
                .service(tags.get("service"))
                .dedupKey(Nodes.first(key(Nodes.text(payload, "aggreg_key")),
                        key(Nodes.text(payload, "alert_id"), scope),
                        key(Nodes.text(payload, "alert_id")),
                        key(name, scope),
                        key(name)))
                .labels(tags)
                .label("host", Nodes.text(payload, "hostname"))
                .label("scope", scope)
                .label("monitor_id", Nodes.text(payload, "alert_id"))
                .label("metric", Nodes.text(payload, "alert_metric"))
                .label("transition", transition)
                .link(Nodes.text(payload, "link"))
                .occurredAt(Timestamps.parse(Nodes.first(Nodes.text(payload, "last_updated"), Nodes.text(payload, "date")))
                        .orElse(null));
        return List.of(b.build());
    }

    /** Warn transitions without a priority are warnings whatever $ALERT_TYPE says. */
    private static Severity warnSeverity(String transition) {
        return transition != null && transition.endsWith("Warn") ? Severity.WARNING : null;
    }

    /** $EVENT_MSG is markdown wrapped in %%% fences; $ALERT_STATUS is the fallback. */
    private static String description(JsonNode payload) {
        String body = Nodes.text(payload, "body");
        if (body != null) {
            body = body.replace("%%%", "").trim();
        }
        return body == null || body.isEmpty() ? Nodes.text(payload, "alert_status") : body;
    }
}
