package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.WebhookRequest;
import org.junit.jupiter.api.Test;

class StripeSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.stripe();
    }

    @Override
    String signingSecret(int n) {
        return "whsec_test_contract" + n;
    }

    @Override
    String signatureHeader() {
        return "Stripe-Signature";
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
    boolean separateTimestampHeader() {
        return false;
    }

    @Test
    void signsTheDocumentedHeaderLayout() {
        Headers signed = scheme().sign(input(body()), signingSet(1));
        assertThat(signed.first("Stripe-Signature").orElseThrow())
                .matches("t=" + SIGNED_AT.getEpochSecond() + ",v1=[0-9a-f]{64}");
    }

    @Test
    void aHeaderWithoutTimestampIsMissingTimestamp() {
        Headers signed = scheme().sign(input(body()), signingSet(1));
        String withoutT = signed.first("Stripe-Signature").orElseThrow().replaceFirst("t=\\d+,", "");
        WebhookRequest request = request(Headers.of("Stripe-Signature", withoutT), body(), SIGNED_AT);
        assertThat(scheme().verify(request, verifyingSet(1)).failure()).contains(Reason.MISSING_TIMESTAMP);
    }

    @Test
    void aNonNumericTimestampIsMalformed() {
        WebhookRequest request = request(Headers.of("Stripe-Signature", "t=soon,v1=" + "ab".repeat(32)), body(), SIGNED_AT);
        assertThat(scheme().verify(request, verifyingSet(1)).failure()).contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void theSecretIsUsedAsTextNotBase64Decoded() {
        Vectors.Vector v = Vectors.byId("stripe-v1-computed");
        assertThat(scheme().verify(v.request(), SecretSet.ofValues(v.secret())).isValid()).isTrue();
    }
}
