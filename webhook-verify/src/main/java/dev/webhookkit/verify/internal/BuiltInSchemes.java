package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.SchemeOption.ACCEPT_HEADER;
import static dev.webhookkit.verify.SchemeOption.ENCODING;
import static dev.webhookkit.verify.SchemeOption.MAX_HEADER_LENGTH;
import static dev.webhookkit.verify.SchemeOption.PREFIX;
import static dev.webhookkit.verify.SchemeOption.SIGNATURE_HEADER;
import static dev.webhookkit.verify.SchemeOption.SNS_CERTIFICATE_SOURCE;
import static dev.webhookkit.verify.SchemeOption.SNS_TOPIC_ARNS;
import static dev.webhookkit.verify.SchemeOption.TIMESTAMP_HEADER;
import static dev.webhookkit.verify.SchemeOption.TIMESTAMP_POLICY;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.verify.SchemeDescriptor;
import dev.webhookkit.verify.SchemeOption;
import dev.webhookkit.verify.SchemeOptions;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SignatureEncoding;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one place where each built-in scheme is described: id, what it needs, the options it
 * honours and how it is built. The order is that of the documentation's table.
 */
public final class BuiltInSchemes {
    private static final SchemeOption[] BODY_HMAC = {SIGNATURE_HEADER, PREFIX, ENCODING, ACCEPT_HEADER, MAX_HEADER_LENGTH};
    private static final SchemeOption[] TOKEN = {SIGNATURE_HEADER, ACCEPT_HEADER, MAX_HEADER_LENGTH};
    private static final SchemeOption[] FIXED_HEADERS_TIMESTAMPED = {TIMESTAMP_POLICY, MAX_HEADER_LENGTH};

    private BuiltInSchemes() {
    }

    public static List<SchemeDescriptor> all() {
        List<SchemeDescriptor> d = new ArrayList<>();
        d.add(bodyHmac("hmac-sha256", "generic HMAC-SHA256 of the body (X-Webhook-Signature: sha256=<hex>)",
                "X-Webhook-Signature", "sha256=", SignatureEncoding.HEX));
        d.add(bodyHmac("github", "GitHub (X-Hub-Signature-256: sha256=<hex>)", "X-Hub-Signature-256", "sha256=", SignatureEncoding.HEX));
        d.add(bodyHmac("bitbucket", "Bitbucket Cloud (X-Hub-Signature: sha256=<hex>)", "X-Hub-Signature", "sha256=", SignatureEncoding.HEX));
        d.add(token("gitlab", "GitLab (X-Gitlab-Token equals the secret)", "X-Gitlab-Token", TokenScheme.Form.VERBATIM));
        d.add(token("shared-secret", "a header (X-Webhook-Secret) equals the secret", "X-Webhook-Secret", TokenScheme.Form.VERBATIM));
        d.add(token("basic-auth", "Authorization: Basic user:password", "Authorization", TokenScheme.Form.BASIC));
        d.add(token("bearer-token", "Authorization: Bearer <secret>", "Authorization", TokenScheme.Form.BEARER));
        d.add(fixed("standard-webhooks", "Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,<base64>)",
                o -> new StandardWebhooksHmac("standard-webhooks", List.of("webhook"), policy(o), o.maxHeaderLength())));
        d.add(fixed("standard-webhooks-ed25519", "Standard Webhooks, Ed25519 (v1a,<base64>)",
                o -> new StandardWebhooksEd25519("standard-webhooks-ed25519", policy(o), o.maxHeaderLength())));
        d.add(fixed("svix", "Svix (svix-id, svix-timestamp, svix-signature)",
                o -> new StandardWebhooksHmac("svix", List.of("svix", "webhook"), policy(o), o.maxHeaderLength())));
        d.add(fixed("stripe", "Stripe (Stripe-Signature: t=<ts>,v1=<hex>)", o -> new StripeScheme(policy(o), o.maxHeaderLength())));
        d.add(SchemeDescriptor.builder("slack", o -> HmacScheme.builder("slack", "HmacSHA256", headers("X-Slack-Signature", o))
                        .prefix("v0=")
                        .timestamp("X-Slack-Request-Timestamp", "v0:", ":")
                        .policy(policy(o))
                        .maxHeaderLength(o.maxHeaderLength())
                        .build())
                .summary("Slack (X-Slack-Signature: v0=<hex>, X-Slack-Request-Timestamp)")
                .options(SIGNATURE_HEADER, ACCEPT_HEADER, TIMESTAMP_POLICY, MAX_HEADER_LENGTH).build());
        d.add(bodyHmac("shopify", "Shopify (X-Shopify-Hmac-Sha256: <base64>)", "X-Shopify-Hmac-Sha256", "", SignatureEncoding.BASE64));
        d.add(urlHmac("twilio", "Twilio (X-Twilio-Signature over URL and POST parameters)", "X-Twilio-Signature"));
        d.add(SchemeDescriptor.builder("pagerduty", o -> HmacScheme.builder("pagerduty", "HmacSHA256", headers("X-PagerDuty-Signature", o))
                        .prefix("v1=")
                        .multiple()
                        .maxHeaderLength(o.maxHeaderLength())
                        .build())
                .summary("PagerDuty v3 (X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...])")
                .options(TOKEN).build());
        d.add(bodyHmac("sentry", "Sentry (Sentry-Hook-Signature: <hex>)", "Sentry-Hook-Signature", "", SignatureEncoding.HEX));
        d.add(fixed("discord", "Discord interactions (Ed25519, X-Signature-Ed25519, X-Signature-Timestamp)",
                o -> new DiscordScheme(policy(o), o.maxHeaderLength())));
        d.add(SchemeDescriptor.builder("grafana", BuiltInSchemes::grafana)
                .summary("Grafana alerting (X-Grafana-Alerting-Signature: <hex>, optional timestamp header)")
                .options(SIGNATURE_HEADER, PREFIX, ENCODING, ACCEPT_HEADER, TIMESTAMP_HEADER, TIMESTAMP_POLICY, MAX_HEADER_LENGTH)
                .build());
        d.add(bodyHmac("splunk-observability", "Splunk Observability (X-SFX-Signature: <base64>)", "X-SFX-Signature", "",
                SignatureEncoding.BASE64));
        d.add(token("honeycomb", "Honeycomb (X-Honeycomb-Webhook-Token equals the secret)", "X-Honeycomb-Webhook-Token",
                TokenScheme.Form.VERBATIM));
        d.add(urlHmac("splunk-oncall", "Splunk On-Call (X-VictorOps-Signature, Twilio's algorithm)", "X-VictorOps-Signature"));
        d.add(token("telegram", "Telegram Bot API (X-Telegram-Bot-Api-Secret-Token equals the setWebhook secret_token)",
                "X-Telegram-Bot-Api-Secret-Token", TokenScheme.Form.VERBATIM));
        d.add(bodyHmac("agnox", "Agnox (x-agnox-signature: sha256=<hex>)", "x-agnox-signature", "sha256=", SignatureEncoding.HEX));
        d.add(SchemeDescriptor.builder("sns", o -> new SnsScheme(
                        o.snsCertificateSource().orElseGet(SnsCertificateSource::defaultSource),
                        o.timestampPolicy().orElse(TimestampPolicy.of(Schemes.SNS_DEFAULT_TOLERANCE, TimestampPolicy.DEFAULT_TOLERANCE)),
                        o.snsTopicArns()))
                .summary("AWS SNS message signatures (certificate from AWS; no secrets, cannot sign)")
                .noSecrets().verifyOnly()
                .options(SNS_CERTIFICATE_SOURCE, SNS_TOPIC_ARNS, TIMESTAMP_POLICY).build());
        return List.copyOf(d);
    }

