package dev.webhookkit.verify;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.internal.HttpsSnsCertificateSource;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of the shared fixture file (documented examples of the senders and computed ones),
 * verified with the matching scheme; negative vectors must fail with the reason listed here.
 */
class SignatureVectorsTest {
    /** Fixture scheme name → our scheme id. */
    static final Map<String, String> SCHEME_IDS = Map.ofEntries(
            entry("github-hmac-sha256", "github"), entry("slack-v0", "slack"),
            entry("standard-webhooks-v1", "standard-webhooks"), entry("svix", "svix"), entry("stripe", "stripe"),
            entry("shopify", "shopify"), entry("twilio", "twilio"), entry("pagerduty-v3", "pagerduty"),
            entry("discord-ed25519", "discord"), entry("grafana-hmac", "grafana"), entry("sentry", "sentry"),
            entry("splunk-observability", "splunk-observability"), entry("bitbucket-cloud", "bitbucket"),
            entry("gitlab-token", "gitlab"), entry("honeycomb-token", "honeycomb"),
            entry("splunk-oncall-outgoing", "splunk-oncall"), entry("aws-sns-rsa", "sns"));

    static final Map<String, Reason> NEGATIVE_REASONS = Map.ofEntries(
            entry("github-neg-tampered-body", Reason.SIGNATURE_MISMATCH),
            entry("github-neg-wrong-secret", Reason.SIGNATURE_MISMATCH),
            entry("github-neg-sha1-in-256-header", Reason.MALFORMED_SIGNATURE),
            entry("github-neg-missing-prefix", Reason.MALFORMED_SIGNATURE),
            entry("github-neg-trailing-newline", Reason.SIGNATURE_MISMATCH),
            entry("slack-neg-stale-timestamp", Reason.TIMESTAMP_EXPIRED),
            entry("slack-neg-future-timestamp", Reason.TIMESTAMP_EXPIRED),
            entry("slack-neg-tampered-body", Reason.SIGNATURE_MISMATCH),
            entry("slack-neg-wrong-secret", Reason.SIGNATURE_MISMATCH),
            entry("slack-neg-timestamp-header-changed", Reason.SIGNATURE_MISMATCH),
            entry("standardwebhooks-neg-tampered-body", Reason.SIGNATURE_MISMATCH),
            entry("standardwebhooks-neg-wrong-id", Reason.SIGNATURE_MISMATCH),
            entry("standardwebhooks-neg-timestamp-changed", Reason.SIGNATURE_MISMATCH),
            entry("standardwebhooks-neg-stale", Reason.TIMESTAMP_EXPIRED),
            entry("standardwebhooks-neg-unknown-version", Reason.SIGNATURE_MISMATCH),
            entry("standardwebhooks-neg-comma-separated-list", Reason.MALFORMED_SIGNATURE),
            entry("standardwebhooks-neg-secret-not-base64-decoded", Reason.SIGNATURE_MISMATCH),
            entry("stripe-neg-stale", Reason.TIMESTAMP_EXPIRED),
            entry("stripe-neg-tampered", Reason.SIGNATURE_MISMATCH),
            entry("stripe-neg-wrong-secret", Reason.SIGNATURE_MISMATCH),
            entry("stripe-neg-t-changed", Reason.SIGNATURE_MISMATCH),
            entry("stripe-neg-v0-only", Reason.SIGNATURE_MISMATCH),
            entry("shopify-neg-hex-encoding", Reason.MALFORMED_SIGNATURE),
            entry("shopify-neg-tampered", Reason.SIGNATURE_MISMATCH),
            entry("shopify-neg-wrong-secret", Reason.SIGNATURE_MISMATCH),
            entry("twilio-neg-tampered-param", Reason.SIGNATURE_MISMATCH),
            entry("twilio-neg-url-query-changed", Reason.SIGNATURE_MISMATCH),
            entry("twilio-neg-wrong-token", Reason.SIGNATURE_MISMATCH),
            entry("twilio-neg-json-body-tampered", Reason.SIGNATURE_MISMATCH),
            entry("pagerduty-v3-neg-mismatch", Reason.SIGNATURE_MISMATCH),
            entry("pagerduty-v3-neg-tampered", Reason.SIGNATURE_MISMATCH),
            entry("pagerduty-v3-neg-v2-prefix", Reason.SIGNATURE_MISMATCH),
            entry("discord-neg-tampered", Reason.SIGNATURE_MISMATCH),
            entry("discord-neg-timestamp-changed", Reason.SIGNATURE_MISMATCH),
            entry("discord-neg-flipped-bit", Reason.SIGNATURE_MISMATCH),
            entry("grafana-neg-timestamp-ignored", Reason.SIGNATURE_MISMATCH),
            entry("sentry-neg-reserialized-json", Reason.SIGNATURE_MISMATCH),
            entry("signalfx-neg-hex", Reason.MALFORMED_SIGNATURE),
            entry("bitbucket-neg-sha1", Reason.MALFORMED_SIGNATURE),
            entry("gitlab-token-neg", Reason.SIGNATURE_MISMATCH),
            entry("splunk-oncall-neg-trailing-slash", Reason.SIGNATURE_MISMATCH),
            entry("sns-neg-tampered-message", Reason.SIGNATURE_MISMATCH),
            entry("sns-neg-untrusted-cert-host", Reason.SIGNATURE_MISMATCH),
            entry("sns-neg-unknown-signature-version", Reason.MALFORMED_SIGNATURE));

