package dev.webhookkit.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Where an incident stands; the trigger, acknowledge and resolve of one incident share a dedup key. */
public enum AlertStatus {
    TRIGGER, ACKNOWLEDGE, RESOLVE;

    /** The lower-case JSON name. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertStatus> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (AlertStatus s : values()) {
            if (s.name().equalsIgnoreCase(id.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    static AlertStatus fromJson(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown status '" + id + "'"));
    }
}
