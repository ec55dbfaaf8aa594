package dev.webhookkit.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable, case-insensitive, multi-valued HTTP headers. Names keep the spelling they were first
 * added with; look-ups ignore case. Thread-safe.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(Map.of(), Map.of());

    /** lower-case name → values */
    private final Map<String, List<String>> values;
    /** lower-case name → name as first written */
    private final Map<String, String> names;

    private Headers(Map<String, List<String>> values, Map<String, String> names) {
        this.values = values;
        this.names = names;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from alternating name, value pairs: {@code Headers.of("X-A", "1", "X-B", "2")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of takes name, value pairs but got " + namesAndValues.length + " strings");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /** Headers from a map such as {@code HttpHeaders.map()} or a servlet container's. */
    public static Headers of(Map<String, ? extends List<String>> map) {
        Builder b = builder();
        map.forEach((name, list) -> {
            if (name != null) {
                list.forEach(v -> b.add(name, v));
            }
        });
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first value of a header, if present. */
    public Optional<String> first(String name) {
        List<String> list = values.get(lower(name));
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    /** The first value present among several header names, tried in order. */
    public Optional<String> firstOf(List<String> headerNames) {
        for (String n : headerNames) {
            List<String> list = values.get(lower(n));
            if (list != null) {
                return Optional.of(list.get(0));
            }
        }
        return Optional.empty();
    }

    /** Every value of a header, in arrival order; empty when absent. */
    public List<String> all(String name) {
        return values.getOrDefault(lower(name), List.of());
    }

    public boolean contains(String name) {
        return values.containsKey(lower(name));
    }

    /** Header names as first written, in arrival order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(names.values()));
    }

    /** Name (as first written) → values, in arrival order. */
    public Map<String, List<String>> toMap() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(names.get(k), v));
        return Collections.unmodifiableMap(out);
    }

    public int size() {
        return values.size();
    }

    /** A builder pre-filled with these headers. */
    public Builder toBuilder() {
        Builder b = builder();
        toMap().forEach((n, list) -> list.forEach(v -> b.add(n, v)));
        return b;
    }

    private static String lower(String name) {
        return Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Names only: header values may carry signatures and tokens. */
    @Override
    public String toString() {
        return "Headers" + names.values();
    }

    /** Collects headers; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();
        private final Map<String, String> names = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a value; earlier values of the same name are kept. */
        public Builder add(String name, String value) {
            Objects.requireNonNull(value, "value");
            String key = lower(name);
            names.putIfAbsent(key, name);
            values.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
            return this;
        }

        /** Replaces every value of a header. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        public Builder remove(String name) {
            String key = lower(name);
            values.remove(key);
            names.remove(key);
            return this;
        }

        public Headers build() {
            if (values.isEmpty()) {
                return EMPTY;
            }
            Map<String, List<String>> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new Headers(Collections.unmodifiableMap(copy), Collections.unmodifiableMap(new LinkedHashMap<>(names)));
        }
    }
}
