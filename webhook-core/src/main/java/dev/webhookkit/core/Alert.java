package dev.webhookkit.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The normalized alert every {@code PayloadMapper} produces, whatever tool sent it.
 *
 * <p>{@link #dedupKey()} groups the trigger, acknowledge and resolve of one incident; it is handed
 * to the host application and never used to drop deliveries (that is the pipeline's delivery
 * dedup, a different thing).
 *
 * <p>JSON: {@code title, severity, status, dedupKey, source, description, service, labels, links,
 * occurredAt} with lower-case enum values; absent optional fields are omitted. The original
 * payload is available from {@link #payload()} but is not written to JSON.
 *
 * <p>Immutable and thread-safe.
 */
@JsonPropertyOrder({"title", "severity", "status", "dedupKey", "source", "description", "service", "labels", "links", "occurredAt", "rawSeverity"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Alert {
    private final String title;
    private final Severity severity;
    private final AlertStatus status;
    private final String dedupKey;
    private final String source;
    private final String description;
    private final String service;
    private final Map<String, String> labels;
    private final List<String> links;
    private final Instant occurredAt;
    private final String rawSeverity;
    private final JsonNode payload;

    private Alert(Builder b) {
        this.title = Objects.requireNonNull(b.title, "title");
        this.severity = Objects.requireNonNull(b.severity, "severity");
        this.status = Objects.requireNonNull(b.status, "status");
        this.dedupKey = b.dedupKey;
        this.source = Objects.requireNonNull(b.source, "source");
        this.description = b.description;
        this.service = b.service;
        this.labels = b.labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(b.handOverLabels());
        this.links = List.copyOf(b.links);
        this.occurredAt = b.occurredAt;
        this.rawSeverity = b.rawSeverity;
        this.payload = b.payload;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = builder().title(title).severity(severity).status(status).source(source)
                .labels(labels).links(links).payload(payload);
        b.dedupKey = dedupKey;
        b.description = description;
        b.service = service;
        b.occurredAt = occurredAt;
        b.rawSeverity = rawSeverity;
        return b;
    }

    @JsonProperty("title")
    public String title() {
        return title;
    }

    @JsonProperty("severity")
    public Severity severity() {
        return severity;
    }

    @JsonProperty("status")
    public AlertStatus status() {
        return status;
    }

    @JsonIgnore
    public Optional<String> dedupKey() {
        return Optional.ofNullable(dedupKey);
    }

    @JsonProperty("source")
    public String source() {
        return source;
    }

    @JsonIgnore
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    @JsonIgnore
    public Optional<String> service() {
        return Optional.ofNullable(service);
    }

    @JsonProperty("labels")
    public Map<String, String> labels() {
        return labels;
    }

    @JsonProperty("links")
    public List<String> links() {
        return links;
    }

    @JsonIgnore
    public Optional<Instant> occurredAt() {
        return Optional.ofNullable(occurredAt);
    }

    /** The sender's own severity word when it was not one of the four known values. */
    @JsonIgnore
    public Optional<String> rawSeverity() {
        return Optional.ofNullable(rawSeverity);
    }

    /** The payload the alert was mapped from (a missing node when built without one). */
    @JsonIgnore
    public JsonNode payload() {
        return payload;
    }

    // JSON views of the optional fields: null is omitted by @JsonInclude(NON_NULL).
    @JsonProperty("dedupKey")
    String dedupKeyJson() {
        return dedupKey;
    }

    @JsonProperty("description")
    String descriptionJson() {
        return description;
    }

    @JsonProperty("service")
    String serviceJson() {
        return service;
    }

    @JsonProperty("occurredAt")
    String occurredAtJson() {
        return occurredAt == null ? null : occurredAt.toString();
    }

    @JsonProperty("rawSeverity")
    String rawSeverityJson() {
        return rawSeverity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Alert a && a.title.equals(title) && a.severity == severity && a.status == status
                && Objects.equals(a.dedupKey, dedupKey) && a.source.equals(source)
                && Objects.equals(a.description, description) && Objects.equals(a.service, service)
                && a.labels.equals(labels) && a.links.equals(links) && Objects.equals(a.occurredAt, occurredAt)
                && Objects.equals(a.rawSeverity, rawSeverity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, severity, status, dedupKey, source, service, occurredAt);
    }

    @Override
    public String toString() {
        return "Alert[" + status.id() + " " + severity.id() + " '" + title + "' from " + source
                + (dedupKey != null ? ", dedupKey=" + dedupKey : "") + "]";
    }

    /** Builds an alert; title, severity, status and source are required. Not thread-safe. */
    public static final class Builder {
        private String title;
        private Severity severity;
        private AlertStatus status;
        private String dedupKey;
        private String source;
        private String description;
        private String service;
        private Map<String, String> labels = new LinkedHashMap<>();
        /** Set once an alert took {@link #labels}: the next change copies it first (copy on write). */
        private boolean labelsShared;
        private final List<String> links = new java.util.ArrayList<>();
        private Instant occurredAt;
        private String rawSeverity;
        private JsonNode payload = MissingNode.getInstance();

        private Builder() {
        }

        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        public Builder status(AlertStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Null or blank clears it. */
        public Builder dedupKey(String dedupKey) {
            this.dedupKey = blankToNull(dedupKey);
            return this;
        }

        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Null or blank clears it. */
        public Builder description(String description) {
            this.description = blankToNull(description);
            return this;
        }

        /** Null or blank clears it. */
        public Builder service(String service) {
            this.service = blankToNull(service);
            return this;
        }

        /** Adds a label; a null value is skipped. */
        public Builder label(String name, String value) {
            if (value != null) {
                if (labelsShared) {
                    labels = new LinkedHashMap<>(labels);
                    labelsShared = false;
                }
                labels.put(Objects.requireNonNull(name, "name"), value);
            }
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            labels.forEach(this::label);
            return this;
        }

        /** Adds a link; null or blank is skipped. */
        public Builder link(String url) {
            if (url != null && !url.isBlank()) {
                links.add(url);
            }
            return this;
        }

        public Builder links(List<String> links) {
            links.forEach(this::link);
            return this;
        }

        /** Null clears it. */
        public Builder occurredAt(Instant occurredAt) {
            this.occurredAt = occurredAt;
            return this;
        }

        /** The sender's severity text when it did not map to a known value; null clears it. */
        public Builder rawSeverity(String rawSeverity) {
            this.rawSeverity = blankToNull(rawSeverity);
            return this;
        }

        public Builder payload(JsonNode payload) {
            this.payload = Objects.requireNonNull(payload, "payload");
            return this;
        }

        public Alert build() {
            return new Alert(this);
        }

        /** The labels map for a new alert, without copying: mapping builds one alert per builder. */
        private Map<String, String> handOverLabels() {
            labelsShared = true;
            return labels;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
