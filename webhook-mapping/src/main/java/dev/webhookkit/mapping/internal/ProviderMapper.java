package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.PayloadMappingException;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.PayloadMapper;
import dev.webhookkit.mapping.MappingPolicy;
import java.util.List;
import java.util.Objects;

/**
 * What every provider mapper shares: the object check, the policy's defaults for severity, and
 * namespaced dedup keys. Subclasses are immutable and thread-safe.
 */
public abstract class ProviderMapper implements PayloadMapper {
    private static final Severity[] SEVERITIES = Severity.values();
    private final String id;
    protected final MappingPolicy policy;
    private final String keyPrefix;

    protected ProviderMapper(String id, MappingPolicy policy) {
        this.id = Objects.requireNonNull(id, "id");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.keyPrefix = id + ':';
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final List<Alert> map(JsonNode payload, WebhookRequest request) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(request, "request");
        if (!payload.isObject()) {
            throw new PayloadMappingException(id + " mapper expects a JSON object but got " + payload.getNodeType());
        }
        return mapObject(payload, request);
    }

    /** Maps a payload known to be an object; no state change gives an empty list. */
    protected abstract List<Alert> mapObject(JsonNode payload, WebhookRequest request);

    /**
     * Starts an alert: source, payload, status, and severity from the sender's word through the
     * policy's extra words, then the table; an unknown or absent word gives the policy's default.
     * The sender's word is kept as raw severity unless it is one of our four names.
     */
    protected final Alert.Builder alert(JsonNode payload, String source, AlertStatus status, String severityWord,
                                        Words<Severity> table) {
        return alert(payload, source, status, severity(severityWord, table)).rawSeverity(rawSeverity(severityWord));
    }

    /** Starts an alert with a severity already decided, or the policy's default when null. */
    protected final Alert.Builder alert(JsonNode payload, String source, AlertStatus status, Severity severity) {
        return Alert.builder()
                .payload(payload)
                .source(source)
                .status(status)
                .severity(severity != null ? severity : policy.defaultSeverity(status));
    }

    /** The severity a word stands for (policy words first), or null. */
    protected final Severity severity(String word, Words<Severity> table) {
        if (word == null) {
            return null;
        }
        Severity extra = policy.severityWords().isEmpty() ? null : policy.severityWord(word).orElse(null);
        return extra != null ? extra : table.find(word);
    }

    /** The sender's severity word when it is not literally one of critical, error, warning, info; else null. */
    protected static String rawSeverity(String word) {
        if (word == null || word.isBlank()) {
            return null;
        }
        String trimmed = word.trim();
        for (Severity s : SEVERITIES) {
            if (s.name().equalsIgnoreCase(trimmed)) {
                return null;
            }
        }
        return trimmed;
    }

    /**
     * A dedup key from parts joined with ':', prefixed with the mapper id when the policy namespaces
     * keys; null when any part is missing, so a half key never groups unrelated alerts.
     */
    protected final String key(String... parts) {
        if (parts.length == 1) {
            String part = parts[0];
            if (part == null || part.isBlank()) {
                return null;
            }
            return policy.namespaceDedupKeys() ? keyPrefix.concat(part) : part;
        }
        StringBuilder sb = new StringBuilder(64);
        if (policy.namespaceDedupKeys()) {
            sb.append(id).append(':');
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null || parts[i].isBlank()) {
                return null;
            }
            if (i > 0) {
                sb.append(':');
            }
            sb.append(parts[i]);
        }
        return sb.toString();
    }

    /** Rejects a payload that is not this sender's shape; the receiver answers 400 MALFORMED_PAYLOAD. */
    protected final PayloadMappingException malformed(String what) {
        return new PayloadMappingException(id + " mapper: " + what);
    }
}
