package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    static final byte[] BODY = "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void verifiesAGithubDeliveryInOneCall() {
        Vectors.Vector v = Vectors.byId("github-sha256-docs");
        assertThat(WebhookVerifier.verify("github", v.secret(), v.payload(), v.headers())).isEqualTo(VerificationResult.valid("default"));
    }

    @Test
    void aReSerializedBodyNoLongerVerifies() {
        Vectors.Vector v = Vectors.byId("sentry-hook-signature");
        assertThat(WebhookVerifier.verify("sentry", v.secret(), v.payload(), v.headers()).isValid()).isTrue();
        byte[] compact = Vectors.byId("sentry-neg-reserialized-json").payload();
        assertThat(WebhookVerifier.verify("sentry", v.secret(), compact, v.headers()).failure()).contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void timestampedSchemesMeasureFromNowWithByteArrayOverloads() {
        SigningInput fresh = SigningInput.of("msg_1", Instant.now(), BODY, "");
        SigningInput old = SigningInput.of("msg_1", Instant.now().minus(Duration.ofMinutes(10)), BODY, "");
        SecretSet secrets = SecretSet.ofValues("whsec_c2VjcmV0LWJ5dGVzLWZvci10ZXN0cw==");
        Headers freshHeaders = Schemes.standardWebhooks().sign(fresh, secrets);
        Headers oldHeaders = Schemes.standardWebhooks().sign(old, secrets);
        assertThat(WebhookVerifier.verify("standard-webhooks", secrets, BODY, freshHeaders).isValid()).isTrue();
        assertThat(WebhookVerifier.verify("standard-webhooks", secrets, BODY, oldHeaders).failure()).contains(Reason.TIMESTAMP_EXPIRED);
    }

    @Test
    void aCapturedRequestVerifiesAtItsReceivedTime() {
        Vectors.Vector v = Vectors.byId("slack-v0-docs");
        WebhookRequest captured = v.request();
        assertThat(WebhookVerifier.verify("slack", v.secret(), captured).isValid()).isTrue();
        WebhookRequest late = captured.toBuilder().receivedAt(captured.receivedAt().plus(Duration.ofHours(1))).build();
        assertThat(WebhookVerifier.verify("slack", v.secret(), late).failure()).contains(Reason.TIMESTAMP_EXPIRED);
    }

    @Test
    void reportsWhichSecretOfTheRingMatched() {
        Vectors.Vector v = Vectors.byId("github-sha256-docs");
        SecretSet ring = SecretSet.of(Secret.of("2026-11", "new secret"), Secret.of("2026-05", v.secret()));
        assertThat(WebhookVerifier.verify("github", ring, v.payload(), v.headers()).matchedKeyId()).contains("2026-05");
    }

    @Test
    void unknownSchemeIsAConfigurationError() {
        assertThatThrownBy(() -> WebhookVerifier.verify("nope", "s", BODY, Headers.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("hmac-sha256");
    }
}
