package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StandardWebhooksSchemeTest extends SchemeContract {
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Override
    SignatureScheme scheme() {
        return Schemes.standardWebhooks();
    }

    @Override
    String signedId() {
        return "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    }

    @Override
    String signingSecret(int n) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (n * 31 + i);
        }
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    @Override
    boolean timestamped() {
        return true;
    }

    @Override
    boolean multiSignature() {
        return true;
    }

    @Override
    String signatureHeader() {
        return "webhook-signature";
    }

    @Override
    String timestampHeader() {
        return "webhook-timestamp";
    }

    static Stream<Vectors.Vector> vectors() {
        return Vectors.of("standard-webhooks-v1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void matchesTheSharedVectors(Vectors.Vector v) {
        VerificationResult result = scheme().verify(v.request(), SecretSet.ofValues(v.secret()));
        assertThat(result.isValid()).as(v.id()).isEqualTo(v.valid());
    }

    @Test
    void reproducesTheSpecExampleSignature() {
        SigningInput input = new SigningInput("msg_p5jXN8AQM9LWM0D4loKWxJek", Instant.ofEpochSecond(1614265330),
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), "", java.util.Map.of());
        Headers signed = scheme().sign(input, SecretSet.ofValues(SPEC_SECRET));
        assertThat(signed.first("webhook-signature")).contains("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(signed.first("webhook-id")).contains("msg_p5jXN8AQM9LWM0D4loKWxJek");
        assertThat(signed.first("webhook-timestamp")).contains("1614265330");
    }

    @Test
    void failureReasonsOfTheNegativeVectors() {
        assertThat(reason("standardwebhooks-neg-stale")).isEqualTo(Reason.TIMESTAMP_EXPIRED);
        assertThat(reason("standardwebhooks-neg-tampered-body")).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(reason("standardwebhooks-neg-unknown-version")).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(reason("standardwebhooks-neg-comma-separated-list")).isEqualTo(Reason.MALFORMED_SIGNATURE);
        assertThat(reason("standardwebhooks-neg-secret-not-base64-decoded")).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    private Reason reason(String vectorId) {
        Vectors.Vector v = Vectors.byId(vectorId);
        return scheme().verify(v.request(), SecretSet.ofValues(v.secret())).failure().orElseThrow();
    }

    @Test
    void aSecretWithoutTheWhsecPrefixIsBase64DecodedWhole() {
        Vectors.Vector v = Vectors.byId("standardwebhooks-v1-spec");
        String bare = SPEC_SECRET.substring("whsec_".length());
        assertThat(scheme().verify(v.request(), SecretSet.ofValues(bare)).isValid()).isTrue();
    }

    @Test
    void aSecretThatIsNotBase64NeverMatchesButDoesNotThrow() {
        Vectors.Vector v = Vectors.byId("standardwebhooks-v1-spec");
        SecretSet ring = SecretSet.of(Secret.of("broken", "whsec_not base64!"), Secret.of("good", SPEC_SECRET));
        assertThat(scheme().verify(v.request(), ring)).matches(r -> r.matchedKeyId().orElseThrow().equals("good"));
    }

    @Test
    void missingMessageIdIsMalformed() {
        Vectors.Vector v = Vectors.byId("standardwebhooks-v1-spec");
        WebhookRequest request = v.request().toBuilder().headers(v.headers().toBuilder().remove("webhook-id").build()).build();
        assertThat(scheme().verify(request, SecretSet.ofValues(SPEC_SECRET)).failure()).contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void svixHeadersAreNotStandardWebhooksHeaders() {
        Vectors.Vector svix = Vectors.byId("svix-v1-spec");
        assertThat(scheme().verify(svix.request(), SecretSet.ofValues(SPEC_SECRET)).failure()).contains(Reason.MISSING_SIGNATURE);
    }

    @Test
    void futureToleranceIsSeparateFromPastTolerance() {
        SignatureScheme strictFuture = Schemes.standardWebhooks(SchemeOptions.builder()
                .timestampPolicy(TimestampPolicy.of(java.time.Duration.ofMinutes(10), java.time.Duration.ofSeconds(30))).build());
        Headers signed = strictFuture.sign(input(body()), signingSet(1));
        assertThat(strictFuture.verify(request(signed, body(), SIGNED_AT.plusSeconds(540)), verifyingSet(1)).isValid()).isTrue();
        assertThat(strictFuture.verify(request(signed, body(), SIGNED_AT.minusSeconds(31)), verifyingSet(1)).failure())
                .contains(Reason.TIMESTAMP_EXPIRED);
        assertThat(strictFuture.verify(request(signed, body(), SIGNED_AT.minusSeconds(30)), verifyingSet(1)).isValid()).isTrue();
    }
}
