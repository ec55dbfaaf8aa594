package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacSha256SchemeTest extends SchemeContract {
    // hex HMAC-SHA256("It's a Secret to Everybody", "Hello, World!"), GitHub's documented example
    static final String HELLO_SIGNATURE = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    static final String SECRET = "It's a Secret to Everybody";

    @Override
    SignatureScheme scheme() {
        return Schemes.hmacSha256();
    }

    @Override
    String signatureHeader() {
        return "X-Webhook-Signature";
    }

    @Test
    void verifiesTheKnownAnswerInTheDefaultHeader() {
        Headers headers = Headers.of("X-Webhook-Signature", "sha256=" + HELLO_SIGNATURE);
        assertThat(WebhookVerifier.verify("hmac-sha256", SECRET, HELLO, headers)).isEqualTo(VerificationResult.valid("default"));
    }

    @Test
    void acceptsUpperCaseHex() {
        Headers headers = Headers.of("X-Webhook-Signature", "sha256=" + HELLO_SIGNATURE.toUpperCase(java.util.Locale.ROOT));
        assertThat(WebhookVerifier.verify("hmac-sha256", SECRET, HELLO, headers).isValid()).isTrue();
    }

    @Test
    void rejectsBareHexWhenAPrefixIsConfigured() {
        Headers headers = Headers.of("X-Webhook-Signature", HELLO_SIGNATURE);
        assertThat(WebhookVerifier.verify("hmac-sha256", SECRET, HELLO, headers).failure()).contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void rejectsASignatureOfTheWrongLengthAsMalformed() {
        Headers headers = Headers.of("X-Webhook-Signature", "sha256=01dc10d0c83e72ed246219cdd91669667fe2ca59");
        assertThat(WebhookVerifier.verify("hmac-sha256", SECRET, HELLO, headers).failure()).contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void ignoresXSignatureUnlessAsked() {
        Headers headers = Headers.of("X-Signature", "sha256=" + HELLO_SIGNATURE);
        assertThat(WebhookVerifier.verify("hmac-sha256", SECRET, HELLO, headers).failure()).contains(Reason.MISSING_SIGNATURE);

        SignatureScheme lenient = Schemes.hmacSha256(SchemeOptions.builder().acceptHeader("X-Signature").build());
        assertThat(lenient.verify(WebhookRequest.post(HELLO, headers), SecretSet.ofValues(SECRET)).isValid()).isTrue();
    }

    @Test
    void headerPrefixAndEncodingAreConfigurable() {
        SignatureScheme agnoxStyle = Schemes.hmacSha256(SchemeOptions.builder()
                .signatureHeader("x-agnox-signature").prefix("").encoding(SignatureEncoding.BASE64).build());
        Headers signed = agnoxStyle.sign(input(HELLO), SecretSet.ofValues(SECRET));
        assertThat(signed.first("X-Agnox-Signature")).contains("dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc=");
        assertThat(agnoxStyle.verify(WebhookRequest.post(HELLO, signed), SecretSet.ofValues(SECRET)).isValid()).isTrue();
        assertThat(scheme().verify(WebhookRequest.post(HELLO, signed), SecretSet.ofValues(SECRET)).failure())
                .contains(Reason.MISSING_SIGNATURE);
    }

    @Test
    void signsWithTheSha256PrefixAndLowerCaseHex() {
        Headers signed = scheme().sign(input(HELLO), SecretSet.ofValues(SECRET));
        assertThat(signed.toMap()).containsOnlyKeys("X-Webhook-Signature");
        assertThat(signed.first("X-Webhook-Signature")).contains("sha256=" + HELLO_SIGNATURE);
    }

    @Test
    void aSecretThatIsNotUtf8SafeStillVerifies() {
        String secret = "p\u00e4ss\u2603w\u00f6rd";
        Headers signed = scheme().sign(input(HELLO), SecretSet.ofValues(secret));
        assertThat(WebhookVerifier.verify("hmac-sha256", secret, HELLO, signed).isValid()).isTrue();
    }
}
