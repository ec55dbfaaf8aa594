package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Small readers over Jackson trees for the mappers. Internally "absent" is {@code null}: a missing
 * field, JSON null, blank text and containers (where text was expected) all read as null.
 */
public final class Nodes {
    private Nodes() {
    }

    /** The node at a path of field names; a missing node when any step is absent. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            current = current.path(step);
        }
        return current;
    }

    /** Trimmed text of a scalar (numbers and booleans as written), or null. */
    public static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String s = node.asText();
        int n = s.length();
        if (n > 0 && s.charAt(0) > ' ' && s.charAt(n - 1) > ' ') {
            return s; // nothing to trim, the usual case: skip trim's scan
        }
        s = s.trim();
        return s.isEmpty() ? null : s;
    }

    /** Trimmed text of one field's scalar, or null; no path array on hot paths. */
    public static String field(JsonNode node, String name) {
        return node == null ? null : text(node.get(name));
    }

    /** Trimmed text of the scalar at a path, or null. */
    public static String text(JsonNode node, String... path) {
        return text(at(node, path));
    }

    /** The first non-blank scalar of two top-level fields, or null; no array on hot paths. */
    public static String firstText(JsonNode node, String first, String second) {
        String s = field(node, first);
        return s != null ? s : field(node, second);
    }

    /** The first non-blank scalar among several top-level fields, or null. */
    public static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String s = text(node.get(f));
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** The first non-null argument, or null. */
    @SafeVarargs
    public static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The scalar fields of an object as strings, in order; nested values are skipped. */
    public static Map<String, String> scalars(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        forEachScalar(object, out::put);
        return out;
    }

    /** Hands each scalar field of an object, as a string, to the consumer (no intermediate map on hot paths). */
    public static void forEachScalar(JsonNode object, BiConsumer<String, String> consumer) {
        if (object != null && object.isObject()) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                String v = text(e.getValue());
                if (v != null) {
                    consumer.accept(e.getKey(), v);
                }
            }
        }
    }

    /** The scalar elements of an array as strings (a lone scalar gives one element). */
    public static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> {
                String v = text(n);
                if (v != null) {
                    out.add(v);
                }
            });
        } else {
            String v = text(node);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The scalar elements joined with commas, or null when there are none. */
    public static String joined(JsonNode node) {
        List<String> s = strings(node);
        return s.isEmpty() ? null : String.join(",", s);
    }

    /**
     * Tags written as {@code key:value} (Datadog, Dynatrace, Elastic) into labels; the separator
     * may be ':' or '='. Items without one are skipped. Accepts an array or a comma-separated text.
     */
    public static Map<String, String> keyValueTags(JsonNode node) {
        List<String> items = new ArrayList<>();
        if (node != null && node.isArray()) {
            items.addAll(strings(node));
        } else {
            String t = text(node);
            if (t != null) {
                for (String part : t.split(",")) {
                    items.add(part);
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items) {
            String s = item.trim();
            int sep = indexOfSeparator(s);
            if (sep > 0 && sep < s.length() - 1) {
                out.put(s.substring(0, sep).trim(), s.substring(sep + 1).trim());
            }
        }
        return out;
    }

    private static int indexOfSeparator(String s) {
        int colon = s.indexOf(':');
        int equals = s.indexOf('=');
        if (colon < 0) {
            return equals;
        }
        return equals < 0 ? colon : Math.min(colon, equals);
    }
}
