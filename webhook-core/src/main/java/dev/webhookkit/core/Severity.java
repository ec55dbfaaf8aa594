package dev.webhookkit.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** How bad an alert is; written in lower case in JSON. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    /** The lower-case JSON name. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exact (case-insensitive) match of a JSON name; use a mapper's table for senders' words. */
    public static Optional<Severity> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(id.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    static Severity fromJson(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown severity '" + id + "'"));
    }
}
