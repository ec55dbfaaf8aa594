package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import java.util.List;

/**
 * Grafana's webhook contact point. Unified alerting (Grafana 8+) sends Alertmanager's body with
 * extra URLs, one alert per {@code alerts[]} entry; legacy dashboard alerting sends one rule
 * ({@code ruleId}, {@code ruleName}, {@code state} alerting|ok|no_data|paused|pending).
 */
public final class GrafanaMapper extends ProviderMapper {
    private static final AlertmanagerFormat FORMAT = new AlertmanagerFormat("grafana",
            List.of("generatorURL", "dashboardURL", "panelURL", "silenceURL", "imageURL"));

    public GrafanaMapper(MappingPolicy policy) {
        super("grafana", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        if (AlertmanagerFormat.matches(payload)) {
            return FORMAT.map(this, payload);
        }
        if (payload.has("ruleName") || payload.has("ruleId")) {
            return legacy(payload);
        }
        throw malformed("payload has neither alerts[] (unified alerting) nor ruleName (legacy alerting)");
    }

    /** Legacy alerting: paused and pending rules change nothing. */
    private List<Alert> legacy(JsonNode payload) {
        String state = Nodes.text(payload, "state");
        AlertStatus status;
        Severity severity = null;
        if ("alerting".equalsIgnoreCase(state)) {
            status = AlertStatus.TRIGGER;
        } else if ("ok".equalsIgnoreCase(state)) {
            status = AlertStatus.RESOLVE;
        } else if ("no_data".equalsIgnoreCase(state)) {
            status = AlertStatus.TRIGGER;
            severity = Severity.WARNING;
        } else {
            return List.of();
        }
        Alert.Builder b = alert(payload, "grafana", status, severity)
                .title(Nodes.first(Nodes.text(payload, "ruleName"), Nodes.text(payload, "title"), "Grafana alert"))
                .description(Nodes.text(payload, "message"))
                .dedupKey(key(Nodes.first(Nodes.text(payload, "ruleId"), Nodes.text(payload, "ruleName"))))
                .labels(Nodes.scalars(payload.path("tags")))
                .link(Nodes.text(payload, "ruleUrl"))
                .link(Nodes.text(payload, "imageUrl"));
        return List.of(b.build());
    }
}
