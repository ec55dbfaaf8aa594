package dev.webhookkit.admin;

import dev.webhookkit.actions.ActionDefinitionException;
import dev.webhookkit.actions.ActionDefinitions;
import dev.webhookkit.actions.ActionPlan;
import dev.webhookkit.actions.ConfiguredActions;
import dev.webhookkit.admin.internal.SecretsJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.admin.internal.Echo;
import dev.webhookkit.admin.internal.Json;
import dev.webhookkit.admin.internal.JsonFields;
import dev.webhookkit.core.CidrRange;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.IpAllowlist;
import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.spi.ContextExtractor;
import dev.webhookkit.core.spi.EventFilter;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.PayloadMapper;
import dev.webhookkit.core.spi.RegistryCodec;
import dev.webhookkit.core.spi.SignatureVerifier;
import dev.webhookkit.core.spi.TemplateRenderer;
import dev.webhookkit.mapping.Mappers;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SignatureScheme;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Endpoints as JSON, in three forms with the same field names:
 * <ul>
 * <li><b>write</b> ({@link #fromJson}, {@link #decode}): what the admin API takes and a definition
 *     file holds — {@code name, tenant, path, scheme, secrets, provider, enabled, ipAllowlist,
 *     rateLimit {permits, periodSeconds}, mode, template, instructions, attributes}, plus
 *     {@code maxBodyBytes}, {@code dedupWindowSeconds}, {@code deliveryIdHeaders},
 *     {@code dedupByBodyHash}, {@code eventTypeHeaders}, {@code eventTypeFields},
 *     {@code formJsonField} (absent: the scheme's default; null: none), {@code integrationId},
 *     {@code urlToken} (write-only, like the secrets), {@code responseModeField} and {@code actions} (the
 *     list webhook-actions' {@link ActionDefinitions} reads; only with {@link Builder#actions}). {@code secrets}
 *     is a list, newest first, of secret values (ids {@code default}, {@code key-2} …) or of
 *     objects {@code {"id","value","validUntil"}}. Unknown fields are refused.</li>
 * <li><b>stored</b> ({@link #encode}, {@link #toStored}): the write form with every field and the
 *     secrets as objects <em>with their values</em> — what webhook-jdbc persists. Never answer it
 *     over the API.</li>
 * <li><b>view</b> ({@link #toView}): what the API answers — the stored form with each secret
 *     shown as {@code {"id","validUntil","active"}} only, {@code "urlTokenSet": true/false}
 *     instead of {@code urlToken}, and the actions without their secrets ({@link ActionPlan#toView()}).</li>
 * </ul>
 *
 * <p>{@code scheme} is a webhook-verify scheme id ({@link Schemes#ids()}) or {@code none} for
 * unsigned endpoints (the explicit opt-in {@link Endpoint.Builder#allowUnsigned()} is); it is
 * required. {@code provider} is a webhook-mapping id ({@link Mappers#ids()}), absent for none.
 * Scheme options and mapping policies are not part of the form: an endpoint whose verifier is not
 * a scheme's shared default instance, whose mapper is not a registered provider's, or that has a
 * filter or context extractor written in code cannot be encoded ({@link ConfigurationException}).
 * The handler is not stored either: every decoded endpoint gets this codec's handler (a no-op by
 * default, so events are only recorded), and templates compile with its renderer.
 *
 * <p>Validation is the builders' ({@link Endpoint.Builder#build()}, {@link IpAllowlist},
 * {@link RateLimit}); a failure is an {@link InvalidFieldException} naming the field, and its
 * message never holds a secret. Immutable and thread-safe.
 */
public final class EndpointJson implements RegistryCodec<Endpoint> {
    private static final Set<String> FIELDS = Set.of("name", "tenant", "path", "scheme", "secrets", "provider", "enabled",
            "ipAllowlist", "rateLimit", "mode", "template", "instructions", "attributes", "maxBodyBytes",
            "dedupWindowSeconds", "deliveryIdHeaders", "dedupByBodyHash", "eventTypeHeaders", "eventTypeFields", "formJsonField",
            "integrationId", "urlToken", "responseModeField", "actions");
    private static final String UNSIGNED = "none";

    /** Secrets an endpoint holds at most (a rotation that would make the 11th active is refused): each is tried on every bad signature. */
    public static final int MAX_SECRETS = SecretsJson.MAX_SECRETS;
    /** Entries of {@code ipAllowlist} at most. */
    public static final int MAX_ALLOWLIST_ENTRIES = 256;
    /** Attributes at most, and the longest key and value. */
    public static final int MAX_ATTRIBUTES = 64;
    public static final int MAX_ATTRIBUTE_KEY_CHARS = 64;
    public static final int MAX_ATTRIBUTE_VALUE_CHARS = 1024;
    /** Entries of {@code deliveryIdHeaders}, {@code eventTypeHeaders}, {@code eventTypeFields} at most, each at most 256 characters. */
    public static final int MAX_LIST_ENTRIES = 32;
    /** The longest secret value (an HMAC key, a PEM public key). */
    public static final int MAX_SECRET_CHARS = SecretsJson.MAX_SECRET_CHARS;
    /** The longest {@code rateLimit.periodSeconds}: one day. */
    public static final long MAX_PERIOD_SECONDS = Duration.ofDays(1).toSeconds();
    /** The longest {@code dedupWindowSeconds}: 30 days. */
    public static final long MAX_DEDUP_WINDOW_SECONDS = Duration.ofDays(30).toSeconds();
    /** The longest text of each field; others' at most 256 characters. */
    private static final Map<String, Integer> MAX_CHARS = Map.of("name", 128, "tenant", 128, "path", 512, "template", 8192,
            "instructions", 4096, "integrationId", 128);
    private static final int MAX_TEXT_CHARS = 256;
    private static final EndpointJson DEFAULTS = builder().build();

    private final EventHandler handler;
    private final TemplateRenderer templateRenderer;
    private final ActionDefinitions actions;

    private EndpointJson(Builder b) {
        this.handler = b.handler;
        this.templateRenderer = b.templateRenderer;
        this.actions = b.actions;
    }

    /** Decoded endpoints record events and do nothing else; templates use {@link TemplateRenderer#simple()}. */
    public static EndpointJson defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler every decoded endpoint gets (before its {@code actions}, when it has some). */
    public EventHandler handler() {
        return handler;
    }

    /** The actions of an endpoint decoded by a codec with {@link Builder#actions}, if it has any. */
    public static java.util.Optional<ActionPlan> actionsOf(Endpoint e) {
        return e.handler() instanceof ConfiguredActions c ? java.util.Optional.of(c.plan()) : java.util.Optional.empty();
    }

    /** The stored form of the endpoint's actions alone, secrets included ({@code []} for none). */
    public ArrayNode storedActions(Endpoint e) {
        return actionsOf(e).map(ActionPlan::toStored).orElseGet(Json.MAPPER::createArrayNode);
    }

    @Override
    public String key(Endpoint entry) {
        return entry.name();
    }

    /** The stored form as text, secret values included. @throws ConfigurationException when it cannot be stored (see the class doc) */
    @Override
    public String encode(Endpoint entry) {
        return Json.storedText(toStored(entry), "endpoint '" + entry.name() + "'");
    }

    /** @throws InvalidFieldException (a {@link ConfigurationException}) when the text is not a valid endpoint */
    @Override
    public Endpoint decode(String stored) {
        return fromJson(Json.storedNode(stored, "endpoint"));
    }

    /** The stored form: every field, secrets with their values. */
    public ObjectNode toStored(Endpoint e) {
        ObjectNode node = common(e, true);
        node.set("secrets", storedSecrets(e));
        putOptional(node, "urlToken", e.urlToken().orElse(null));
        node.set("actions", storedActions(e));
        return node;
    }

    /** The stored form of the endpoint's secrets alone, values included: {@code [{"id","value","validUntil"}]}. */
    public ArrayNode storedSecrets(Endpoint e) {
        ArrayNode secrets = Json.MAPPER.createArrayNode();
        for (Secret s : e.secrets().all()) {
            ObjectNode sn = secrets.addObject();
            sn.put("id", s.id());
            sn.put("value", s.value());
            s.validUntil().ifPresent(t -> sn.put("validUntil", t.toString()));
        }
        return secrets;
    }

    /**
     * The API's read view: the stored form with secrets as {@code {"id","validUntil","active"}} at
     * {@code now}, never their values. Unlike {@link #toStored} it describes endpoints configured in
     * code too: their scheme and provider show the verifier's and mapper's own ids.
     */
    public ObjectNode toView(Endpoint e, Instant now) {
        ObjectNode node = common(e, false);
        ArrayNode secrets = Json.MAPPER.createArrayNode();
        for (Secret s : e.secrets().all()) {
            ObjectNode sn = secrets.addObject();
            sn.put("id", s.id());
            if (s.validUntil().isPresent()) {
                sn.put("validUntil", s.validUntil().get().toString());
            } else {
                sn.putNull("validUntil");
            }
            sn.put("active", s.isActiveAt(now));
        }
        node.set("secrets", secrets);
        node.put("urlTokenSet", e.urlToken().isPresent()); // the token is a credential: never shown
        node.set("actions", actionsOf(e).map(ActionPlan::toView).orElseGet(Json.MAPPER::createArrayNode));
        return node;
    }

    private ObjectNode common(Endpoint e, boolean strict) {
        String scheme = strict ? schemeId(e) : e.verifier().schemeId();
        String provider = strict ? providerId(e) : (e.mapper() == PayloadMapper.none() ? null : e.mapper().id());
        if (strict) {
            refuseCode(e);
        }
        ObjectNode n = Json.object();
        n.put("name", e.name());
        putOptional(n, "tenant", e.tenant().orElse(null));
        putOptional(n, "path", e.path().orElse(null));
        n.put("scheme", scheme);
        n.putArray("secrets"); // keeps the field order; filled by the caller
        putOptional(n, "provider", provider);
        n.put("enabled", e.enabled());
        ArrayNode allow = n.putArray("ipAllowlist");
        e.ipAllowlist().ranges().forEach(r -> allow.add(r.toString()));
        if (e.rateLimit().isPresent()) {
            ObjectNode rl = n.putObject("rateLimit");
            rl.put("permits", e.rateLimit().get().permits());
            rl.put("periodSeconds", e.rateLimit().get().period().toSeconds());
        } else {
            n.putNull("rateLimit");
        }
        n.put("mode", e.mode().name().toLowerCase(Locale.ROOT));
        putOptional(n, "template", e.messageTemplate().orElse(null));
        n.put("instructions", e.instructions());
        ObjectNode attrs = n.putObject("attributes");
        e.attributes().forEach(attrs::put);
        n.put("maxBodyBytes", e.maxBodyBytes());
        n.put("dedupWindowSeconds", e.dedupWindow().toSeconds());
        refuseWholeSeconds(e, strict);
        if (!e.deliveryIdHeaders().isEmpty()) {
            strings(n.putArray("deliveryIdHeaders"), e.deliveryIdHeaders());
        }
        if (!e.dedupByBodyHash()) {
            n.put("dedupByBodyHash", false);
        }
        if (!e.eventTypeHeaders().equals(lower(Endpoint.DEFAULT_EVENT_TYPE_HEADERS))) {
            strings(n.putArray("eventTypeHeaders"), e.eventTypeHeaders());
        }
        if (!e.eventTypeFields().equals(Endpoint.DEFAULT_EVENT_TYPE_FIELDS)) {
            strings(n.putArray("eventTypeFields"), e.eventTypeFields());
        }
        // Always written, null included: an absent formJsonField means the scheme's default, null means none.
        putOptional(n, "formJsonField", e.formJsonField().orElse(null));
        putOptional(n, "integrationId", e.integrationId().orElse(null));
        putOptional(n, "responseModeField", e.responseModeField().orElse(null));
        return n;
    }

    private static void refuseCode(Endpoint e) {
        if (!e.filter().equals(EventFilter.all())) {
            throw new ConfigurationException("endpoint '" + e.name() + "' has a filter written in code and cannot be stored as JSON");
        }
        if (e.contextExtractor() != ContextExtractor.none()) {
            throw new ConfigurationException("endpoint '" + e.name() + "' has a context extractor written in code and cannot be stored as JSON");
        }
    }

    private static void refuseWholeSeconds(Endpoint e, boolean strict) {
        if (!strict) {
            return;
        }
        if (e.rateLimit().isPresent() && e.rateLimit().get().period().toNanos() % 1_000_000_000L != 0) {
            throw new ConfigurationException("endpoint '" + e.name() + "': a rate limit period of "
                    + e.rateLimit().get().period() + " is not whole seconds and cannot be stored as JSON");
        }
        if (e.dedupWindow().toNanos() % 1_000_000_000L != 0) {
            throw new ConfigurationException("endpoint '" + e.name() + "': a dedup window of " + e.dedupWindow()
                    + " is not whole seconds and cannot be stored as JSON");
        }
    }

    private static String schemeId(Endpoint e) {
        SignatureVerifier v = e.verifier();
        if (v == SignatureVerifier.none()) {
            return UNSIGNED;
        }
        String id = v.schemeId();
        // Only a scheme's shared default instance is described by its id alone.
        if (v instanceof SignatureScheme && Schemes.ids().contains(id) && Schemes.byId(id) == v) {
            return id;
        }
        throw new ConfigurationException("endpoint '" + e.name() + "' has a verifier ('" + id
                + "') written in code or built with scheme options; it cannot be stored as JSON");
    }

    private static String providerId(Endpoint e) {
        PayloadMapper m = e.mapper();
        if (m == PayloadMapper.none()) {
            return null;
        }
        String id = m.id();
        boolean known = Mappers.find(id).map(found -> found.getClass() == m.getClass()).orElse(false);
        if (!known) {
            throw new ConfigurationException("endpoint '" + e.name() + "' has a mapper ('" + id
                    + "') written in code; it cannot be stored as JSON");
        }
        return id;
    }

    /**
     * An endpoint from its write or stored form.
     *
     * @throws InvalidFieldException naming the first field that cannot be used
     */
    public Endpoint fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidFieldException("endpoint", "must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new InvalidFieldException(f, "unknown field");
            }
        }
        String name = requiredText(node, "name");
        Endpoint.Builder b = Endpoint.builder(name).handler(handler).templateRenderer(templateRenderer);
        optionalText(node, "tenant").ifPresent(b::tenant);
        optionalText(node, "path").ifPresent(b::path);
        String scheme = requiredText(node, "scheme");
        if (scheme.equals(UNSIGNED)) {
            b.allowUnsigned();
        } else {
            try {
                b.verifier(Schemes.byId(scheme));
            } catch (ConfigurationException ex) {
                throw new InvalidFieldException("scheme", ex.getMessage());
            }
        }
        b.secrets(SecretsJson.read(node.get("secrets"), "an endpoint"));
        optionalText(node, "provider").ifPresent(p -> {
            try {
                b.mapper(Mappers.byId(p));
            } catch (ConfigurationException ex) {
                throw new InvalidFieldException("provider", ex.getMessage());
            }
        });
        optionalBoolean(node, "enabled").ifPresent(b::enabled);
        b.ipAllowlist(ipAllowlist(node.get("ipAllowlist")));
        b.rateLimit(rateLimit(node.get("rateLimit")));
        optionalText(node, "mode").ifPresent(m -> {
            try {
                b.mode(HandlerMode.valueOf(m.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException ex) {
                throw new InvalidFieldException("mode", "must be one of sync, async but was '" + Echo.of(m) + "'");
            }
        });
        optionalText(node, "template").ifPresent(b::messageTemplate);
        optionalText(node, "instructions").ifPresent(b::instructions);
        b.attributes(attributes(node.get("attributes")));
        optionalLong(node, "maxBodyBytes").ifPresent(v -> {
            if (v <= 0 || v > Integer.MAX_VALUE) {
                throw new InvalidFieldException("maxBodyBytes", "must be between 1 and " + Integer.MAX_VALUE + " but was " + v);
            }
            b.maxBodyBytes((int) (long) v);
        });
        optionalLong(node, "dedupWindowSeconds").ifPresent(v -> {
            if (v < 0 || v > MAX_DEDUP_WINDOW_SECONDS) {
                throw new InvalidFieldException("dedupWindowSeconds", "must be between 0 and " + MAX_DEDUP_WINDOW_SECONDS + " but was " + v);
            }
            b.dedupWindow(Duration.ofSeconds(v));
        });
        optionalStrings(node, "deliveryIdHeaders").ifPresent(b::deliveryIdHeaders);
        optionalBoolean(node, "dedupByBodyHash").ifPresent(b::dedupByBodyHash);
        optionalStrings(node, "eventTypeHeaders").ifPresent(b::eventTypeHeaders);
        optionalStrings(node, "eventTypeFields").ifPresent(b::eventTypeFields);
        if (node.has("formJsonField")) {
            String field = optionalText(node, "formJsonField").orElse(null);
            setting("formJsonField", () -> b.formJsonField(field));
        }
        optionalText(node, "integrationId").ifPresent(b::integrationId);
        optionalText(node, "urlToken").ifPresent(b::urlToken);
        optionalText(node, "responseModeField").ifPresent(f -> setting("responseModeField", () -> b.responseModeField(f)));
        b.handler(handlerWithActions(node.get("actions"), name, optionalText(node, "tenant").orElse(null)));
        try {
            return b.build();
        } catch (InvalidFieldException ex) {
            throw ex;
        } catch (ConfigurationException ex) {
            throw new InvalidFieldException(fieldOf(ex.getMessage()), ex.getMessage());
        }
    }

    /** The codec's handler, followed by the endpoint's actions when it has some. */
    private EventHandler handlerWithActions(JsonNode node, String name, String tenant) {
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            return handler;
        }
        if (actions == null) {
            throw new InvalidFieldException("actions", "this host runs no configured actions (its EndpointJson has no ActionDefinitions)");
        }
        try {
            ActionPlan plan = actions.read(node, name, tenant);
            return actions.handler(plan, handler);
        } catch (ActionDefinitionException ex) {
            throw new InvalidFieldException("actions" + ex.field(), ex.detail());
        }
    }

    /** Runs a builder setter that validates on the spot, naming {@code field} when it refuses. */
    private static void setting(String field, Runnable setter) {
        try {
            setter.run();
        } catch (ConfigurationException ex) {
            throw new InvalidFieldException(field, ex.getMessage());
        }
    }

    /** Which field a builder's message is about; the builder names its settings. */
    private static String fieldOf(String message) {
        String m = message == null ? "" : message;
        for (String setting : List.of("integrationId", "urlToken", "formJsonField", "responseModeField")) {
            if (m.contains("': " + setting + " ")) {
                return setting;
            }
        }
        if (m.contains("name must match")) {
            return "name";
        }
        if (m.contains("tenant must match")) {
            return "tenant";
        }
        if (m.contains("path must")) {
            return "path";
        }
        if (m.contains("secret")) {
            return "secrets";
        }
        if (m.contains("template")) {
            return "template";
        }
        if (m.contains("handshake")) {
            return "scheme";
        }
        return "endpoint";
    }

    private static IpAllowlist ipAllowlist(JsonNode node) {
        if (node == null || node.isNull()) {
            return IpAllowlist.allowAll();
        }
        List<String> entries = new ArrayList<>();
        if (node.isTextual()) {
            for (String p : node.asText().split(",")) {
                if (!p.isBlank()) {
                    entries.add(p.trim());
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) {
                    throw new InvalidFieldException("ipAllowlist[" + i + "]", "must be an address or CIDR range string");
                }
                entries.add(node.get(i).asText().trim());
            }
        } else {
            throw new InvalidFieldException("ipAllowlist", "must be a list of addresses and CIDR ranges");
        }
        if (entries.size() > MAX_ALLOWLIST_ENTRIES) {
            throw new InvalidFieldException("ipAllowlist", "must have at most " + MAX_ALLOWLIST_ENTRIES + " entries but has " + entries.size());
        }
        for (int i = 0; i < entries.size(); i++) {
            try {
                CidrRange.parse(entries.get(i));
            } catch (RuntimeException ex) {
                throw new InvalidFieldException("ipAllowlist[" + i + "]", "'" + Echo.of(entries.get(i)) + "' is not an address or CIDR range");
            }
        }
        return IpAllowlist.of(entries);
    }

    private static RateLimit rateLimit(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidFieldException("rateLimit", "must be an object {\"permits\",\"periodSeconds\"} or null");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("permits") && !f.equals("periodSeconds")) {
                throw new InvalidFieldException("rateLimit." + f, "unknown field");
            }
        }
        long permits = optionalLong(node, "rateLimit.", "permits")
                .orElseThrow(() -> new InvalidFieldException("rateLimit.permits", "is required"));
        long period = optionalLong(node, "rateLimit.", "periodSeconds")
                .orElseThrow(() -> new InvalidFieldException("rateLimit.periodSeconds", "is required"));
        if (permits <= 0 || permits > Integer.MAX_VALUE) {
            throw new InvalidFieldException("rateLimit.permits", "must be between 1 and " + Integer.MAX_VALUE + " but was " + permits);
        }
        if (period <= 0 || period > MAX_PERIOD_SECONDS) {
            throw new InvalidFieldException("rateLimit.periodSeconds", "must be between 1 and " + MAX_PERIOD_SECONDS + " but was " + period);
        }
        return new RateLimit((int) permits, Duration.ofSeconds(period));
    }

    private static Map<String, String> attributes(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new InvalidFieldException("attributes", "must be an object of string values");
        }
        if (node.size() > MAX_ATTRIBUTES) {
            throw new InvalidFieldException("attributes", "must have at most " + MAX_ATTRIBUTES + " entries but has " + node.size());
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().length() > MAX_ATTRIBUTE_KEY_CHARS) {
                throw new InvalidFieldException("attributes", "keys are at most " + MAX_ATTRIBUTE_KEY_CHARS + " characters; '"
                        + Echo.of(e.getKey()) + "' has " + e.getKey().length());
            }
            if (!e.getValue().isTextual()) {
                throw new InvalidFieldException("attributes." + e.getKey(), "must be a string");
            }
            if (e.getValue().asText().length() > MAX_ATTRIBUTE_VALUE_CHARS) {
                throw new InvalidFieldException("attributes." + e.getKey(), "must be at most " + MAX_ATTRIBUTE_VALUE_CHARS + " characters");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static String requiredText(JsonNode node, String field) {
        return optionalText(node, field).orElseThrow(() -> new InvalidFieldException(field,
                field.equals("scheme") ? "is required (a scheme id, or \"none\" to accept unsigned requests)" : "is required"));
    }

    private static java.util.Optional<String> optionalText(JsonNode node, String field) {
        return JsonFields.text(node, field, MAX_CHARS.getOrDefault(field, MAX_TEXT_CHARS));
    }

    private static java.util.Optional<Boolean> optionalBoolean(JsonNode node, String field) {
        return JsonFields.bool(node, field);
    }

    private static java.util.Optional<Long> optionalLong(JsonNode node, String field) {
        return JsonFields.whole(node, "", field);
    }

    private static java.util.Optional<Long> optionalLong(JsonNode node, String prefix, String field) {
        return JsonFields.whole(node, prefix, field);
    }

    private static java.util.Optional<List<String>> optionalStrings(JsonNode node, String field) {
        return JsonFields.strings(node, field, MAX_LIST_ENTRIES, MAX_TEXT_CHARS);
    }

    private static void putOptional(ObjectNode n, String field, String value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public String toString() {
        return "EndpointJson";
    }

    /** Settings for decoded endpoints; not thread-safe. */
    public static final class Builder {
        private EventHandler handler = EventHandler.noop();
        private TemplateRenderer templateRenderer = TemplateRenderer.simple();
        private ActionDefinitions actions;

        private Builder() {
        }

        /**
         * Lets endpoints carry {@code actions} (forward, notify, route, run), read and run by these
         * definitions with their dispatcher and tasks; default none, and an endpoint with actions is
         * refused (422 on {@code actions}).
         */
        public Builder actions(ActionDefinitions actions) {
            this.actions = Objects.requireNonNull(actions, "actions");
            return this;
        }

        /** The handler of every decoded endpoint; default: none (events are recorded in the event log, nothing else). */
        public Builder handler(EventHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Compiles decoded endpoints' templates; default {@link TemplateRenderer#simple()}. */
        public Builder templateRenderer(TemplateRenderer templateRenderer) {
            this.templateRenderer = Objects.requireNonNull(templateRenderer, "templateRenderer");
            return this;
        }

        public EndpointJson build() {
            return new EndpointJson(this);
        }
    }
}