    /** Grafana signs a timestamp only when told its header, so a replay window without one would be dropped. */
    private static SignatureScheme grafana(SchemeOptions o) {
        if (o.timestampPolicy().isPresent() && o.timestampHeader().isEmpty()) {
            throw new ConfigurationException("scheme grafana uses timestampPolicy only with timestampHeader "
                    + "(without it Grafana signs no timestamp)");
        }
        HmacScheme.Builder b = HmacScheme.builder("grafana", "HmacSHA256", headers("X-Grafana-Alerting-Signature", o))
                .prefix(o.prefix().orElse(""))
                .encoding(o.encoding().orElse(SignatureEncoding.HEX))
                .policy(policy(o))
                .maxHeaderLength(o.maxHeaderLength());
        o.timestampHeader().ifPresent(h -> b.timestamp(h, "", ":"));
        return b.build();
    }

    private static SchemeDescriptor bodyHmac(String id, String summary, String header, String prefix, SignatureEncoding encoding) {
        return SchemeDescriptor.builder(id, o -> HmacScheme.builder(id, "HmacSHA256", headers(header, o))
                        .prefix(o.prefix().orElse(prefix))
                        .encoding(o.encoding().orElse(encoding))
                        .maxHeaderLength(o.maxHeaderLength())
                        .build())
                .summary(summary).options(BODY_HMAC).build();
    }

    private static SchemeDescriptor token(String id, String summary, String header, TokenScheme.Form form) {
        return SchemeDescriptor.builder(id, o -> new TokenScheme(id, headers(header, o), form, o.maxHeaderLength()))
                .summary(summary).options(TOKEN).build();
    }

    private static SchemeDescriptor urlHmac(String id, String summary, String header) {
        return SchemeDescriptor.builder(id, o -> new UrlHmacScheme(id, o.signatureHeader().orElse(header), o.maxHeaderLength()))
                .summary(summary).options(SIGNATURE_HEADER, MAX_HEADER_LENGTH).build();
    }

    /** A timestamped scheme whose headers are fixed by its specification. */
    private static SchemeDescriptor fixed(String id, String summary, Function<SchemeOptions, SignatureScheme> factory) {
        return SchemeDescriptor.builder(id, factory).summary(summary).options(FIXED_HEADERS_TIMESTAMPED).build();
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
}
