package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.admin.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the plain fields of the endpoint and subscription codecs, every one within a cap the
 * caller names: a field's text length and a list's entry count are checked before anything is
 * copied, so a hostile body costs no more than the caps (the 1 MiB body limit alone would allow
 * 100,000 event-type globs, each tested on every publish). Absent and null read as empty.
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** A string of at most {@code maxChars} characters. */
    public static Optional<String> text(JsonNode node, String field, int maxChars) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new InvalidFieldException(field, "must be a string");
        }
        if (v.asText().length() > maxChars) {
            throw new InvalidFieldException(field, "must be at most " + maxChars + " characters but has " + v.asText().length());
        }
        return Optional.of(v.asText());
    }

    public static Optional<Boolean> bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new InvalidFieldException(field, "must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    /** A whole number; {@code prefix} goes before the field's name in messages ({@code rateLimit.}). */
    public static Optional<Long> whole(JsonNode node, String prefix, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidFieldException(prefix + field, "must be a whole number");
        }
        return Optional.of(v.asLong());
    }

    /** A list of at most {@code maxEntries} non-blank strings of at most {@code maxChars} characters each. */
    public static Optional<List<String>> strings(JsonNode node, String field, int maxEntries, int maxChars) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            throw new InvalidFieldException(field, "must be a list of strings");
        }
        if (v.size() > maxEntries) {
            throw new InvalidFieldException(field, "must have at most " + maxEntries + " entries but has " + v.size());
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode s = v.get(i);
            if (!s.isTextual() || s.asText().isBlank() || s.asText().length() > maxChars) {
                throw new InvalidFieldException(field + "[" + i + "]", "must be a non-blank string of at most " + maxChars + " characters");
            }
            out.add(s.asText());
        }
        return Optional.of(out);
    }
}
