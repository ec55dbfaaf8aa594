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
 * UptimeRobot webhook alert contacts: the default form-encoded body ("send default variables as
 * POST parameters") and the JSON template in docs/integrations.md carry the same names.
 * {@code alertType} 1 (down) triggers, 2 (up) resolves, 3 (SSL or domain expiry) triggers as a
 * warning. Variables that do not apply arrive literally ({@code *sslExpiryDate*}) and read as absent.
 */
public final class UptimeRobotMapper extends ProviderMapper {
    public UptimeRobotMapper(MappingPolicy policy) {
        super("uptimerobot", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        String monitorId = value(payload, "monitorID");
        String alertType = value(payload, "alertType");
        if (monitorId == null && alertType == null) {
            throw malformed("payload has neither monitorID nor alertType");
        }
        AlertStatus status;
        Severity severity = null;
        switch (alertType == null ? "" : alertType) {
            case "1" -> status = AlertStatus.TRIGGER;
            case "2" -> status = AlertStatus.RESOLVE;
            case "3" -> {
                status = AlertStatus.TRIGGER;
                severity = Severity.WARNING;
            }
            default -> status = policy.defaultStatus();
        }
        String name = Nodes.first(value(payload, "monitorFriendlyName"), value(payload, "monitorURL"), "UptimeRobot monitor");
        String state = value(payload, "alertTypeFriendlyName");
        Alert.Builder b = alert(payload, "uptimerobot", status, severity)
                .title(state == null ? name : name + " is " + state)
                .description(value(payload, "alertDetails"))
                .service(value(payload, "monitorFriendlyName"))
                .dedupKey(key(monitorId))
                .label("url", value(payload, "monitorURL"))
                .label("alert_type", alertType)
                .label("duration_seconds", value(payload, "alertDuration"))
                .label("ssl_expiry_date", value(payload, "sslExpiryDate"))
                .label("ssl_expiry_days_left", value(payload, "sslExpiryDaysLeft"))
                .link(value(payload, "monitorURL"))
                .occurredAt(Timestamps.parse(value(payload, "alertDateTime")).orElse(null));
        return List.of(b.build());
    }

    /** A field's text; repeated form fields give their first value; "*name*" placeholders are absent. */
    private static String value(JsonNode payload, String field) {
        JsonNode node = payload.path(field);
        String v = Nodes.text(node.isArray() ? node.path(0) : node);
        if (v != null && v.length() > 1 && v.startsWith("*") && v.endsWith("*")) {
            return null;
        }
        return v;
    }
}
