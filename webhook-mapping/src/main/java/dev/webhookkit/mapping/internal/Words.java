package dev.webhookkit.mapping.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A case-insensitive table from a sender's words to one of our values ("Sev1" → error). Immutable. */
public final class Words<T> {
    private final Map<String, T> table;

    private Words(Map<String, T> table) {
        this.table = Map.copyOf(table);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The value for a word (trimmed, any case), empty for null, blank or unknown words. */
    public Optional<T> get(String word) {
        if (word == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.get(normalize(word)));
    }

    /** The value for a word (trimmed, any case), or null; {@link #get} without the Optional. */
    T find(String word) {
        return word == null ? null : table.get(normalize(word));
    }

    /** This table with another's entries on top. */
    public Words<T> with(Map<String, T> overrides) {
        Map<String, T> merged = new HashMap<>(table);
        overrides.forEach((w, v) -> merged.put(normalize(w), v));
        return new Words<>(merged);
    }

    static String normalize(String word) {
        return word.trim().toLowerCase(Locale.ROOT);
    }

    /** Collects words; not thread-safe. */
    public static final class Builder<T> {
        private final Map<String, T> table = new HashMap<>();

        private Builder() {
        }

        public Builder<T> put(T value, String... words) {
            for (String w : words) {
                table.put(normalize(w), value);
            }
            return this;
        }

        public Words<T> build() {
            return new Words<>(table);
        }
    }
}
