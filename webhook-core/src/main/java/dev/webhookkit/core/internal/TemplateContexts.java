package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookEvent;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /**
     * The context of one event. It is a lazy view: a template that reads three variables costs
     * three look-ups, not the conversion of the whole payload, header set and alert list.
     */
    public static Map<String, Object> of(WebhookEvent event) {
        return new LazyContext(event);
    }

    /**
     * An alert's JSON fields as a map (enums in lower case, absent optional fields left out). A view:
     * look-ups read the alert, and {@code occurredAt} is formatted only when a template asks for it.
     */
    static Map<String, Object> alertFields(Alert a) {
        return new AlertFields(a);
    }

    /** Fields in JSON order; {@link #get} and {@link #containsKey} never build the entry set. */
    private static final class AlertFields extends AbstractMap<String, Object> {
        /** The enums' ids, computed once: {@code id()} lower-cases the name on every call. */
        private static final String[] SEVERITY_IDS = Arrays.stream(Severity.values()).map(Severity::id).toArray(String[]::new);
        private static final String[] STATUS_IDS = Arrays.stream(AlertStatus.values()).map(AlertStatus::id).toArray(String[]::new);

        private final Alert alert;
        private String occurredAt;
        private Set<Map.Entry<String, Object>> entries;

        AlertFields(Alert alert) {
            this.alert = alert;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            switch (name) {
                case "title":
                    return alert.title();
                case "severity":
                    return SEVERITY_IDS[alert.severity().ordinal()];
                case "status":
                    return STATUS_IDS[alert.status().ordinal()];
                case "dedupKey":
                    return alert.dedupKey().orElse(null);
                case "source":
                    return alert.source();
                case "description":
                    return alert.description().orElse(null);
                case "service":
                    return alert.service().orElse(null);
                case "labels":
                    return alert.labels();
                case "links":
                    return alert.links();
                case "occurredAt":
                    return occurredAt();
                case "rawSeverity":
                    return alert.rawSeverity().orElse(null);
                default:
                    return null;
            }
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            if (entries == null) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String name : List.of("title", "severity", "status", "dedupKey", "source", "description", "service",
                        "labels", "links", "occurredAt", "rawSeverity")) {
                    Object value = get(name);
                    if (value != null) {
                        m.put(name, value);
                    }
                }
                entries = Collections.unmodifiableMap(m).entrySet();
            }
            return entries;
        }

        private String occurredAt() {
            if (occurredAt == null && alert.occurredAt().isPresent()) {
                occurredAt = alert.occurredAt().get().toString();
            }
            return occurredAt;
        }
    }

    /**
     * Precedence, highest first: the built-in names ({@code webhook}, {@code endpoint},
     * {@code alerts}, {@code alert}, {@code context}), the context mapping's values, the fields of the
     * payload's {@code context} object, the payload's top-level fields.
     */
    private static final class LazyContext extends AbstractMap<String, Object> {
        private static final Set<String> BUILT_IN = Set.of("webhook", "endpoint", "alerts", "alert", "context");

        private final WebhookEvent event;
        private List<Object> alerts;
        private Map<String, Object> webhook;
        private Map<String, Object> endpoint;
        private Set<Map.Entry<String, Object>> entries;

        LazyContext(WebhookEvent event) {
            this.event = event;
        }

        @Override
        public boolean containsKey(Object key) {
            if (!(key instanceof String name)) {
                return false;
            }
            if (BUILT_IN.contains(name)) {
                return !"alert".equals(name) || !event.alerts().isEmpty();
            }
            return event.context().containsKey(name) || payloadContext().has(name) || objectPayload().has(name);
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            switch (name) {
                case "webhook":
                    return webhook();
                case "endpoint":
                    return endpoint();
                case "alerts":
                    return alerts();
                case "alert":
                    return alerts().isEmpty() ? null : alerts().get(0);
                case "context":
                    return event.context();
                default:
                    break;
            }
            Object mapped = event.context().get(name);
            if (mapped != null) {
                return mapped;
            }
            JsonNode inner = payloadContext().get(name);
            return inner != null ? inner : objectPayload().get(name);
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            if (entries == null) {
                Map<String, Object> all = new LinkedHashMap<>();
                objectPayload().properties().forEach(f -> all.put(f.getKey(), f.getValue()));
                payloadContext().properties().forEach(f -> all.put(f.getKey(), f.getValue()));
                all.putAll(event.context());
                for (String name : List.of("webhook", "endpoint", "alerts", "alert", "context")) {
                    if (containsKey(name)) {
                        all.put(name, get(name));
                    }
                }
                entries = Collections.unmodifiableMap(all).entrySet();
            }
            return entries;
        }

        private JsonNode objectPayload() {
            JsonNode payload = event.payload();
            return payload.isObject() ? payload : MissingNode.getInstance();
        }

        private JsonNode payloadContext() {
            JsonNode inner = objectPayload().get("context");
            return inner != null && inner.isObject() ? inner : MissingNode.getInstance();
        }

        private List<Object> alerts() {
            if (alerts == null) {
                List<Object> list = new ArrayList<>(event.alerts().size());
                for (Alert a : event.alerts()) {
                    list.add(alertFields(a));
                }
                alerts = Collections.unmodifiableList(list);
            }
            return alerts;
        }

        private Map<String, Object> webhook() {
            if (webhook == null) {
                Map<String, Object> headers = new LinkedHashMap<>();
                event.request().headers().toMap().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("body", event.payload());
                w.put("headers", headers);
                w.put("eventType", event.eventType());
                w.put("eventId", event.eventId());
                webhook = Collections.unmodifiableMap(w);
            }
            return webhook;
        }

        private Map<String, Object> endpoint() {
            if (endpoint == null) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", event.endpoint().name());
                e.put("instructions", event.endpoint().instructions());
                e.put("attributes", event.endpoint().attributes());
                endpoint = Collections.unmodifiableMap(e);
            }
            return endpoint;
        }
    }
}
