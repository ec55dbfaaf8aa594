package dev.webhookkit.verify;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.verify.internal.DiscordScheme;
import dev.webhookkit.verify.internal.HmacScheme;
import dev.webhookkit.verify.internal.SnsScheme;
import dev.webhookkit.verify.internal.StandardWebhooksEd25519;
import dev.webhookkit.verify.internal.StandardWebhooksHmac;
import dev.webhookkit.verify.internal.StripeScheme;
import dev.webhookkit.verify.internal.TokenScheme;
import dev.webhookkit.verify.internal.UrlHmacScheme;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every signature scheme webhookkit knows, by id ({@link #byId(String)}) or by factory method.
 * The no-argument factories and {@code byId(id)} return shared instances with default options, so
 * their caches of keyed HMAC states and parsed keys are reused across calls; with
 * {@link SchemeOptions} a new instance is built: keep it.
 *
 * <p>Thread-safe.
 */
public final class Schemes {
    private static final Map<String, Function<SchemeOptions, SignatureScheme>> FACTORIES = factories();
    private static final List<String> IDS = List.copyOf(FACTORIES.keySet());
    private static final Map<String, SignatureScheme> DEFAULTS = new ConcurrentHashMap<>();

    /** How old an SNS message's timestamp may be by default: SNS retries a delivery for up to an hour. */
    public static final Duration SNS_DEFAULT_TOLERANCE = Duration.ofHours(1);

    private Schemes() {
    }

    /** The ids of every scheme, in the order of the documentation's table. */
    public static List<String> ids() {
        return IDS;
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
        Function<SchemeOptions, SignatureScheme> factory = factory(id);
        return DEFAULTS.computeIfAbsent(id, k -> factory.apply(SchemeOptions.defaults()));
    }

    /**
     * A new instance of a scheme with these options.
     *
     * @throws ConfigurationException for an unknown id; the message lists the known ones
     */
    public static SignatureScheme byId(String id, SchemeOptions options) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(options, "options");
        return factory(id).apply(options);
    }

    private static Function<SchemeOptions, SignatureScheme> factory(String id) {
        Function<SchemeOptions, SignatureScheme> factory = FACTORIES.get(id);
        if (factory == null) {
            throw new ConfigurationException("scheme must be one of " + String.join(", ", IDS) + " but was '" + id + "'");
        }
        return factory;
    }

    /**
     * {@code hmac-sha256}: the generic sender (GNETiX, OpsKnight, Agnox …): HMAC-SHA256 of the raw
     * body as {@code X-Webhook-Signature: sha256=<hex>}. Header, prefix, encoding and extra
     * accepted headers ({@code X-Signature}) come from the options.
     */
    public static SignatureScheme hmacSha256() {
        return byId("hmac-sha256");
    }

    public static SignatureScheme hmacSha256(SchemeOptions options) {
        return bodyHmac("hmac-sha256", "X-Webhook-Signature", "sha256=", SignatureEncoding.HEX, options);
    }

    /** {@code github}: {@code X-Hub-Signature-256: sha256=<hex>}, HMAC-SHA256 of the raw body. */
    public static SignatureScheme github() {
        return byId("github");
    }

    public static SignatureScheme github(SchemeOptions options) {
        return bodyHmac("github", "X-Hub-Signature-256", "sha256=", SignatureEncoding.HEX, options);
    }

    /** {@code bitbucket}: Bitbucket Cloud's {@code X-Hub-Signature: sha256=<hex>}. */
    public static SignatureScheme bitbucket() {
        return byId("bitbucket");
    }

    public static SignatureScheme bitbucket(SchemeOptions options) {
        return bodyHmac("bitbucket", "X-Hub-Signature", "sha256=", SignatureEncoding.HEX, options);
    }

    /** {@code standard-webhooks}: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>}. */
    public static SignatureScheme standardWebhooks() {
        return byId("standard-webhooks");
    }

    public static SignatureScheme standardWebhooks(SchemeOptions options) {
        return new StandardWebhooksHmac("standard-webhooks", List.of("webhook"), policy(options), options.maxHeaderLength());
    }

    /** {@code standard-webhooks-ed25519}: {@code v1a,<base64>} Ed25519 signatures; {@code whpk_}/{@code whsk_} keys. */
    public static SignatureScheme standardWebhooksEd25519() {
        return byId("standard-webhooks-ed25519");
    }

    public static SignatureScheme standardWebhooksEd25519(SchemeOptions options) {
        return new StandardWebhooksEd25519("standard-webhooks-ed25519", policy(options), options.maxHeaderLength());
    }

    /** {@code svix}: Standard Webhooks with {@code svix-} headers (the unbranded {@code webhook-} ones are accepted too). */
    public static SignatureScheme svix() {
        return byId("svix");
    }

    public static SignatureScheme svix(SchemeOptions options) {
        return new StandardWebhooksHmac("svix", List.of("svix", "webhook"), policy(options), options.maxHeaderLength());
    }

    /** {@code slack}: {@code X-Slack-Signature: v0=<hex>} over {@code v0:ts:body}, {@code X-Slack-Request-Timestamp}. */
    public static SignatureScheme slack() {
        return byId("slack");
    }

    public static SignatureScheme slack(SchemeOptions options) {
        return HmacScheme.builder("slack", "HmacSHA256", headers("X-Slack-Signature", options))
                .prefix("v0=")
                .timestamp("X-Slack-Request-Timestamp", "v0:", ":")
                .policy(policy(options))
                .maxHeaderLength(options.maxHeaderLength())
                .build();
    }

    /** {@code shopify}: {@code X-Shopify-Hmac-Sha256}, base64 HMAC-SHA256 of the raw body. */
    public static SignatureScheme shopify() {
        return byId("shopify");
    }

    public static SignatureScheme shopify(SchemeOptions options) {
        return bodyHmac("shopify", "X-Shopify-Hmac-Sha256", "", SignatureEncoding.BASE64, options);
    }

    /** {@code pagerduty}: PagerDuty v3 {@code X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]}; signs with every active secret. */
    public static SignatureScheme pagerduty() {
        return byId("pagerduty");
    }

    public static SignatureScheme pagerduty(SchemeOptions options) {
        return HmacScheme.builder("pagerduty", "HmacSHA256", headers("X-PagerDuty-Signature", options))
                .prefix("v1=")
                .multiple()
                .maxHeaderLength(options.maxHeaderLength())
                .build();
    }

    /** {@code sentry}: {@code Sentry-Hook-Signature}, hex HMAC-SHA256 of the raw body with the client secret. */
    public static SignatureScheme sentry() {
        return byId("sentry");
    }

    public static SignatureScheme sentry(SchemeOptions options) {
        return bodyHmac("sentry", "Sentry-Hook-Signature", "", SignatureEncoding.HEX, options);
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
        HmacScheme.Builder b = HmacScheme.builder("grafana", "HmacSHA256", headers("X-Grafana-Alerting-Signature", options))
                .prefix(options.prefix().orElse(""))
                .encoding(options.encoding().orElse(SignatureEncoding.HEX))
                .policy(policy(options))
                .maxHeaderLength(options.maxHeaderLength());
        options.timestampHeader().ifPresent(h -> b.timestamp(h, "", ":"));
        return b.build();
    }

    /** {@code splunk-observability}: Splunk Observability (SignalFx) {@code X-SFX-Signature}, base64 HMAC-SHA256 of the body. */
    public static SignatureScheme splunkObservability() {
        return byId("splunk-observability");
    }

    public static SignatureScheme splunkObservability(SchemeOptions options) {
        return bodyHmac("splunk-observability", "X-SFX-Signature", "", SignatureEncoding.BASE64, options);
    }

    /** {@code gitlab}: {@code X-Gitlab-Token} equals the secret (not a signature: the body is not authenticated). */
    public static SignatureScheme gitlab() {
        return byId("gitlab");
    }

    public static SignatureScheme gitlab(SchemeOptions options) {
        return token("gitlab", "X-Gitlab-Token", TokenScheme.Form.VERBATIM, options);
    }

    /** {@code shared-secret}: a header (default {@code X-Webhook-Secret}) equals the secret, as Moxxy sends it. */
    public static SignatureScheme sharedSecret() {
        return byId("shared-secret");
    }

    public static SignatureScheme sharedSecret(SchemeOptions options) {
        return token("shared-secret", "X-Webhook-Secret", TokenScheme.Form.VERBATIM, options);
    }

    /** {@code basic-auth}: {@code Authorization: Basic …}; the secret holds {@code user:password}. */
    public static SignatureScheme basicAuth() {
        return byId("basic-auth");
    }

    public static SignatureScheme basicAuth(SchemeOptions options) {
        return token("basic-auth", "Authorization", TokenScheme.Form.BASIC, options);
    }

    /** {@code bearer-token}: {@code Authorization: Bearer <secret>}. */
    public static SignatureScheme bearerToken() {
        return byId("bearer-token");
    }

    public static SignatureScheme bearerToken(SchemeOptions options) {
        return token("bearer-token", "Authorization", TokenScheme.Form.BEARER, options);
    }

    /** {@code honeycomb}: {@code X-Honeycomb-Webhook-Token} equals the secret. */
    public static SignatureScheme honeycomb() {
        return byId("honeycomb");
    }

    public static SignatureScheme honeycomb(SchemeOptions options) {
        return token("honeycomb", "X-Honeycomb-Webhook-Token", TokenScheme.Form.VERBATIM, options);
    }

    /**
     * {@code stripe}: {@code Stripe-Signature: t=<ts>,v1=<hex>[,v1=…]} over {@code ts.body}, keyed
     * with the {@code whsec_…} text itself; signs with every active secret.
     */
    public static SignatureScheme stripe() {
        return byId("stripe");
    }

    public static SignatureScheme stripe(SchemeOptions options) {
        return new StripeScheme(policy(options), options.maxHeaderLength());
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
        return new UrlHmacScheme("twilio", options.signatureHeader().orElse("X-Twilio-Signature"), options.maxHeaderLength());
    }

    /** {@code splunk-oncall}: Splunk On-Call (VictorOps) outgoing webhooks, {@code X-VictorOps-Signature}, Twilio's algorithm. */
    public static SignatureScheme splunkOncall() {
        return byId("splunk-oncall");
    }

    public static SignatureScheme splunkOncall(SchemeOptions options) {
        return new UrlHmacScheme("splunk-oncall", options.signatureHeader().orElse("X-VictorOps-Signature"), options.maxHeaderLength());
    }

    /**
     * {@code discord}: Ed25519 over timestamp + body in {@code X-Signature-Ed25519} and
     * {@code X-Signature-Timestamp}; verify with the hex public key, sign with the hex private seed.
     */
    public static SignatureScheme discord() {
        return byId("discord");
    }

    public static SignatureScheme discord(SchemeOptions options) {
        return new DiscordScheme(policy(options), options.maxHeaderLength());
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
        return new SnsScheme(options.snsCertificateSource().orElseGet(SnsCertificateSource::defaultSource),
                options.timestampPolicy().orElse(TimestampPolicy.of(SNS_DEFAULT_TOLERANCE, TimestampPolicy.DEFAULT_TOLERANCE)),
                options.snsTopicArns());
    }

    private static SignatureScheme token(String id, String header, TokenScheme.Form form, SchemeOptions o) {
        return new TokenScheme(id, headers(header, o), form, o.maxHeaderLength());
    }

    private static SignatureScheme bodyHmac(String id, String header, String prefix, SignatureEncoding encoding, SchemeOptions o) {
        Objects.requireNonNull(o, "options");
        return HmacScheme.builder(id, "HmacSHA256", headers(header, o))
                .prefix(o.prefix().orElse(prefix))
                .encoding(o.encoding().orElse(encoding))
                .maxHeaderLength(o.maxHeaderLength())
                .build();
    }

    /** The configured or default signature header first, then the extra accepted ones. */
    private static List<String> headers(String defaultHeader, SchemeOptions o) {
        List<String> names = new ArrayList<>();
        names.add(o.signatureHeader().orElse(defaultHeader));
        names.addAll(o.extraHeaders());
        return names;
    }

    private static TimestampPolicy policy(SchemeOptions o) {
        return o.timestampPolicy().orElse(TimestampPolicy.defaults());
    }

    private static Map<String, Function<SchemeOptions, SignatureScheme>> factories() {
        Map<String, Function<SchemeOptions, SignatureScheme>> f = new LinkedHashMap<>();
        f.put("hmac-sha256", Schemes::hmacSha256);
        f.put("github", Schemes::github);
        f.put("bitbucket", Schemes::bitbucket);
        f.put("gitlab", Schemes::gitlab);
        f.put("shared-secret", Schemes::sharedSecret);
        f.put("basic-auth", Schemes::basicAuth);
        f.put("bearer-token", Schemes::bearerToken);
        f.put("standard-webhooks", Schemes::standardWebhooks);
        f.put("standard-webhooks-ed25519", Schemes::standardWebhooksEd25519);
        f.put("svix", Schemes::svix);
        f.put("stripe", Schemes::stripe);
        f.put("slack", Schemes::slack);
        f.put("shopify", Schemes::shopify);
        f.put("twilio", Schemes::twilio);
        f.put("pagerduty", Schemes::pagerduty);
        f.put("sentry", Schemes::sentry);
        f.put("discord", Schemes::discord);
        f.put("grafana", Schemes::grafana);
        f.put("splunk-observability", Schemes::splunkObservability);
        f.put("honeycomb", Schemes::honeycomb);
        f.put("splunk-oncall", Schemes::splunkOncall);
        f.put("sns", Schemes::sns);
        return Collections.unmodifiableMap(f);
    }
}
