package dev.webhookkit.outbound;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.spi.OutboundSigner;
import dev.webhookkit.outbound.internal.EventTypeGlobs;
import dev.webhookkit.outbound.internal.ExtraHeaders;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SignatureScheme;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A subscriber: where events go (URL), which ones (event-type globs such as {@code incident.*}),
 * how they are signed (scheme and secrets) and how hard to try (timeout, attempts, requests in flight);
 * for operators, a display name and an optional tenant (the team that owns it, which the admin API
 * uses to keep one tenant's subscriptions from another's).
 *
 * <p>Built with {@link #builder(String, String)} and validated in {@link Builder#build()}; messages
 * name the setting and the value. Immutable and thread-safe; change one with {@link #toBuilder()}
 * and {@code SubscriptionRegistry.update(subscription)}. {@link #toString()} never shows secrets.
 */
public final class Subscription {
    /** Default request timeout: 10 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest request timeout allowed: 2 minutes (leases must outlast it). */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);
    /**
     * Default number of messages one dispatcher instance has claimed or in flight for one
     * subscription at once: 4, a quarter of the default 16 workers, so that a slow subscriber
     * (one that holds every request until it times out) occupies at most that many workers and
     * the others keep delivering. Raise it for a fast subscriber with a high volume.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 4;
    /** Default event filter: every event. */
    public static final List<String> ALL_EVENTS = List.of("*");
    /**
     * Headers the dispatcher sets itself, and those the HTTP client forbids; extra headers may not use them
     * (names compared in lower case; {@code webhook-*} and {@code x-webhook-*} are reserved as prefixes too).
     */
    public static final Set<String> RESERVED_HEADERS = ExtraHeaders.RESERVED;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    /** The longest display name: 200 characters. */
    public static final int MAX_NAME_LENGTH = 200;

    /** The characters of a tenant: those of an endpoint's name, so one tenant id names both. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final String id;
    private final URI url;
    private final SecretSet secrets;
    private final OutboundSigner signer;
    private final List<String> eventTypes;
    private final EventTypeGlobs matcher;
    private final boolean enabled;
    private final Headers headers;
    private final Duration timeout;
    private final int maxAttempts;
    private final int maxInFlight;
    private final String description;
    private final String name;
    private final String tenant;
    private final boolean unsigned;
    private final String userAgent;
    private final boolean ordered;

    private Subscription(Builder b, URI url) {
        this.id = b.id;
        this.name = b.name == null ? b.id : b.name;
        this.tenant = b.tenant;
        this.url = url;
        this.secrets = b.secrets;
        this.signer = b.signer;
        this.eventTypes = List.copyOf(b.eventTypes);
        this.matcher = new EventTypeGlobs(eventTypes);
        this.enabled = b.enabled;
        this.headers = b.headers;
        this.timeout = b.timeout;
        this.maxAttempts = b.maxAttempts;
        this.maxInFlight = b.maxInFlight;
        this.description = b.description;
        this.unsigned = b.unsigned;
        this.userAgent = b.userAgent;
        this.ordered = b.ordered;
    }

    /**
     * Starts a subscription. The id is letters, digits, '.', '_', ':' and '-', at most 128 characters;
     * the URL is absolute http or https.
     */
    public static Builder builder(String id, String url) {
        return new Builder(id, url);
    }

    /** A builder with every setting of this subscription, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(id, url.toString());
        b.secrets = secrets;
        b.signer = signer;
        b.eventTypes = eventTypes;
        b.enabled = enabled;
        b.headers = headers;
        b.timeout = timeout;
        b.maxAttempts = maxAttempts;
        b.maxInFlight = maxInFlight;
        b.description = description;
        b.name = name;
        b.tenant = tenant;
        b.unsigned = unsigned;
        b.userAgent = userAgent;
        b.ordered = ordered;
        return b;
    }

    public String id() {
        return id;
    }

    /** A human-readable label for operators; the id unless set. */
    public String name() {
        return name;
    }

    /** The tenant that owns this subscription; empty when it belongs to no tenant (only operators see it). */
    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    public URI url() {
        return url;
    }

    /** The signing key ring; the signer uses the newest active secret (or all of them, for multi-signature schemes). */
    public SecretSet secrets() {
        return secrets;
    }

    /** The signature scheme; {@code Schemes.hmacSha256()} unless set; not used when {@link #unsigned()}. */
    public OutboundSigner signer() {
        return signer;
    }

    /** Event-type globs ({@code *} any run of characters, {@code ?} one); an event matching any of them is sent. */
    public List<String> eventTypes() {
        return eventTypes;
    }

    /** True when this subscription wants events of this type (whether or not it is enabled). */
    public boolean accepts(String eventType) {
        return matcher.matches(eventType);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Extra headers sent with every request. */
    public Headers headers() {
        return headers;
    }

    /** Request timeout, from sending to the whole answer. */
    public Duration timeout() {
        return timeout;
    }

    /** Attempts before a message is dead-lettered; empty means the retry policy's. */
    public OptionalInt maxAttempts() {
        return maxAttempts == 0 ? OptionalInt.empty() : OptionalInt.of(maxAttempts);
    }

    /** Requests to this subscription in flight at once, per dispatcher instance; an {@link #ordered()} one sends one at a time whatever this says. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * True when messages are delivered one at a time in the order they were enqueued (FIFO): a
     * later message waits while an earlier one is in flight or retrying, until that one is
     * delivered or dead-lettered. False by default. See {@link Builder#ordered(boolean)}.
     */
    public boolean ordered() {
        return ordered;
    }

    public String description() {
        return description;
    }

    /**
     * True when messages go out without any signature: only by the explicit
     * {@link Builder#unsigned()} opt-in (a subscription without secrets is refused otherwise). Every
     * attempt to it is marked {@link DeliveryAttempt#unsigned()} in the delivery log.
     */
    public boolean unsigned() {
        return unsigned;
    }

    /** This subscription's own {@code User-Agent}; empty means the dispatcher's (default {@code webhookkit/<version>}). */
    public Optional<String> userAgent() {
        return userAgent.isEmpty() ? Optional.empty() : Optional.of(userAgent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subscription s && s.id.equals(id) && s.url.equals(url) && s.secrets.equals(secrets) && s.signer.equals(signer)
                && s.eventTypes.equals(eventTypes) && s.enabled == enabled && s.headers.equals(headers) && s.timeout.equals(timeout)
                && s.maxAttempts == maxAttempts && s.maxInFlight == maxInFlight && s.description.equals(description)
                && s.name.equals(name) && Objects.equals(s.tenant, tenant)
                && s.unsigned == unsigned && s.userAgent.equals(userAgent) && s.ordered == ordered;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, url, eventTypes, enabled);
    }

    @Override
    public String toString() {
        return "Subscription[" + id + (name.equals(id) ? "" : " '" + name + "'") + (tenant == null ? "" : " tenant=" + tenant) + " " + origin(url) + " " + eventTypes
                + (enabled ? "" : " disabled") + (ordered ? " ordered" : "") + (unsigned ? ", unsigned" : ", scheme=" + signer.schemeId() + ", secrets=" + secrets.size()) + "]";
    }

    // Chat targets (Slack, Discord, Teams, Telegram) carry their secret in the URL's path or query:
    // what reaches a log is only where it goes.
    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "") + "/\u2026";
    }

    /** Collects a subscription's settings; not thread-safe. */
    public static final class Builder {
        private final String id;
        private final String url;
        private SecretSet secrets = SecretSet.empty();
        private OutboundSigner signer;
        private List<String> eventTypes = ALL_EVENTS;
        private boolean enabled = true;
        private Headers headers = Headers.empty();
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxAttempts;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private String description = "";
        private String name;
        private String tenant;
        private boolean unsigned;
        private String userAgent = "";
        private boolean ordered;

        private Builder(String id, String url) {
            this.id = Objects.requireNonNull(id, "id");
            this.url = Objects.requireNonNull(url, "url");
        }

        /** The signing secrets, newest first; at least one must be active when a message is sent. */
        public Builder secrets(SecretSet secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /** One plain signing secret. */
        public Builder secret(String secret) {
            return secrets(SecretSet.ofValues(Objects.requireNonNull(secret, "secret")));
        }

        /** The signature scheme, such as {@code Schemes.standardWebhooks()}; default {@code Schemes.hmacSha256()}. */
        public Builder signer(OutboundSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** The scheme by its webhook-verify id ({@code hmac-sha256}, {@code standard-webhooks} …). */
        public Builder scheme(String schemeId) {
            return signer(Schemes.byId(Objects.requireNonNull(schemeId, "schemeId")));
        }

        /** Event-type globs; default {@code *}. */
        public Builder eventTypes(List<String> globs) {
            this.eventTypes = List.copyOf(Objects.requireNonNull(globs, "eventTypes"));
            return this;
        }

        public Builder eventTypes(String... globs) {
            return eventTypes(List.of(globs));
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Extra headers (an API key the subscriber asked for …); they may not use {@link #RESERVED_HEADERS}. */
        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        public Builder header(String name, String value) {
            this.headers = headers.toBuilder().add(name, value).build();
            return this;
        }

        /** Request timeout, &gt; 0 and at most {@link #MAX_TIMEOUT}; default {@link #DEFAULT_TIMEOUT}. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Attempts before dead-lettering, &gt; 0; default: the retry policy's. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts <= 0) {
                throw new ConfigurationException("maxAttempts must be > 0 but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Messages claimed or in flight at once per dispatcher instance, &gt; 0; default
         * {@link #DEFAULT_MAX_IN_FLIGHT}. Keep it well below the dispatcher's workers: a subscription
         * at its limit is skipped when claiming, so the other workers serve the other subscriptions.
         */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        /**
         * Delivers this subscription's messages in the order they were enqueued, one at a time, on
         * every dispatcher instance sharing the store (default false): only the earliest pending
         * message is claimable, and only while none of the subscription's messages is leased, so a
         * message that failed and waits for its retry holds the later ones back until it is
         * delivered or dead-lettered. The cost is throughput: one request in flight means at most
         * about {@code 1 / latency} messages a second to this subscriber ({@link #maxInFlight} is
         * not used), and a failing subscriber stalls its own queue (only its own). A message
         * redelivered by hand keeps its original place.
         */
        public Builder ordered(boolean ordered) {
            this.ordered = ordered;
            return this;
        }

        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** A display name for operators, 1 to {@value #MAX_NAME_LENGTH} characters without control characters; default the id. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sends this subscription's messages without a signature: the explicit opt-in for a receiver
         * that verifies nothing (Agnox makes its secret optional). It excludes {@link #secrets} and
         * {@link #secret} ({@code build()} refuses both together); a signer set as well is not used.
         * Every attempt is logged as unsigned.
         */
        public Builder unsigned() {
            this.unsigned = true;
            return this;
        }

        /**
         * The owning tenant: letters, digits, '.', '_' and '-', at most 128 characters (the rule of
         * endpoint names, so one tenant id names both); {@code null} (the default) for none.
         */
        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /**
         * The {@code User-Agent} of this subscription's requests, replacing the dispatcher's (a product
         * name a receiver expects); printable ASCII, no CR/LF, at most {@value UserAgents#MAX_LENGTH}
         * characters. {@code User-Agent} stays reserved among the extra {@link #headers}.
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = UserAgents.check("subscription '" + id + "': userAgent", Objects.requireNonNull(userAgent, "userAgent"));
            return this;
        }

        public Subscription build() {
            if (!ID.matcher(id).matches()) {
                throw new ConfigurationException("subscription id must be letters, digits, '.', '_', ':' or '-' (at most 128) but was '"
                        + id + "'");
            }
            if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.codePoints().anyMatch(Character::isISOControl))) {
                throw new ConfigurationException("subscription '" + id + "': name must be 1 to " + MAX_NAME_LENGTH
                        + " characters without control characters but was " + name.length() + " characters long");
            }
            if (tenant != null && !TENANT.matcher(tenant).matches()) {
                throw new ConfigurationException("subscription '" + id + "': tenant must be letters, digits, '.', '_' or '-' (at most 128) but was '"
                        + tenant + "'");
            }
            URI uri = parseUrl(id, url);
            if (unsigned) {
                if (!secrets.isEmpty()) {
                    throw new ConfigurationException("subscription '" + id + "': unsigned() excludes secrets, but "
                            + secrets.size() + " secret(s) were set");
                }
            } else if (secrets.isEmpty()) {
                throw new ConfigurationException("subscription '" + id + "': secrets must not be empty"
                        + " (to send without a signature, say so with unsigned())");
            }
            if (signer == null) {
                signer = Schemes.hmacSha256();
            }
            // Refused here rather than on every attempt: a verify-only scheme (sns) would fail each send.
            if (signer instanceof SignatureScheme scheme && !scheme.canSign()) {
                throw new ConfigurationException("subscription '" + id + "': scheme '" + scheme.schemeId() + "' only verifies and cannot sign");
            }
            if (eventTypes.isEmpty()) {
                throw new ConfigurationException("subscription '" + id + "': eventTypes must not be empty (use \"*\" for every event)");
            }
            for (String glob : eventTypes) {
                if (glob.isBlank()) {
                    throw new ConfigurationException("subscription '" + id + "': eventTypes must not contain a blank glob but was " + eventTypes);
                }
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new ConfigurationException("subscription '" + id + "': timeout must be > 0 and <= " + MAX_TIMEOUT + " but was " + timeout);
            }
            if (maxInFlight <= 0) {
                throw new ConfigurationException("subscription '" + id + "': maxInFlight must be > 0 but was " + maxInFlight);
            }
            ExtraHeaders.checkNames("subscription '" + id + "'", headers);
            return new Subscription(this, uri);
        }

        private static URI parseUrl(String id, String url) {
            URI uri;
            try {
                uri = new URI(url.trim());
            } catch (URISyntaxException e) {
                throw new ConfigurationException("subscription '" + id + "': url is not a valid URI: '" + url + "'", e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ConfigurationException("subscription '" + id + "': url must be http or https but was '" + url + "'");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new ConfigurationException("subscription '" + id + "': url must name a host but was '" + url + "'");
            }
            if (uri.getRawUserInfo() != null) {
                throw new ConfigurationException("subscription '" + id + "': url must not carry user info (credentials) but did");
            }
            if (uri.getRawFragment() != null) {
                throw new ConfigurationException("subscription '" + id + "': url must not have a fragment but was '" + url + "'");
            }
            return uri;
        }
    }
}
