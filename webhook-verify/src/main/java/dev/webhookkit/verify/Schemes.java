package dev.webhookkit.verify;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.verify.internal.SchemeRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every signature scheme webhookkit knows, by id ({@link #byId(String)}) or by factory method.
 * Each scheme is registered once, as a {@link SchemeDescriptor} (the built-in ones and those of
 * {@link dev.webhookkit.verify.spi.SchemeProvider}s on the class path); the factory methods are
 * shortcuts for {@code byId}. The no-argument factories and {@code byId(id)} return shared
 * instances with default options, so their caches of keyed HMAC states and parsed keys are reused
 * across calls; with {@link SchemeOptions} a new instance is built: keep it. An option the scheme
 * does not honour is refused ({@link SchemeDescriptor#options()}).
 *
 * <p>Thread-safe.
 */
public final class Schemes {
    private static final Map<String, SignatureScheme> DEFAULTS = new ConcurrentHashMap<>();

    /** How old an SNS message's timestamp may be by default: SNS retries a delivery for up to an hour. */
    public static final Duration SNS_DEFAULT_TOLERANCE = Duration.ofHours(1);

    private Schemes() {
    }

    /**
     * The ids of every scheme: the built-in ones in the order of the documentation's table, then
     * those of scheme providers.
     *
     * @throws ConfigurationException when a scheme provider on the class path could not be loaded
     *     or registers an id that is taken (so does every other method here)
     */
    public static List<String> ids() {
        return Registry.get().ids();
    }

    /** The descriptor of every scheme, in the order of {@link #ids()}. */
    public static List<SchemeDescriptor> descriptors() {
        return Registry.get().all();
    }

    /**
     * The descriptor of a scheme: what it needs and which options it honours.
     *
     * @throws ConfigurationException for an unknown id; the message lists the known ones
     */
    public static SchemeDescriptor descriptor(String id) {
        Objects.requireNonNull(id, "id");
        SchemeRegistry registry = Registry.get();
        return registry.find(id).orElseThrow(() -> new ConfigurationException(
                "scheme must be one of " + String.join(", ", registry.ids()) + " but was '" + id + "'"));
    }

    /**
     * The shared default instance of a scheme.
     *
     * @throws ConfigurationException for an unknown id; the message lists the known ones
     */
    public static SignatureScheme byId(String id) {
        Objects.requireNonNull(id, "id");
        SignatureScheme scheme = DEFAULTS.get(id);
        if (scheme != null) {
            return scheme;
        }
        // Built outside the map: a provider's factory may itself ask for another default scheme.
        SignatureScheme created = descriptor(id).create(SchemeOptions.defaults());
        SignatureScheme raced = DEFAULTS.putIfAbsent(id, created);
        return raced != null ? raced : created;
    }

    /**
     * A new instance of a scheme with these options.
     *
     * @throws ConfigurationException for an unknown id (the message lists the known ones), or when
     *     an option is set that the scheme does not honour (the message names scheme and option)
     */
    public static SignatureScheme byId(String id, SchemeOptions options) {
        Objects.requireNonNull(options, "options");
        return descriptor(id).create(options);
    }

    /**
     * {@code hmac-sha256}: the generic sender (GNETiX, OpsKnight …; Agnox's header has its own id, {@code agnox}): HMAC-SHA256 of the raw
     * body as {@code X-Webhook-Signature: sha256=<hex>}. Header, prefix, encoding and extra
     * accepted headers ({@code X-Signature}) come from the options.
     */
    public static SignatureScheme hmacSha256() {
        return byId("hmac-sha256");
    }

    public static SignatureScheme hmacSha256(SchemeOptions options) {
        return byId("hmac-sha256", options);
    }

    /** {@code github}: {@code X-Hub-Signature-256: sha256=<hex>}, HMAC-SHA256 of the raw body. */
    public static SignatureScheme github() {
        return byId("github");
    }

    public static SignatureScheme github(SchemeOptions options) {
        return byId("github", options);
    }

    /** {@code bitbucket}: Bitbucket Cloud's {@code X-Hub-Signature: sha256=<hex>}. */
    public static SignatureScheme bitbucket() {
        return byId("bitbucket");
    }

    public static SignatureScheme bitbucket(SchemeOptions options) {
        return byId("bitbucket", options);
    }

    /** {@code standard-webhooks}: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>}. */
    public static SignatureScheme standardWebhooks() {
        return byId("standard-webhooks");
    }

    public static SignatureScheme standardWebhooks(SchemeOptions options) {
        return byId("standard-webhooks", options);
    }

    /** {@code standard-webhooks-ed25519}: {@code v1a,<base64>} Ed25519 signatures; {@code whpk_}/{@code whsk_} keys. */
    public static SignatureScheme standardWebhooksEd25519() {
        return byId("standard-webhooks-ed25519");
    }

    public static SignatureScheme standardWebhooksEd25519(SchemeOptions options) {
        return byId("standard-webhooks-ed25519", options);
    }

    /** {@code svix}: Standard Webhooks with {@code svix-} headers (the unbranded {@code webhook-} ones are accepted too). */
    public static SignatureScheme svix() {
        return byId("svix");
    }

    public static SignatureScheme svix(SchemeOptions options) {
        return byId("svix", options);
    }

    /** {@code slack}: {@code X-Slack-Signature: v0=<hex>} over {@code v0:ts:body}, {@code X-Slack-Request-Timestamp}. */
    public static SignatureScheme slack() {
        return byId("slack");
    }

    public static SignatureScheme slack(SchemeOptions options) {
        return byId("slack", options);
    }

    /** {@code shopify}: {@code X-Shopify-Hmac-Sha256}, base64 HMAC-SHA256 of the raw body. */
    public static SignatureScheme shopify() {
        return byId("shopify");
    }

    public static SignatureScheme shopify(SchemeOptions options) {
        return byId("shopify", options);
    }

    /** {@code pagerduty}: PagerDuty v3 {@code X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]}; signs with every active secret. */
    public static SignatureScheme pagerduty() {
        return byId("pagerduty");
    }

    public static SignatureScheme pagerduty(SchemeOptions options) {
        return byId("pagerduty", options);
    }

    /** {@code sentry}: {@code Sentry-Hook-Signature}, hex HMAC-SHA256 of the raw body with the client secret. */
    public static SignatureScheme sentry() {
        return byId("sentry");
    }

    public static SignatureScheme sentry(SchemeOptions options) {
        return byId("sentry", options);
    }

    /**
     * {@code grafana}: {@code X-Grafana-Alerting-Signature}, hex HMAC-SHA256 of the body, or of
     * {@code ts:body} when {@link SchemeOptions.Builder#timestampHeader(String)} names the
     * timestamp header configured in Grafana (it has no default).
     */
    public static SignatureScheme grafana() {
        return byId("grafana");
    }

    public static SignatureScheme grafana(SchemeOptions options) {
        return byId("grafana", options);
    }

    /** {@code splunk-observability}: Splunk Observability (SignalFx) {@code X-SFX-Signature}, base64 HMAC-SHA256 of the body. */
    public static SignatureScheme splunkObservability() {
        return byId("splunk-observability");
    }

    public static SignatureScheme splunkObservability(SchemeOptions options) {
        return byId("splunk-observability", options);
    }

    /** {@code gitlab}: {@code X-Gitlab-Token} equals the secret (not a signature: the body is not authenticated). */
    public static SignatureScheme gitlab() {
        return byId("gitlab");
    }

    public static SignatureScheme gitlab(SchemeOptions options) {
        return byId("gitlab", options);
    }

    /** {@code shared-secret}: a header (default {@code X-Webhook-Secret}) equals the secret, as Moxxy sends it. */
    public static SignatureScheme sharedSecret() {
        return byId("shared-secret");
    }

    public static SignatureScheme sharedSecret(SchemeOptions options) {
        return byId("shared-secret", options);
    }

    /** {@code basic-auth}: {@code Authorization: Basic …}; the secret holds {@code user:password}. */
    public static SignatureScheme basicAuth() {
        return byId("basic-auth");
    }

    public static SignatureScheme basicAuth(SchemeOptions options) {
        return byId("basic-auth", options);
    }

    /** {@code bearer-token}: {@code Authorization: Bearer <secret>}. */
    public static SignatureScheme bearerToken() {
        return byId("bearer-token");
    }

    public static SignatureScheme bearerToken(SchemeOptions options) {
        return byId("bearer-token", options);
    }

    /** {@code honeycomb}: {@code X-Honeycomb-Webhook-Token} equals the secret. */
    public static SignatureScheme honeycomb() {
        return byId("honeycomb");
    }

    public static SignatureScheme honeycomb(SchemeOptions options) {
        return byId("honeycomb", options);
    }

    /**
     * {@code stripe}: {@code Stripe-Signature: t=<ts>,v1=<hex>[,v1=…]} over {@code ts.body}, keyed
     * with the {@code whsec_…} text itself; signs with every active secret.
     */
    public static SignatureScheme stripe() {
        return byId("stripe");
    }

    public static SignatureScheme stripe(SchemeOptions options) {
        return byId("stripe", options);
    }

    /**
     * {@code twilio}: {@code X-Twilio-Signature}, base64 HMAC-SHA1 over the full URL plus the POST
     * parameters sorted by name. Verify with a {@link dev.webhookkit.core.WebhookRequest} whose
     * {@code url()} is the URL Twilio called.
     */
    public static SignatureScheme twilio() {
        return byId("twilio");
    }

    public static SignatureScheme twilio(SchemeOptions options) {
        return byId("twilio", options);
    }

    /** {@code splunk-oncall}: Splunk On-Call (VictorOps) outgoing webhooks, {@code X-VictorOps-Signature}, Twilio's algorithm. */
    public static SignatureScheme splunkOncall() {
        return byId("splunk-oncall");
    }

    public static SignatureScheme splunkOncall(SchemeOptions options) {
        return byId("splunk-oncall", options);
    }

    /**
     * {@code discord}: Ed25519 over timestamp + body in {@code X-Signature-Ed25519} and
     * {@code X-Signature-Timestamp}; verify with the hex public key, sign with the hex private seed.
     */
    public static SignatureScheme discord() {
        return byId("discord");
    }

    public static SignatureScheme discord(SchemeOptions options) {
        return byId("discord", options);
    }

    /**
     * {@code telegram}: Telegram Bot API webhooks, {@code X-Telegram-Bot-Api-Secret-Token} equals the
     * {@code secret_token} given to {@code setWebhook} (1 to 256 of {@code A-Z a-z 0-9 _ -}: a
     * {@link SigningKeys#newUrlToken()} fits). A token, not a signature: the body is not authenticated.
     */
    public static SignatureScheme telegram() {
        return byId("telegram");
    }

    public static SignatureScheme telegram(SchemeOptions options) {
        return byId("telegram", options);
    }

    /** {@code agnox}: Agnox outbound webhooks, {@code x-agnox-signature: sha256=<hex>}, HMAC-SHA256 of the raw body. */
    public static SignatureScheme agnox() {
        return byId("agnox");
    }

    public static SignatureScheme agnox(SchemeOptions options) {
        return byId("agnox", options);
    }

    /**
     * {@code sns}: AWS SNS message signatures (SignatureVersion 1 and 2) checked against the
     * certificate at {@code SigningCertURL}, which must be {@code https://sns.<region>.amazonaws.com/<name>.pem}.
     * Needs no secrets and cannot sign. A valid signature proves only that AWS sent the message, for
     * any account's topic: set {@link SchemeOptions.Builder#snsTopicArns(Collection)} to accept your
     * topics only (required to confirm subscriptions). A valid result's authenticated id is the
     * signed {@code MessageId}. Its default timestamp tolerance is {@link #SNS_DEFAULT_TOLERANCE}, since SNS
     * redelivers a message with its original timestamp for up to an hour.
     */
    public static SignatureScheme sns() {
        return byId("sns");
    }

    public static SignatureScheme sns(SchemeOptions options) {
        return byId("sns", options);
    }

    /** The registry, built once on first use; a failure to build it is reported on every use. */
    private static final class Registry {
        private static final SchemeRegistry REGISTRY;
        private static final String FAILURE;

        static {
            SchemeRegistry registry = null;
            String failure = null;
            try {
                registry = SchemeRegistry.discover(Schemes.class.getClassLoader());
            } catch (ConfigurationException e) {
                failure = e.getMessage();
            }
            REGISTRY = registry;
            FAILURE = failure;
        }

        static SchemeRegistry get() {
            if (REGISTRY == null) {
                throw new ConfigurationException(FAILURE);
            }
            return REGISTRY;
        }
    }
}
