package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Specifics of the schemes that send a shared secret instead of a signature. */
class TokenSchemesTest {
    static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void basicAuthMatchesTheRfc7617Example() {
        Headers headers = Headers.of("Authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(WebhookVerifier.verify("basic-auth", "Aladdin:open sesame", BODY, headers)).isEqualTo(VerificationResult.valid("default"));
        assertThat(WebhookVerifier.verify("basic-auth", "Aladdin:open sesamE", BODY, headers).failure()).contains(Reason.SIGNATURE_MISMATCH);
        assertThat(Schemes.basicAuth().sign(SigningInput.of("m", Instant.EPOCH, BODY, ""), SecretSet.ofValues("Aladdin:open sesame")))
                .isEqualTo(headers);
    }

    @Test
    void basicAuthRejectsOtherAuthorizationForms() {
        assertThat(WebhookVerifier.verify("basic-auth", "a:b", BODY, Headers.of("Authorization", "Bearer a:b")).failure())
                .contains(Reason.MALFORMED_SIGNATURE);
        assertThat(WebhookVerifier.verify("basic-auth", "a:b", BODY, Headers.of("Authorization", "Basic !!!")).failure())
                .contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void bearerSchemeNameIsCaseInsensitive() {
        assertThat(WebhookVerifier.verify("bearer-token", "tok-1", BODY, Headers.of("Authorization", "bearer tok-1")).isValid()).isTrue();
        assertThat(WebhookVerifier.verify("bearer-token", "tok-1", BODY, Headers.of("Authorization", "Bearer tok-2")).failure())
                .contains(Reason.SIGNATURE_MISMATCH);
        assertThat(WebhookVerifier.verify("bearer-token", "tok-1", BODY, Headers.of("Authorization", "Bearer ")).failure())
                .contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void tokensDifferingOnlyInCaseOrLengthDoNotMatch() {
        Headers gitlab = Headers.of("X-Gitlab-Token", "gl-token-Zr8Q");
        assertThat(WebhookVerifier.verify("gitlab", "gl-token-Zr8q", BODY, gitlab).failure()).contains(Reason.SIGNATURE_MISMATCH);
        assertThat(WebhookVerifier.verify("gitlab", "gl-token-Zr8", BODY, gitlab).failure()).contains(Reason.SIGNATURE_MISMATCH);
        assertThat(WebhookVerifier.verify("gitlab", "gl-token-Zr8Q", BODY, gitlab).isValid()).isTrue();
    }

    @Test
    void sharedSecretHeaderIsConfigurable() {
        SignatureScheme moxxy = Schemes.sharedSecret(SchemeOptions.builder().signatureHeader("X-Moxxy-Secret").build());
        Headers headers = Headers.of("X-Moxxy-Secret", "s3cret");
        assertThat(moxxy.verify(dev.webhookkit.core.WebhookRequest.post(BODY, headers), SecretSet.ofValues("s3cret")).isValid()).isTrue();
        assertThat(WebhookVerifier.verify("shared-secret", "s3cret", BODY, headers).failure()).contains(Reason.MISSING_SIGNATURE);
    }

    @Test
    void honeycombDocumentedToken() {
        Vectors.Vector v = Vectors.byId("honeycomb-token");
        assertThat(Schemes.honeycomb().verify(v.request(), SecretSet.ofValues("would you like to play a game")).isValid()).isTrue();
    }

    @Test
    void tokenSchemesNameEveryHeaderTheyReadTheSecretFrom() {
        assertThat(Schemes.gitlab().secretHeaders()).containsExactly("x-gitlab-token");
        assertThat(Schemes.bearerToken().secretHeaders()).containsExactly("authorization");
        assertThat(Schemes.sharedSecret(SchemeOptions.builder().signatureHeader("X-Moxxy-Secret").acceptHeader("X-Legacy-Secret").build())
                .secretHeaders()).containsExactly("x-moxxy-secret", "x-legacy-secret");
        assertThat(Schemes.telegram().secretHeaders()).containsExactly("x-telegram-bot-api-secret-token");
        assertThat(Schemes.github().secretHeaders()).as("an HMAC signature is not a secret").isEmpty();
    }

    @Test
    void telegramSecretTokenHeaderCarriesTheSecretVerbatim() {
        // As Telegram sends it: the secret_token given to setWebhook, in its own header, nothing else.
        Headers headers = Headers.of("X-Telegram-Bot-Api-Secret-Token", "My_bot-Secret_42");
        assertThat(WebhookVerifier.verify("telegram", "My_bot-Secret_42", BODY, headers).isValid()).isTrue();
        assertThat(WebhookVerifier.verify("telegram", "My_bot-Secret_4", BODY, headers).failure()).contains(Reason.SIGNATURE_MISMATCH);
        assertThat(WebhookVerifier.verify("telegram", "My_bot-Secret_42", BODY, Headers.of("X-Webhook-Secret", "My_bot-Secret_42"))
                .failure()).contains(Reason.MISSING_SIGNATURE);
        assertThat(Schemes.telegram().sign(SigningInput.of("m", Instant.EPOCH, BODY, ""), SecretSet.ofValues("My_bot-Secret_42")))
                .isEqualTo(headers);
    }
}
