package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.jayway.jsonpath.JsonPath;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.MappingPolicy.Field;
import dev.webhookkit.mapping.Normalization;
import dev.webhookkit.mapping.Timestamps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generic {@code webhook} mapper (OpsKnight's rules): each field is the first present of its
 * aliases, the policy's own aliases first; status and severity words go through the policy's extra
 * words, then {@link Normalization}'s tables. Missing status: the policy default (trigger); missing
 * or unknown severity: the policy default for the status (the unknown word is kept as raw
 * severity); missing dedup key: derived from source and title when the policy says so; missing
 * title: "{@code <source> alert}"; missing source: "webhook".
 */
public final class GenericMapper extends ProviderMapper {
    static final Map<Field, List<String>> BUILT_IN = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Field.TITLE, List.of("summary", "title", "message", "name"),
            Field.SEVERITY, List.of("severity", "level", "priority"),
            Field.STATUS, List.of("status", "action", "state"),
            Field.DEDUP_KEY, List.of("dedup_key", "id", "alert_id"),
            Field.SOURCE, List.of("source", "origin", "system"),
            Field.DESCRIPTION, List.of("description", "details", "detail", "body"),
            Field.SERVICE, List.of("service", "component", "service_name"),
            Field.OCCURRED_AT, List.of("timestamp", "occurred_at", "time", "date", "created_at"),
            Field.LINK, List.of("url", "link", "links", "href"))));

    private final Map<Field, List<Reader>> readers = new EnumMap<>(Field.class);

    public GenericMapper(MappingPolicy policy) {
        super("webhook", policy);
        for (Field f : Field.values()) {
            List<Reader> list = new ArrayList<>();
            for (String alias : policy.aliases(f)) {
                list.add(Reader.of(alias, f));
            }
            for (String alias : BUILT_IN.get(f)) {
                list.add(Reader.of(alias, f));
            }
            readers.put(f, List.copyOf(list));
        }
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        if (isOurEnvelope(payload)) {
            // webhookkit's own outbound envelope (OpsKnight's): the alert is in "data".
            return mapObject(payload.get("data"), request);
        }
        String statusWord = text(payload, Field.STATUS);
        AlertStatus status = policy.statusWord(statusWord).or(() -> Normalization.status(statusWord))
                .orElse(policy.defaultStatus());
        String source = Nodes.first(text(payload, Field.SOURCE), "webhook");
        String title = Nodes.first(text(payload, Field.TITLE), source + " alert");
        String dedupKey = text(payload, Field.DEDUP_KEY);
        if (dedupKey == null && policy.deriveMissingDedupKey()) {
            dedupKey = Hashes.shortSha256(source + "\n" + title);
        }
        boolean unknownStatus = statusWord != null && policy.statusWord(statusWord).isEmpty()
                && Normalization.status(statusWord).isEmpty();
        Alert.Builder b = alert(payload, source, status, text(payload, Field.SEVERITY), Tables.GENERIC_SEVERITY)
                .title(title)
                .description(text(payload, Field.DESCRIPTION))
                .service(text(payload, Field.SERVICE))
                .dedupKey(key(dedupKey))
                .labels(Nodes.scalars(payload.path("labels")))
                .labels(payload.path("tags").isObject() ? Nodes.scalars(payload.path("tags")) : Nodes.keyValueTags(payload.path("tags")))
                .label("raw_status", unknownStatus ? statusWord : null)
                .occurredAt(Timestamps.parse(node(payload, Field.OCCURRED_AT)).orElse(null));
        links(payload).forEach(b::link);
        return List.of(b.build());
    }

    private String text(JsonNode payload, Field field) {
        JsonNode n = node(payload, field);
        return Nodes.text(n.isArray() ? n.path(0) : n);
    }

    /** The first alias whose value is present (not null, not blank). */
    private JsonNode node(JsonNode payload, Field field) {
        for (Reader r : readers.get(field)) {
            JsonNode n = r.read(payload);
            if (n != null && !n.isMissingNode() && !n.isNull() && !(n.isTextual() && n.asText().isBlank())) {
                return n;
            }
        }
        return MissingNode.getInstance();
    }

    /** A link field may be a URL, an array of URLs, or objects with href or url (PagerDuty style). */
    private List<String> links(JsonNode payload) {
        List<String> out = new ArrayList<>();
        JsonNode n = node(payload, Field.LINK);
        for (JsonNode item : n.isArray() ? n : List.of(n)) {
            String url = item.isObject() ? Nodes.first(Nodes.text(item, "href"), Nodes.text(item, "url")) : Nodes.text(item);
            if (url != null) {
                out.add(url);
            }
        }
        return out;
    }

    /** Reads one alias: a JSONPath ($…), an exact top-level field, or a dotted path. */
    private interface Reader {
        JsonNode read(JsonNode payload);

        static Reader of(String alias, Field field) {
            String a = alias.trim();
            if (a.startsWith("$")) {
                JsonPath path = JsonPathSupport.compile(a, "alias for " + field.name().toLowerCase(Locale.ROOT), "");
                return payload -> JsonPathSupport.read(path, payload).orElse(null);
            }
            String[] steps = a.split("\\.");
            if (steps.length == 1) {
                return payload -> payload.get(a);
            }
            return payload -> {
                JsonNode exact = payload.get(a);
                return exact != null ? exact : Nodes.at(payload, steps);
            };
        }
    }

    /** {@code {"event": "…", "timestamp": …, "data": {…}}} and nothing else, as webhook-outbound sends it. */
    private static boolean isOurEnvelope(JsonNode payload) {
        return payload.size() == 3 && payload.path("event").isTextual() && payload.has("timestamp") && payload.path("data").isObject();
    }
}
