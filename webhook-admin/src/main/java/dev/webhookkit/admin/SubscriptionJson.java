package dev.webhookkit.admin;

import dev.webhookkit.admin.internal.SecretsJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.admin.internal.Json;
import dev.webhookkit.admin.internal.JsonFields;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.spi.OutboundSigner;
import dev.webhookkit.core.spi.RegistryCodec;
import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SignatureScheme;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outbound subscriptions as JSON, in three forms with the same field names:
 * <ul>
 * <li><b>write</b> ({@link #fromJson}, {@link #decode}): what the admin API takes and a definition
 *     file holds — {@code id, name, tenant, url, scheme, secret, eventTypes, enabled}, plus
 *     {@code secrets}, {@code headers}, {@code timeoutMs}, {@code maxAttempts},
 *     {@code maxInFlight}, {@code ordered} (deliver one at a time, in enqueue order; default false), {@code description}, {@code unsigned} ({@code true} without a secret is
 *     the only way to send unsigned; with a secret it is refused) and {@code userAgent}. {@code secret} is one signing secret (id
 *     {@code default}); {@code secrets} a key ring like an endpoint's, newest first, of values or
 *     {@code {"id","value","validUntil"}} objects; one of the two is required. {@code headers} is
 *     an object of extra header values (a string, or a list for a repeated header). Unknown fields are refused.</li>
 * <li><b>stored</b> ({@link #encode}, {@link #toStored}): every field, with the secrets (as
 *     {@code secrets} objects) and header values — what webhook-jdbc persists. Never answer it
 *     over the API.</li>
 * <li><b>view</b> ({@link #toView}): what the API answers — the secrets as
 *     {@code {"id","validUntil","active"}} with {@code "secretSet": true}, the extra headers as
 *     {@code headerNames} only (they often carry the subscriber's API key), never a value.</li>
 * </ul>
 *
 * <p>{@code scheme} is a webhook-verify scheme id that can sign ({@link Schemes#ids()}, default
 * {@code hmac-sha256}); a subscription whose signer is written in code or built with scheme
 * options cannot be encoded ({@link ConfigurationException}). {@code eventTypes} are globs
 * (default {@code ["*"]}); {@code timeoutMs} defaults to 10,000; {@code maxAttempts} absent or
 * null means the dispatcher's retry policy decides.
 *
 * <p>Validation is the builder's ({@link Subscription.Builder#build()}); a failure is an
 * {@link InvalidFieldException} naming the field, and no message holds a secret or a header
 * value. The codec does not look the URL up: the admin API checks it against its SSRF guard
 * before it stores a subscription. Immutable and thread-safe.
 */
public final class SubscriptionJson implements RegistryCodec<Subscription> {
    private static final Set<String> FIELDS = Set.of("id", "name", "tenant", "url", "scheme", "secret", "secrets", "eventTypes",
            "enabled", "headers", "timeoutMs", "maxAttempts", "maxInFlight", "ordered", "description", "unsigned", "userAgent");
    private static final SubscriptionJson INSTANCE = new SubscriptionJson();
    /** Globs of {@code eventTypes} at most (each is tested on every publish), each at most 256 characters. */
    public static final int MAX_EVENT_TYPES = 64;
    /** The longest text of each field; others' at most 256 characters. */
    private static final Map<String, Integer> MAX_CHARS = Map.of("id", 128, "url", 2048, "name", 200, "tenant", 128,
            "description", 1024, "secret", SecretsJson.MAX_SECRET_CHARS);
    private static final int MAX_TEXT_CHARS = 256;
    /** Extra headers at most. */
    public static final int MAX_HEADERS = 32;
    /** The builder's messages: {@code subscription 'id': <setting> …}. */
    private static final Pattern BUILDER_MESSAGE = Pattern.compile("subscription '[^']*': (\\w+)");

    private SubscriptionJson() {
    }

    public static SubscriptionJson instance() {
        return INSTANCE;
    }

    @Override
    public String key(Subscription entry) {
        return entry.id();
    }

    /** The stored form as text, secrets and header values included. @throws ConfigurationException when it cannot be stored */
    @Override
    public String encode(Subscription entry) {
        return Json.storedText(toStored(entry), "subscription '" + entry.id() + "'");
    }

    /** @throws InvalidFieldException (a {@link ConfigurationException}) when the text is not a valid subscription */
    @Override
    public Subscription decode(String stored) {
        return fromJson(Json.storedNode(stored, "subscription"));
    }

    /** The stored form: every field, secrets and header values included. */
    public ObjectNode toStored(Subscription s) {
        ObjectNode node = common(s);
        ArrayNode secrets = node.putArray("secrets");
        for (Secret secret : s.secrets().all()) {
            ObjectNode sn = secrets.addObject();
            sn.put("id", secret.id());
            sn.put("value", secret.value());
            secret.validUntil().ifPresent(t -> sn.put("validUntil", t.toString()));
        }
        ObjectNode headers = node.putObject("headers");
        s.headers().toMap().forEach((name, values) -> {
            if (values.size() == 1) {
                headers.put(name, values.get(0));
            } else {
                values.forEach(headers.putArray(name)::add);
            }
        });
        return node;
    }

    /** The API's read view at {@code now}: secrets as ids and validity, header names only; no secret and no header value. */
    public ObjectNode toView(Subscription s, Instant now) {
        ObjectNode node = common(s);
        node.put("secretSet", !s.secrets().isEmpty());
        ArrayNode secrets = node.putArray("secrets");
        for (Secret secret : s.secrets().all()) {
            ObjectNode sn = secrets.addObject();
            sn.put("id", secret.id());
            if (secret.validUntil().isPresent()) {
                sn.put("validUntil", secret.validUntil().get().toString());
            } else {
                sn.putNull("validUntil");
            }
            sn.put("active", secret.isActiveAt(now));
        }
        ArrayNode names = node.putArray("headerNames");
        s.headers().names().forEach(names::add);
        return node;
    }

    /**
     * The view with {@code disabledReason}: why the dispatcher disabled the subscription
     * ({@link DisableReason#name()}), null while it is enabled or when nobody knows (disabled by
     * hand, or before this process started).
     */
    public ObjectNode toView(Subscription s, Instant now, DisableReason disabledReason) {
        ObjectNode node = toView(s, now);
        if (disabledReason != null && !s.enabled()) {
            node.put("disabledReason", disabledReason.name());
        } else {
            node.putNull("disabledReason");
        }
        return node;
    }

    private static ObjectNode common(Subscription s) {
        String scheme = schemeId(s);
        ObjectNode n = Json.object();
        n.put("id", s.id());
        n.put("name", s.name());
        if (s.tenant().isPresent()) {
            n.put("tenant", s.tenant().get());
        } else {
            n.putNull("tenant");
        }
        n.put("url", s.url().toString());
        n.put("scheme", scheme);
        ArrayNode types = n.putArray("eventTypes");
        s.eventTypes().forEach(types::add);
        n.put("enabled", s.enabled());
        n.put("timeoutMs", s.timeout().toMillis());
        if (s.timeout().toNanos() % 1_000_000L != 0) {
            throw new ConfigurationException("subscription '" + s.id() + "': a timeout of " + s.timeout()
                    + " is not whole milliseconds and cannot be stored as JSON");
        }
        if (s.maxAttempts().isPresent()) {
            n.put("maxAttempts", s.maxAttempts().getAsInt());
        } else {
            n.putNull("maxAttempts");
        }
        n.put("maxInFlight", s.maxInFlight());
        n.put("ordered", s.ordered());
        n.put("description", s.description());
        n.put("unsigned", s.unsigned());
        if (s.userAgent().isPresent()) {
            n.put("userAgent", s.userAgent().get());
        } else {
            n.putNull("userAgent");
        }
        return n;
    }

    private static String schemeId(Subscription s) {
        OutboundSigner signer = s.signer();
        String id = signer.schemeId();
        // Only a scheme's shared default instance is described by its id alone.
        if (signer instanceof SignatureScheme && Schemes.ids().contains(id) && Schemes.byId(id) == signer) {
            return id;
        }
        throw new ConfigurationException("subscription '" + s.id() + "' has a signer ('" + id
                + "') written in code or built with scheme options; it cannot be stored as JSON");
    }

    /**
     * A subscription from its write or stored form.
     *
     * @throws InvalidFieldException naming the first field that cannot be used
     */
    public Subscription fromJson(JsonNode node) {
        return fromJson(node, null);
    }

    /**
     * A subscription from its write form, keeping {@code current}'s write-only settings (secrets,
     * headers) where the form leaves them out: a client replacing a subscription it read cannot
     * send them back, because reads never show them.
     *
     * @param current the subscription being replaced, null for none
     * @throws InvalidFieldException naming the first field that cannot be used
     */
    public Subscription fromJson(JsonNode node, Subscription current) {
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException("subscription", "must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new InvalidFieldException(f, "unknown field");
            }
        }
        String id = requiredText(node, "id");
        String url = requiredText(node, "url");
        Subscription.Builder b = Subscription.builder(id, url);
        optionalText(node, "name").ifPresent(b::name);
        optionalText(node, "tenant").ifPresent(b::tenant);
        String scheme = optionalText(node, "scheme").orElse("hmac-sha256");
        try {
            b.scheme(scheme);
        } catch (ConfigurationException ex) {
            throw new InvalidFieldException("scheme", ex.getMessage());
        }
        boolean hasSecret = present(node, "secret");
        boolean hasSecrets = present(node, "secrets");
        if (hasSecret && hasSecrets) {
            throw new InvalidFieldException("secret", "give either secret or secrets, not both");
        }
        boolean unsigned = optionalBoolean(node, "unsigned").orElse(false);
        if (unsigned) {
            // Explicit opt-in; a secret alongside it is a contradiction, never silently dropped.
            if (hasSecret || (hasSecrets && node.get("secrets").size() > 0)) {
                throw new InvalidFieldException("unsigned", "true sends without a signature and excludes secret/secrets");
            }
            b.unsigned();
        } else if (hasSecret) {
            b.secrets(SecretSet.of(SecretsJson.secret("secret", Secret.DEFAULT_ID, requiredText(node, "secret"), null)));
        } else if (hasSecrets) {
            b.secrets(SecretsJson.read(node.get("secrets"), "a subscription"));
        } else if (current != null) {
            b.secrets(current.secrets());
        } else {
            throw new InvalidFieldException("secret", "is required (the subscriber verifies signatures with it;"
                    + " to send without a signature, say \"unsigned\": true)");
        }
        optionalText(node, "userAgent").ifPresent(ua -> {
            try {
                b.userAgent(ua);
            } catch (ConfigurationException ex) {
                throw new InvalidFieldException("userAgent", ex.getMessage());
            }
        });
        optionalStrings(node, "eventTypes").ifPresent(b::eventTypes);
        optionalBoolean(node, "enabled").ifPresent(b::enabled);
        if (present(node, "headers")) {
            b.headers(headers(node.get("headers")));
        } else if (current != null) {
            b.headers(current.headers());
        }
        optionalLong(node, "timeoutMs").ifPresent(ms -> {
            if (ms <= 0 || ms > Subscription.MAX_TIMEOUT.toMillis()) {
                throw new InvalidFieldException("timeoutMs", "must be between 1 and " + Subscription.MAX_TIMEOUT.toMillis() + " but was " + ms);
            }
            b.timeout(Duration.ofMillis(ms));
        });
        optionalLong(node, "maxAttempts").ifPresent(n -> {
            if (n <= 0 || n > Integer.MAX_VALUE) {
                throw new InvalidFieldException("maxAttempts", "must be between 1 and " + Integer.MAX_VALUE + " (or null for the retry policy's) but was " + n);
            }
            b.maxAttempts((int) (long) n);
        });
        optionalLong(node, "maxInFlight").ifPresent(n -> {
            if (n <= 0 || n > Integer.MAX_VALUE) {
                throw new InvalidFieldException("maxInFlight", "must be between 1 and " + Integer.MAX_VALUE + " but was " + n);
            }
            b.maxInFlight((int) (long) n);
        });
        optionalBoolean(node, "ordered").ifPresent(b::ordered);
        optionalText(node, "description").ifPresent(b::description);
        try {
            return b.build();
        } catch (InvalidFieldException ex) {
            throw ex;
        } catch (ConfigurationException ex) {
            throw new InvalidFieldException(fieldOf(ex.getMessage(), hasSecret), ex.getMessage());
        }
    }

    /**
     * {@code current} changed by the fields of {@code patch} (a JSON merge patch of the write form:
     * a field set to null goes back to its default; {@code secret} replaces the key ring).
     *
     * @throws InvalidFieldException naming the first field that cannot be used, and for a changed {@code id}
     */
    public Subscription merge(Subscription current, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new InvalidFieldException("subscription", "must be a JSON object");
        }
        JsonNode newId = patch.get("id");
        if (newId != null && !(newId.isTextual() && newId.asText().equals(current.id()))) {
            throw new InvalidFieldException("id", "cannot be changed (create a new subscription instead)");
        }
        ObjectNode merged = toStored(current);
        if (present(patch, "secret")) {
            merged.remove("secrets");
        }
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                merged.remove(e.getKey());
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        }
        return fromJson(merged, current);
    }

    /** Which field a builder's message is about; the builder names its settings. */
    private static String fieldOf(String message, boolean singleSecret) {
        String m = message == null ? "" : message;
        if (m.startsWith("subscription id")) {
            return "id";
        }
        Matcher matcher = BUILDER_MESSAGE.matcher(m);
        String setting = matcher.lookingAt() ? matcher.group(1) : "";
        return switch (setting) {
            case "url", "name", "tenant", "eventTypes", "maxInFlight", "scheme" -> setting;
            case "secrets" -> singleSecret ? "secret" : "secrets";
            case "timeout" -> "timeoutMs";
            case "header" -> "headers";
            default -> "subscription";
        };
    }

    private static Headers headers(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidFieldException("headers", "must be an object of header names to string values (or lists of them)");
        }
        if (node.size() > MAX_HEADERS) {
            throw new InvalidFieldException("headers", "must have at most " + MAX_HEADERS + " entries but has " + node.size());
        }
        Headers.Builder h = Headers.builder();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = "headers." + e.getKey();
            List<JsonNode> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(values::add);
            } else {
                values.add(e.getValue());
            }
            for (JsonNode v : values) {
                if (!v.isTextual()) {
                    throw new InvalidFieldException(field, "must be a string or a list of strings");
                }
                // The value is not quoted: extra headers usually carry a credential.
                if (v.asText().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    throw new InvalidFieldException(field, "must not hold line breaks or NUL");
                }
                h.add(e.getKey(), v.asText());
            }
        }
        return h.build();
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    private static String requiredText(JsonNode node, String field) {
        return optionalText(node, field).orElseThrow(() -> new InvalidFieldException(field, "is required"));
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        return JsonFields.text(node, field, MAX_CHARS.getOrDefault(field, MAX_TEXT_CHARS));
    }

    private static Optional<Boolean> optionalBoolean(JsonNode node, String field) {
        return JsonFields.bool(node, field);
    }

    private static Optional<Long> optionalLong(JsonNode node, String field) {
        return JsonFields.whole(node, "", field);
    }

    private static Optional<List<String>> optionalStrings(JsonNode node, String field) {
        return JsonFields.strings(node, field, MAX_EVENT_TYPES, MAX_TEXT_CHARS);
    }

    @Override
    public String toString() {
        return "SubscriptionJson";
    }
}