    /** The test certificate is valid from 2026-11-22; the SNS vectors are checked after that, timestamps ignored. */
    static final Instant SNS_CHECKED_AT = Instant.parse("2027-01-01T00:00:00Z");

    static Stream<Vectors.Vector> vectors() {
        return SCHEME_IDS.keySet().stream().sorted().flatMap(Vectors::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorVerifiesAsExpected(Vectors.Vector v) {
        VerificationResult result = verify(v);
        if (v.valid()) {
            assertThat(result.isValid()).as(v.id() + " " + result).isTrue();
        } else {
            assertThat(NEGATIVE_REASONS).as("expected reason listed for " + v.id()).containsKey(v.id());
            assertThat(result.failure()).as(v.id()).contains(NEGATIVE_REASONS.get(v.id()));
        }
    }

    @Test
    void everyNegativeVectorHasAnExpectedReason() {
        assertThat(vectors().filter(v -> !v.valid()).map(Vectors.Vector::id)).containsExactlyInAnyOrderElementsOf(NEGATIVE_REASONS.keySet());
    }

    @Test
    void githubIgnoresTheLegacySha1Header() {
        Vectors.Vector v = Vectors.byId("github-sha1-legacy");
        assertThat(Schemes.github().verify(v.request(), SecretSet.ofValues(v.secret())).failure()).contains(Reason.MISSING_SIGNATURE);
    }

    static VerificationResult verify(Vectors.Vector v) {
        String id = SCHEME_IDS.get(v.text("scheme"));
        return switch (id) {
            case "sns" -> snsScheme(v).verify(v.request().toBuilder().receivedAt(SNS_CHECKED_AT).build(), SecretSet.empty());
            case "discord" -> Schemes.discord().verify(v.request(), SecretSet.ofValues(v.text("public_key_hex")));
            case "grafana" -> grafana(v).verify(v.request(), SecretSet.ofValues(v.secret()));
            default -> Schemes.byId(id).verify(v.request(), SecretSet.ofValues(v.secret()));
        };
    }

    static SignatureScheme snsScheme(Vectors.Vector v) {
        byte[] pem = v.text("signing_cert_pem").getBytes(StandardCharsets.US_ASCII);
        SnsCertificateSource source = SnsCertificateSource.fixed(HttpsSnsCertificateSource.parse(pem, URI.create("test:cert")));
        return Schemes.sns(SchemeOptions.builder().snsCertificateSource(source).timestampPolicy(TimestampPolicy.ignore()).build());
    }

    /** A Grafana receiver configured with a timestamp header when the vector was signed with one. */
    static SignatureScheme grafana(Vectors.Vector v) {
        if (!v.json().has("timestamp")) {
            return Schemes.grafana();
        }
        return Schemes.grafana(SchemeOptions.builder().timestampHeader("X-Grafana-Alerting-Signature-Timestamp").build());
    }

    @Test
    void vectorRequestsCarryTheirUrl() {
        WebhookRequest r = Vectors.byId("twilio-form-docs").request();
        assertThat(r.url()).isEqualTo("https://mycompany.com/myapp.php?foo=1&bar=2");
        assertThat(r.formParameters()).containsKeys("CallSid", "Digits");
    }
}
