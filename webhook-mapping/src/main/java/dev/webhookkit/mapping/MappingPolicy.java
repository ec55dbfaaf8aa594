package dev.webhookkit.mapping;

import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Severity;
import dev.webhookkit.mapping.internal.JsonPathSupport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The choices a mapper makes where the sender is silent, per endpoint: the severity of alerts that
 * carry none, the status when none is given, extra words for the status and severity tables,
 * extra field aliases (and nested paths) for the generic {@code webhook} mapper, and how dedup keys
 * are written.
 *
 * <p>Defaults ({@link #defaults()}): severity {@code error} for trigger and acknowledge,
 * {@code info} for resolve; status {@code trigger}; no extra words or aliases; dedup keys namespaced
 * with the mapper id ({@code prometheus:5c1d2e0f9a7b3c41}); a missing dedup key in the generic
 * mapper derived from source and title.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} or change one with
 * {@link #toBuilder()}.
 */
public final class MappingPolicy {
    /** Default severity for trigger and acknowledge when the sender sends none. */
    public static final Severity DEFAULT_TRIGGER_SEVERITY = Severity.ERROR;
    /** Default severity for resolve when the sender sends none. */
    public static final Severity DEFAULT_RESOLVE_SEVERITY = Severity.INFO;
    /** Default status when the sender sends none. */
    public static final AlertStatus DEFAULT_STATUS = AlertStatus.TRIGGER;

    private static final MappingPolicy DEFAULTS = builder().build();

    /** The alert fields the generic mapper reads through aliases. */
    public enum Field {
        TITLE, SEVERITY, STATUS, DEDUP_KEY, SOURCE, DESCRIPTION, SERVICE, OCCURRED_AT, LINK
    }

    private final Map<AlertStatus, Severity> defaultSeverity;
    private final AlertStatus defaultStatus;
    private final Map<Field, List<String>> aliases;
    private final Map<String, Severity> severityWords;
    private final Map<String, AlertStatus> statusWords;
    private final boolean namespaceDedupKeys;
    private final boolean deriveMissingDedupKey;

    private MappingPolicy(Builder b) {
        this.defaultSeverity = Collections.unmodifiableMap(new EnumMap<>(b.defaultSeverity));
        this.defaultStatus = b.defaultStatus;
        Map<Field, List<String>> a = new EnumMap<>(Field.class);
        b.aliases.forEach((f, list) -> a.put(f, List.copyOf(list)));
        this.aliases = Collections.unmodifiableMap(a);
        this.severityWords = Collections.unmodifiableMap(new LinkedHashMap<>(b.severityWords));
        this.statusWords = Collections.unmodifiableMap(new LinkedHashMap<>(b.statusWords));
        this.namespaceDedupKeys = b.namespaceDedupKeys;
        this.deriveMissingDedupKey = b.deriveMissingDedupKey;
    }

    /** error for trigger and acknowledge, info for resolve, trigger when no status; see the class description. */
    public static MappingPolicy defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with every setting of this policy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.defaultSeverity.putAll(defaultSeverity);
        b.defaultStatus = defaultStatus;
        aliases.forEach((f, list) -> b.aliases.put(f, new ArrayList<>(list)));
        b.severityWords.putAll(severityWords);
        b.statusWords.putAll(statusWords);
        b.namespaceDedupKeys = namespaceDedupKeys;
        b.deriveMissingDedupKey = deriveMissingDedupKey;
        return b;
    }

    /** The severity given to an alert with this status whose sender sent no (known) severity. */
    public Severity defaultSeverity(AlertStatus status) {
        return defaultSeverity.get(Objects.requireNonNull(status, "status"));
    }

    /** The status given to an alert whose sender sent none (generic mapper, senders without one). */
    public AlertStatus defaultStatus() {
        return defaultStatus;
    }

    /** Extra aliases for a field, tried in order before the built-in ones; empty when none. */
    public List<String> aliases(Field field) {
        return aliases.getOrDefault(Objects.requireNonNull(field, "field"), List.of());
    }

    /** Extra severity words (lower case), consulted by every mapper before its own table. */
    public Map<String, Severity> severityWords() {
        return severityWords;
    }

    /** Extra status words (lower case), consulted by the generic mapper before its table. */
    public Map<String, AlertStatus> statusWords() {
        return statusWords;
    }

    /** The severity an extra word stands for. */
    public Optional<Severity> severityWord(String word) {
        return word == null || severityWords.isEmpty() ? Optional.empty() : Optional.ofNullable(severityWords.get(word.trim().toLowerCase(Locale.ROOT)));
    }

    /** The status an extra word stands for. */
    public Optional<AlertStatus> statusWord(String word) {
        return word == null || statusWords.isEmpty() ? Optional.empty() : Optional.ofNullable(statusWords.get(word.trim().toLowerCase(Locale.ROOT)));
    }

    /** Whether dedup keys are prefixed with the mapper id ({@code prometheus:…}); default true. */
    public boolean namespaceDedupKeys() {
        return namespaceDedupKeys;
    }

    /** Whether the generic mapper derives a dedup key from source and title when the payload has none; default true. */
    public boolean deriveMissingDedupKey() {
        return deriveMissingDedupKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MappingPolicy p && p.defaultSeverity.equals(defaultSeverity) && p.defaultStatus == defaultStatus
                && p.aliases.equals(aliases) && p.severityWords.equals(severityWords) && p.statusWords.equals(statusWords)
                && p.namespaceDedupKeys == namespaceDedupKeys && p.deriveMissingDedupKey == deriveMissingDedupKey;
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaultSeverity, defaultStatus, aliases, severityWords, statusWords, namespaceDedupKeys,
                deriveMissingDedupKey);
    }

    @Override
    public String toString() {
        return "MappingPolicy[defaultSeverity=" + defaultSeverity + ", defaultStatus=" + defaultStatus + ", aliases=" + aliases
                + ", severityWords=" + severityWords + ", statusWords=" + statusWords + ", namespaceDedupKeys="
                + namespaceDedupKeys + ", deriveMissingDedupKey=" + deriveMissingDedupKey + "]";
    }

    /** Collects a policy's settings; not thread-safe. Validation happens in {@link #build()}. */
    public static final class Builder {
        private final Map<AlertStatus, Severity> defaultSeverity = new EnumMap<>(AlertStatus.class);
        private AlertStatus defaultStatus = DEFAULT_STATUS;
        private final Map<Field, List<String>> aliases = new EnumMap<>(Field.class);
        private final Map<String, Severity> severityWords = new LinkedHashMap<>();
        private final Map<String, AlertStatus> statusWords = new LinkedHashMap<>();
        private boolean namespaceDedupKeys = true;
        private boolean deriveMissingDedupKey = true;

        private Builder() {
            defaultSeverity.put(AlertStatus.TRIGGER, DEFAULT_TRIGGER_SEVERITY);
            defaultSeverity.put(AlertStatus.ACKNOWLEDGE, DEFAULT_TRIGGER_SEVERITY);
            defaultSeverity.put(AlertStatus.RESOLVE, DEFAULT_RESOLVE_SEVERITY);
        }

        /** The same default severity whatever the status. */
        public Builder defaultSeverity(Severity severity) {
            Objects.requireNonNull(severity, "severity");
            for (AlertStatus s : AlertStatus.values()) {
                defaultSeverity.put(s, severity);
            }
            return this;
        }

        /** The default severity for alerts with this status. */
        public Builder defaultSeverity(AlertStatus status, Severity severity) {
            defaultSeverity.put(Objects.requireNonNull(status, "status"), Objects.requireNonNull(severity, "severity"));
            return this;
        }

        public Builder defaultStatus(AlertStatus status) {
            this.defaultStatus = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Adds an alias for a field of the generic mapper; added aliases are tried in the order added,
         * before the built-in ones. A field name
         * ({@code alert_name}), a dotted path ({@code alert.labels.team}; a top-level field with
         * that exact name wins) or a JSONPath starting with {@code $} ({@code $.alerts[0].name}).
         */
        public Builder alias(Field field, String pathOrName) {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pathOrName, "pathOrName");
            aliases.computeIfAbsent(field, f -> new ArrayList<>()).add(pathOrName);
            return this;
        }

        /** Adds a word to the severity table ({@code "sev1"} → critical); consulted by every mapper first. */
        public Builder severityWord(String word, Severity severity) {
            severityWords.put(Objects.requireNonNull(word, "word").trim().toLowerCase(Locale.ROOT),
                    Objects.requireNonNull(severity, "severity"));
            return this;
        }

        /** Adds a word to the generic status table ({@code "raised"} → trigger). */
        public Builder statusWord(String word, AlertStatus status) {
            statusWords.put(Objects.requireNonNull(word, "word").trim().toLowerCase(Locale.ROOT),
                    Objects.requireNonNull(status, "status"));
            return this;
        }

        public Builder namespaceDedupKeys(boolean namespaceDedupKeys) {
            this.namespaceDedupKeys = namespaceDedupKeys;
            return this;
        }

        public Builder deriveMissingDedupKey(boolean deriveMissingDedupKey) {
            this.deriveMissingDedupKey = deriveMissingDedupKey;
            return this;
        }

        /** @throws ConfigurationException naming the setting and the value when an alias or word is blank or invalid */
        public MappingPolicy build() {
            aliases.forEach((field, list) -> {
                for (String alias : list) {
                    String name = "alias for " + field.name().toLowerCase(Locale.ROOT);
                    if (alias.isBlank()) {
                        throw new ConfigurationException(name + " must not be blank but was '" + alias + "'");
                    }
                    if (alias.trim().startsWith("$")) {
                        JsonPathSupport.compile(alias, name, "");
                    }
                }
            });
            for (String w : severityWords.keySet()) {
                if (w.isEmpty()) {
                    throw new ConfigurationException("severityWord must not be blank but was '" + w + "'");
                }
            }
            for (String w : statusWords.keySet()) {
                if (w.isEmpty()) {
                    throw new ConfigurationException("statusWord must not be blank but was '" + w + "'");
                }
            }
            return new MappingPolicy(this);
        }
    }
}
