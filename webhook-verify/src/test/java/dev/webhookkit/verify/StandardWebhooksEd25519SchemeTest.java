package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandardWebhooksEd25519SchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.standardWebhooksEd25519();
    }

    @Override
    String signedId() {
        return "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    }

    @Override
    String signingSecret(int n) {
        return "whsk_" + Base64.getEncoder().encodeToString(TestKeys.rawPrivate(n));
    }

    @Override
    String verifyingSecret(int n) {
        return "whpk_" + Base64.getEncoder().encodeToString(TestKeys.rawPublic(n));
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

    @Test
    void signaturesAreV1aEntries() {
        Headers signed = scheme().sign(input(body()), signingSet(1));
        assertThat(signed.first("webhook-signature").orElseThrow()).matches("v1a,[A-Za-z0-9+/]{86}==");
    }

    @Test
    void symmetricV1EntriesAreNotAcceptedByTheAsymmetricScheme() {
        String hmacSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        Headers signed = Schemes.standardWebhooks().sign(input(body()), SecretSet.ofValues(hmacSecret));
        assertThat(scheme().verify(request(signed, body(), SIGNED_AT), verifyingSet(1)).failure()).contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void keysWithoutPrefixAndSixtyFourBytePrivateKeysWork() {
        byte[] full = new byte[64];
        System.arraycopy(TestKeys.rawPrivate(1), 0, full, 0, 32);
        System.arraycopy(TestKeys.rawPublic(1), 0, full, 32, 32);
        Headers signed = scheme().sign(input(body()), SecretSet.ofValues("whsk_" + Base64.getEncoder().encodeToString(full)));
        String barePublic = Base64.getEncoder().encodeToString(TestKeys.rawPublic(1));
        assertThat(scheme().verify(request(signed, body(), SIGNED_AT), SecretSet.ofValues(barePublic)).isValid()).isTrue();
    }
}
