package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.admin.InvalidFieldException;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the {@code secrets} of an endpoint or a subscription: a list of values or of
 * {@code {"id","value","validUntil"}} objects, within the same caps for both (every secret is
 * tried on every verification or signature, so their number bounds that work). Messages name
 * fields and ids, never a value: this is where the secrets are.
 */
public final class SecretsJson {
    /** The most secrets one entry holds, rotation included. */
    public static final int MAX_SECRETS = 10;
    /** The longest secret value. */
    public static final int MAX_SECRET_CHARS = 4096;
    /** The longest secret id. */
    public static final int MAX_ID_CHARS = 256;

    private SecretsJson() {
    }

    /** @param owner "an endpoint" or "a subscription", for the cap's message */
    public static SecretSet read(JsonNode node, String owner) {
        if (node == null || node.isNull()) {
            return SecretSet.empty();
        }
        if (!node.isArray()) {
            throw new InvalidFieldException("secrets", "must be a list of secret values or {\"id\",\"value\",\"validUntil\"} objects");
        }
        if (node.size() > MAX_SECRETS) {
            throw new InvalidFieldException("secrets", owner + " holds at most " + MAX_SECRETS + " secrets but " + node.size() + " were given");
        }
        List<Secret> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            list.add(entry(node.get(i), "secrets[" + i + "]", i == 0 ? Secret.DEFAULT_ID : "key-" + (i + 1)));
        }
        try {
            return SecretSet.of(list);
        } catch (ConfigurationException ex) {
            throw new InvalidFieldException("secrets", ex.getMessage());
        }
    }

    private static Secret entry(JsonNode s, String field, String defaultId) {
        if (s.isTextual()) {
            return secret(field, defaultId, s.asText(), null);
        }
        if (!s.isObject()) {
            throw new InvalidFieldException(field, "must be a secret value or an {\"id\",\"value\",\"validUntil\"} object");
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("id") && !f.equals("value") && !f.equals("validUntil")) {
                throw new InvalidFieldException(field + "." + f, "unknown field");
            }
        }
        JsonNode id = s.get("id");
        JsonNode value = s.get("value");
        JsonNode until = s.get("validUntil");
        if (id != null && !id.isNull() && !id.isTextual()) {
            throw new InvalidFieldException(field + ".id", "must be a string");
        }
        if (value == null || !value.isTextual()) {
            throw new InvalidFieldException(field + ".value", "is required and must be a string");
        }
        Instant validUntil = until == null || until.isNull() ? null : instant(field + ".validUntil", until);
        return secret(field, id == null || id.isNull() ? defaultId : id.asText(), value.asText(), validUntil);
    }

    /** One secret, within the caps. */
    public static Secret secret(String field, String id, String value, Instant validUntil) {
        if (value.length() > MAX_SECRET_CHARS || id.length() > MAX_ID_CHARS) {
            throw new InvalidFieldException(field, "a secret value is at most " + MAX_SECRET_CHARS + " characters, its id at most "
                    + MAX_ID_CHARS);
        }
        try {
            return validUntil == null ? Secret.of(id, value) : Secret.of(id, value, validUntil);
        } catch (ConfigurationException ex) {
            throw new InvalidFieldException(field, ex.getMessage()); // Secret's messages name the id, never the value
        }
    }

    /** An ISO-8601 instant. */
    public static Instant instant(String field, JsonNode node) {
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException ex) {
                // answered below
            }
        }
        throw new InvalidFieldException(field, "must be an ISO-8601 instant such as 2026-12-03T18:00:00Z");
    }
}
