package dev.webhookkit.core;

import dev.webhookkit.core.internal.UrlTokens;
import dev.webhookkit.core.spi.ContextExtractor;
import dev.webhookkit.core.spi.EventFilter;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.Handshake;
import dev.webhookkit.core.spi.MessageTemplate;
import dev.webhookkit.core.spi.PayloadMapper;
import dev.webhookkit.core.spi.SignatureVerifier;
import dev.webhookkit.core.spi.TemplateRenderer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One place webhooks arrive, with everything the pipeline needs to take them: who may send
 * (secrets, verifier, IP allowlist, rate limit), how large, how to deduplicate, filter, map and
 * render them, and the handler that gets them.
 *
 * <p>Built with {@link #builder(String)} and validated in {@link Builder#build()}: a broken template
 * or an inconsistent setting is a {@link ConfigurationException} naming the endpoint and the
 * setting. Immutable and thread-safe; change one with {@link #toBuilder()} and
 * {@code EndpointRegistry.update(endpoint)}.
 */
public final class Endpoint {
    /** Default body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Default dedup window: 24 hours, longer than most senders keep retrying a delivery for a day. */
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofHours(24);
    /** Headers that carry the sender's event type, tried in order. */
    public static final List<String> DEFAULT_EVENT_TYPE_HEADERS = List.of(
            "X-GitHub-Event", "X-Gitlab-Event", "X-Event-Key", "X-Webhook-Event", "X-Event-Type", "X-Amz-Sns-Message-Type");
    /** Top-level payload fields that carry the event type when no header does, tried in order. */
    public static final List<String> DEFAULT_EVENT_TYPE_FIELDS = List.of("type", "event", "event_type", "eventType");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** At least 22 base64url characters: 128 bits when random, as {@code SigningKeys.newUrlToken()} makes 256. */
    private static final Pattern URL_TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,256}");

    private final String name;
    private final String tenant;
    private final String path;
    private final boolean enabled;
    private final SecretSet secrets;
    private final SignatureVerifier verifier;
    private final IpAllowlist ipAllowlist;
    private final int maxBodyBytes;
    private final RateLimit rateLimit;
    private final Duration dedupWindow;
    private final List<String> deliveryIdHeaders;
    private final boolean dedupByBodyHash;
    private final List<String> eventTypeHeaders;
    private final List<String> eventTypeFields;
    private final List<Handshake> handshakes;
    private final List<Handshake> configuredHandshakes; // null when the scheme's defaults apply
    private final EventFilter filter;
    private final PayloadMapper mapper;
    private final String messageTemplate;
    private final TemplateRenderer templateRenderer;
    private final MessageTemplate compiledTemplate;
    private final ContextExtractor contextExtractor;
    private final String instructions;
    private final Map<String, String> attributes;
    private final EventHandler handler;
    private final HandlerMode mode;
    private final boolean allowUnsigned;
    private final String formJsonField; // null: none
    private final boolean formJsonFieldSet; // false: the scheme's default applies
    private final String integrationId;
    private final String urlToken;
    private final byte[] urlTokenDigest;
    private final String responseModeField;

    private Endpoint(Builder b) {
        this.name = b.name;
        this.tenant = b.tenant;
        this.path = b.path;
        this.enabled = b.enabled;
        this.secrets = b.secrets;
        this.verifier = b.verifier;
        this.ipAllowlist = b.ipAllowlist;
        this.maxBodyBytes = b.maxBodyBytes;
        this.rateLimit = b.rateLimit;
        this.dedupWindow = b.dedupWindow;
        this.deliveryIdHeaders = lowerCase(b.deliveryIdHeaders);
        this.dedupByBodyHash = b.dedupByBodyHash;
        this.eventTypeHeaders = lowerCase(b.eventTypeHeaders);
        this.eventTypeFields = List.copyOf(b.eventTypeFields);
        this.configuredHandshakes = b.handshakes == null ? null : List.copyOf(b.handshakes);
        this.handshakes = b.handshakes != null ? List.copyOf(b.handshakes) : defaultHandshakes(b.verifier.schemeId());
        this.filter = b.filter;
        this.mapper = b.mapper;
        this.messageTemplate = b.messageTemplate;
        this.templateRenderer = b.templateRenderer;
        this.compiledTemplate = b.compiledTemplate;
        this.contextExtractor = b.contextExtractor;
        this.instructions = b.instructions;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.handler = b.handler;
        this.mode = b.mode;
        this.allowUnsigned = b.allowUnsigned;
        this.formJsonFieldSet = b.formJsonFieldSet;
        this.formJsonField = b.formJsonFieldSet ? b.formJsonField : defaultFormJsonField(b.verifier.schemeId());
        this.integrationId = b.integrationId;
        this.urlToken = b.urlToken;
        this.urlTokenDigest = b.urlToken == null ? null : UrlTokens.digest(b.urlToken);
        this.responseModeField = b.responseModeField;
    }

    /** Starts an endpoint; the name is letters, digits, '.', '_' and '-', at most 128 characters. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The handshakes an endpoint of {@code schemeId} answers unless told otherwise. */
    static List<Handshake> defaultHandshakes(String schemeId) {
        switch (schemeId) {
            case "slack":
                return List.of(Handshake.slackUrlVerification());
            case "github":
                return List.of(Handshake.githubPing());
            case "discord":
                return List.of(Handshake.discordPing());
            default:
                return List.of();
        }
    }

    /** Slack posts interactive components as {@code payload=<json>}; other senders' form fields are just fields. */
    static String defaultFormJsonField(String schemeId) {
        return "slack".equals(schemeId) ? "payload" : null;
    }

    /** A builder with every setting of this endpoint, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.tenant = tenant;
        b.path = path;
        b.enabled = enabled;
        b.secrets = secrets;
        b.verifier = verifier;
        b.ipAllowlist = ipAllowlist;
        b.maxBodyBytes = maxBodyBytes;
        b.rateLimit = rateLimit;
        b.dedupWindow = dedupWindow;
        b.deliveryIdHeaders = deliveryIdHeaders;
        b.dedupByBodyHash = dedupByBodyHash;
        b.eventTypeHeaders = eventTypeHeaders;
        b.eventTypeFields = eventTypeFields;
        b.handshakes = configuredHandshakes;
        b.filter = filter;
        b.mapper = mapper;
        b.messageTemplate = messageTemplate;
        b.templateRenderer = templateRenderer;
        b.contextExtractor = contextExtractor;
        b.instructions = instructions;
        b.attributes = new LinkedHashMap<>(attributes);
        b.handler = handler;
        b.mode = mode;
        b.allowUnsigned = allowUnsigned;
        b.formJsonField = formJsonFieldSet ? formJsonField : null;
        b.formJsonFieldSet = formJsonFieldSet;
        b.integrationId = integrationId;
        b.urlToken = urlToken;
        b.responseModeField = responseModeField;
        return b;
    }

    public String name() {
        return name;
    }

    /**
     * The tenant that owns this endpoint, if any: an admin API scopes access by it (a tenant's
     * credentials see only its own endpoints). The receiver itself ignores it.
     */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    /** The request path this endpoint answers on, if routed by path; several endpoints may share one. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    public boolean enabled() {
        return enabled;
    }

    public SecretSet secrets() {
        return secrets;
    }

    public SignatureVerifier verifier() {
        return verifier;
    }

    public IpAllowlist ipAllowlist() {
        return ipAllowlist;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public Optional<RateLimit> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /** How long a delivery key is remembered; zero turns delivery dedup off. */
    public Duration dedupWindow() {
        return dedupWindow;
    }

    /** Lower-case header names that carry the sender's delivery id. */
    public List<String> deliveryIdHeaders() {
        return deliveryIdHeaders;
    }

    /** Whether a delivery without an id header is deduplicated on the SHA-256 of its body. */
    public boolean dedupByBodyHash() {
        return dedupByBodyHash;
    }

    /** Lower-case header names that carry the event type. */
    public List<String> eventTypeHeaders() {
        return eventTypeHeaders;
    }

    public List<String> eventTypeFields() {
        return eventTypeFields;
    }

    /** True unless the endpoint's verifier is {@link SignatureVerifier#none()}. */
    public boolean isSigned() {
        return verifier != SignatureVerifier.none();
    }

    /** True when the endpoint was built with {@link Builder#allowUnsigned()}. */
    public boolean allowsUnsigned() {
        return allowUnsigned;
    }

    /**
     * The form field whose value is the JSON payload of a form-encoded body (Slack's interactive
     * {@code payload=}), if any; see {@link Builder#formJsonField(String)}.
     */
    public Optional<String> formJsonField() {
        return Optional.ofNullable(formJsonField);
    }

    /**
     * The id that picks this endpoint among those on its {@link #path()} from the request's
     * {@code ?integrationId=} (OpsKnight); see {@link IntegrationRouting}.
     */
    public Optional<String> integrationId() {
        return Optional.ofNullable(integrationId);
    }

    /**
     * The URL token this endpoint is reached with ({@code <prefix>/<name>/<token>}), if any. A
     * secret of the URL: show it to whoever configures the sender, never log it.
     */
    public Optional<String> urlToken() {
        return Optional.ofNullable(urlToken);
    }

    /**
     * Whether {@code presented} is this endpoint's URL token, compared in constant time (SHA-256
     * digests with {@code MessageDigest.isEqual}, so neither content nor length leaks); always
     * true for an endpoint without one.
     */
    public boolean acceptsUrlToken(String presented) {
        return urlTokenDigest == null || (presented != null && UrlTokens.matches(urlTokenDigest, presented));
    }

    public List<Handshake> handshakes() {
        return handshakes;
    }

    public EventFilter filter() {
        return filter;
    }

    public PayloadMapper mapper() {
        return mapper;
    }

    /** The message template source, if any. */
    public Optional<String> messageTemplate() {
        return Optional.ofNullable(messageTemplate);
    }

    /** The compiled template, if any. */
    public Optional<MessageTemplate> compiledTemplate() {
        return Optional.ofNullable(compiledTemplate);
    }

    public ContextExtractor contextExtractor() {
        return contextExtractor;
    }

    /** Free text for the handler (GNETiX's per-endpoint instructions); "" when none. */
    public String instructions() {
        return instructions;
    }

    /** Free attributes handed to the handler and the template. */
    public Map<String, String> attributes() {
        return attributes;
    }

    public EventHandler handler() {
        return handler;
    }

    public HandlerMode mode() {
        return mode;
    }

    /**
     * The payload field by which a request may choose its own mode, if the endpoint allows it
     * (Moxxy's {@code response_mode}); see {@link Builder#responseModeField(String)}.
     */
    public Optional<String> responseModeField() {
        return Optional.ofNullable(responseModeField);
    }

    @Override
    public String toString() {
        return "Endpoint[" + name + (tenant != null ? " of " + tenant : "") + (path != null ? " at " + path : "") + (enabled ? "" : ", disabled")
                + ", scheme=" + verifier.schemeId() + ", mapper=" + mapper.id() + ", " + mode + "]";
    }

    private static List<String> lowerCase(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /** Collects an endpoint's settings; not thread-safe. Every setting has a working default. */
    public static final class Builder {
        private final String name;
        private String tenant;
        private String path;
        private boolean enabled = true;
        private SecretSet secrets = SecretSet.empty();
        private SignatureVerifier verifier = SignatureVerifier.none();
        private IpAllowlist ipAllowlist = IpAllowlist.allowAll();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private RateLimit rateLimit;
        private Duration dedupWindow = DEFAULT_DEDUP_WINDOW;
        private List<String> deliveryIdHeaders = List.of();
        private boolean dedupByBodyHash = true;
        private List<String> eventTypeHeaders = DEFAULT_EVENT_TYPE_HEADERS;
        private List<String> eventTypeFields = DEFAULT_EVENT_TYPE_FIELDS;
        private List<Handshake> handshakes; // null: the defaults of the endpoint's scheme
        private EventFilter filter = EventFilter.all();
        private PayloadMapper mapper = PayloadMapper.none();
        private String messageTemplate;
        private TemplateRenderer templateRenderer = TemplateRenderer.simple();
        private MessageTemplate compiledTemplate;
        private ContextExtractor contextExtractor = ContextExtractor.none();
        private String instructions = "";
        private Map<String, String> attributes = new LinkedHashMap<>();
        private EventHandler handler = EventHandler.noop();
        private HandlerMode mode = HandlerMode.SYNC;
        private boolean allowUnsigned;
        private String formJsonField;
        private boolean formJsonFieldSet;
        private String integrationId;
        private String urlToken;
        private String responseModeField;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The owning tenant (same characters as a name); null clears it. */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /** Routes requests for this path here too ({@link WebhookReceiver#receivePath}); must start with '/'. */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder secrets(SecretSet secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /** One secret with the default id. */
        public Builder secret(String secret) {
            return secrets(SecretSet.of(Secret.of(secret)));
        }

        public Builder verifier(SignatureVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        public Builder ipAllowlist(IpAllowlist ipAllowlist) {
            this.ipAllowlist = Objects.requireNonNull(ipAllowlist, "ipAllowlist");
            return this;
        }

        /** Comma-separated addresses and CIDR ranges. */
        public Builder ipAllowlist(String commaSeparated) {
            return ipAllowlist(IpAllowlist.parse(commaSeparated));
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Null removes the limit. */
        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        public Builder dedupWindow(Duration dedupWindow) {
            this.dedupWindow = Objects.requireNonNull(dedupWindow, "dedupWindow");
            return this;
        }

        /**
         * Unsigned headers to deduplicate on when the scheme authenticates no delivery id of its own
         * (none by default). Only for senders whose id header you trust: anyone replaying a captured
         * delivery can change an unsigned header, so by default the key is the id the signature
         * covers, else the body's SHA-256.
         */
        public Builder deliveryIdHeaders(List<String> headerNames) {
            this.deliveryIdHeaders = List.copyOf(headerNames);
            return this;
        }

        public Builder dedupByBodyHash(boolean dedupByBodyHash) {
            this.dedupByBodyHash = dedupByBodyHash;
            return this;
        }

        public Builder eventTypeHeaders(List<String> headerNames) {
            this.eventTypeHeaders = List.copyOf(headerNames);
            return this;
        }

        public Builder eventTypeFields(List<String> fieldNames) {
            this.eventTypeFields = List.copyOf(fieldNames);
            return this;
        }

        /**
         * Replaces the handshakes. Default: Slack's url_verification on an endpoint of the
         * {@code slack} scheme, GitHub's ping on one of the {@code github} scheme, Discord's PING on
         * one of the {@code discord} scheme, none otherwise
         * (a handshake answers without running the handler, so it runs only where that provider sends).
         */
        public Builder handshakes(List<Handshake> handshakes) {
            this.handshakes = List.copyOf(handshakes);
            return this;
        }

        /**
         * An {@code application/x-www-form-urlencoded} body with this field (once) is parsed as the
         * JSON in that field — a JSON object, else 400 MALFORMED_PAYLOAD — and the event type comes
         * from that JSON ({@code type}: Slack's {@code block_actions}, {@code view_submission} …).
         * A form without the field (Slack's slash commands) stays an object of its fields. The
         * signature is still checked over the raw body. Default: {@code payload} on an endpoint of
         * the {@code slack} scheme, none otherwise; null turns it off.
         */
        public Builder formJsonField(String field) {
            if (field != null && field.isBlank()) {
                throw new ConfigurationException("endpoint '" + name + "': formJsonField must not be blank");
            }
            this.formJsonField = field;
            this.formJsonFieldSet = true;
            return this;
        }

        /**
         * Picks this endpoint among those sharing its {@link #path(String) path} when a request
         * names it with {@code ?integrationId=<id>} (OpsKnight's one URL for many integrations);
         * the id has the characters of a name. Null clears it. See {@link IntegrationRouting}.
         */
        public Builder integrationId(String integrationId) {
            this.integrationId = integrationId;
            return this;
        }

        /**
         * Reaches this endpoint only at {@code <prefix>/<name>/<token>} (GNETiX's generated URL):
         * a request to {@code <prefix>/<name>} or with another token is answered 404
         * UNKNOWN_ENDPOINT, as an unknown endpoint. Make one with
         * {@code SigningKeys.newUrlToken()}; 22 to 256 characters of {@code A-Z a-z 0-9 _ -}.
         * Compared in constant time. It is not a signature — URLs end up in proxy and access logs —
         * so the endpoint still needs a verifier, unless it opts into the token as its only check
         * with {@link #allowUnsigned()}. Not combined with {@link #path(String)}. Null clears it.
         */
        public Builder urlToken(String urlToken) {
            this.urlToken = urlToken;
            return this;
        }

        public Builder filter(EventFilter filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        public Builder mapper(PayloadMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** The message template, compiled by the template renderer when the endpoint is built; null clears it. */
        public Builder messageTemplate(String messageTemplate) {
            this.messageTemplate = messageTemplate;
            return this;
        }

        public Builder templateRenderer(TemplateRenderer templateRenderer) {
            this.templateRenderer = Objects.requireNonNull(templateRenderer, "templateRenderer");
            return this;
        }

        public Builder contextExtractor(ContextExtractor contextExtractor) {
            this.contextExtractor = Objects.requireNonNull(contextExtractor, "contextExtractor");
            return this;
        }

        public Builder instructions(String instructions) {
            this.instructions = Objects.requireNonNull(instructions, "instructions");
            return this;
        }

        public Builder attribute(String key, String value) {
            attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder attributes(Map<String, String> attributes) {
            this.attributes = new LinkedHashMap<>(attributes);
            return this;
        }

        public Builder handler(EventHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Accepts requests without a signature check. Without this, an endpoint whose verifier is
         * {@link SignatureVerifier#none()} does not build: anyone who can reach it could post events.
         */
        public Builder allowUnsigned() {
            this.allowUnsigned = true;
            return this;
        }

        public Builder mode(HandlerMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Lets each request choose sync or async handling with this top-level field of its JSON
         * payload (Moxxy's {@code response_mode}): {@code "sync"} or {@code "async"} (any case);
         * without the field the endpoint's {@link #mode(HandlerMode) mode} applies; any other value
         * is 400 MALFORMED_PAYLOAD. Default none: a request cannot choose, the field is just data
         * and the endpoint's mode always applies. Null turns it off.
         */
        public Builder responseModeField(String field) {
            if (field != null && field.isBlank()) {
                throw new ConfigurationException("endpoint '" + name + "': responseModeField must not be blank");
            }
            this.responseModeField = field;
            return this;
        }

        /** @throws ConfigurationException naming the endpoint and the setting when one is invalid */
        public Endpoint build() {
            if (!NAME.matcher(name).matches()) {
                throw new ConfigurationException("endpoint name must match " + NAME + " but was '" + name + "'");
            }
            if (tenant != null && !NAME.matcher(tenant).matches()) {
                throw new ConfigurationException("endpoint '" + name + "': tenant must match " + NAME + " but was '" + tenant + "'");
            }
            if (integrationId != null && (path == null || !NAME.matcher(integrationId).matches())) {
                throw new ConfigurationException("endpoint '" + name + "': integrationId " + (path == null
                        ? "selects among the endpoints of a path; set path(...) too"
                        : "must match " + NAME + " but was '" + integrationId + "'"));
            }
            if (urlToken != null && (path != null || !URL_TOKEN.matcher(urlToken).matches())) {
                // The message never repeats the token: it is a secret.
                throw new ConfigurationException("endpoint '" + name + "': urlToken " + (path != null
                        ? "routes by name (<prefix>/<name>/<token>) and cannot be combined with path(...)"
                        : "must be 22 to 256 characters of A-Z a-z 0-9 _ - (SigningKeys.newUrlToken() makes one)"));
            }
            if (path != null && !path.startsWith("/")) {
                throw new ConfigurationException("endpoint '" + name + "': path must start with '/' but was '" + path + "'");
            }
            if (maxBodyBytes <= 0) {
                throw new ConfigurationException("endpoint '" + name + "': maxBodyBytes must be > 0 but was " + maxBodyBytes);
            }
            if (dedupWindow.isNegative()) {
                throw new ConfigurationException("endpoint '" + name + "': dedupWindow must be >= 0 but was " + dedupWindow);
            }
            if (verifier == SignatureVerifier.none() && !allowUnsigned) {
                throw new ConfigurationException("endpoint '" + name + "': no signature verifier; set one with verifier(...), "
                        + "or accept unsigned requests explicitly with allowUnsigned()");
            }
            if (verifier.requiresSecrets() && secrets.isEmpty()) {
                throw new ConfigurationException("endpoint '" + name + "': scheme '" + verifier.schemeId() + "' needs at least one secret");
            }
            checkHandshakesBindTheSender();
            compiledTemplate = null;
            if (messageTemplate != null) {
                try {
                    compiledTemplate = templateRenderer.compile(messageTemplate);
                } catch (RuntimeException e) {
                    throw new ConfigurationException("endpoint '" + name + "': message template does not compile: " + e.getMessage(), e);
                }
            }
            return new Endpoint(this);
        }

        /**
         * A handshake that acts on the sender's word needs a verifier that proves who the sender is.
         * Unsigned endpoints are not checked here: they opted out of sender checks altogether.
         */
        private void checkHandshakesBindTheSender() {
            if (verifier == SignatureVerifier.none() || verifier.bindsSender()) {
                return;
            }
            for (Handshake h : handshakes != null ? handshakes : defaultHandshakes(verifier.schemeId())) {
                if (h.requiresBoundSender()) {
                    throw new ConfigurationException("endpoint '" + name + "': scheme '" + verifier.schemeId()
                            + "' does not bind the sender, so it cannot answer handshake " + h
                            + "; for sns set the accepted topics (SchemeOptions.Builder.snsTopicArns)");
                }
            }
        }
    }
}
