package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.WebhookEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a message template sees, the same for every renderer:
 * <ul>
 *   <li>the payload's top-level fields ({@code {{alert_name}}}), then the fields of a top-level
 *       {@code context} object (Moxxy's generic format), then the endpoint's context mapping;</li>
 *   <li>{@code webhook.body}, {@code webhook.headers} (lower-case names, first value),
 *       {@code webhook.eventType} (Octipus);</li>
 *   <li>{@code endpoint.name}, {@code endpoint.instructions}, {@code endpoint.attributes};</li>
 *   <li>{@code alert} (the first alert) and {@code alerts};</li>
 *   <li>{@code context}: the context mapping's values.</li>
 * </ul>
 * Payload values are Jackson {@link JsonNode}s; the rest are plain maps, lists and strings.
 */
public final class TemplateContexts {

    private TemplateContexts() {
    }

    public static Map<String, Object> of(WebhookEvent event) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        JsonNode payload = event.payload();
        // JSON values stay Jackson trees: converting every payload to maps cost more than parsing it.
        if (payload.isObject()) {
            payload.properties().forEach(f -> ctx.put(f.getKey(), f.getValue()));
            JsonNode inner = payload.get("context");
            if (inner != null && inner.isObject()) {
                inner.properties().forEach(f -> ctx.put(f.getKey(), f.getValue()));
            }
        }
        ctx.putAll(event.context());

        Map<String, Object> headers = new LinkedHashMap<>();
        event.request().headers().toMap().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("body", payload);
        webhook.put("headers", headers);
        webhook.put("eventType", event.eventType());
        webhook.put("eventId", event.eventId());
        ctx.put("webhook", webhook);

        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("name", event.endpoint().name());
        endpoint.put("instructions", event.endpoint().instructions());
        endpoint.put("attributes", event.endpoint().attributes());
        ctx.put("endpoint", endpoint);

        List<Object> alerts = new ArrayList<>(event.alerts().size());
        for (Alert a : event.alerts()) {
            alerts.add(alertFields(a));
        }
        ctx.put("alerts", alerts);
        if (!alerts.isEmpty()) {
            ctx.put("alert", alerts.get(0));
        }
        ctx.put("context", event.context());
        return ctx;
    }

    /** An alert's JSON fields as a map (enums in lower case, absent optional fields left out). */
    static Map<String, Object> alertFields(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", a.title());
        m.put("severity", a.severity().id());
        m.put("status", a.status().id());
        a.dedupKey().ifPresent(v -> m.put("dedupKey", v));
        m.put("source", a.source());
        a.description().ifPresent(v -> m.put("description", v));
        a.service().ifPresent(v -> m.put("service", v));
        m.put("labels", a.labels());
        m.put("links", a.links());
        a.occurredAt().ifPresent(v -> m.put("occurredAt", v.toString()));
        a.rawSeverity().ifPresent(v -> m.put("rawSeverity", v));
        return m;
    }
}
