package dev.webhookkit.core.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.WebhookEvent;
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
 * Values are plain Java maps, lists, strings, numbers and booleans.
 */
public final class TemplateContexts {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };

    private TemplateContexts() {
    }

    public static Map<String, Object> of(WebhookEvent event) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        Object body = toJava(event.payload());
        if (body instanceof Map<?, ?> fields) {
            fields.forEach((k, v) -> ctx.put(String.valueOf(k), v));
            if (fields.get("context") instanceof Map<?, ?> inner) {
                inner.forEach((k, v) -> ctx.put(String.valueOf(k), v));
            }
        }
        ctx.putAll(event.context());

        Map<String, Object> headers = new LinkedHashMap<>();
        event.request().headers().toMap().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("body", body);
        webhook.put("headers", headers);
        webhook.put("eventType", event.eventType());
        webhook.put("eventId", event.eventId());
        ctx.put("webhook", webhook);

        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("name", event.endpoint().name());
        endpoint.put("instructions", event.endpoint().instructions());
        endpoint.put("attributes", event.endpoint().attributes());
        ctx.put("endpoint", endpoint);

        List<Object> alerts = event.alerts().stream().map(a -> (Object) MAPPER.convertValue(a, MAP)).toList();
        ctx.put("alerts", alerts);
        if (!alerts.isEmpty()) {
            ctx.put("alert", alerts.get(0));
        }
        ctx.put("context", event.context());
        return ctx;
    }

    /** A JSON tree as plain Java values. */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return MAPPER.convertValue(node, MAP);
        }
        if (node.isArray()) {
            return MAPPER.convertValue(node, LIST);
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }
}
