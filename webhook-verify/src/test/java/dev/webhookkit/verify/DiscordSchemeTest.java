package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.discord();
    }

    @Override
    String signingSecret(int n) {
        return TestKeys.hex(TestKeys.rawPrivate(n));
    }

    @Override
    String verifyingSecret(int n) {
        return TestKeys.hex(TestKeys.rawPublic(n));
    }

    @Override
    boolean timestamped() {
        return true;
    }

    @Override
    String signatureHeader() {
        return "X-Signature-Ed25519";
    }

    @Override
    String timestampHeader() {
        return "X-Signature-Timestamp";
    }

    @Test
    void reproducesTheVectorSignatureFromTheRfc8032Seed() {
        Vectors.Vector v = Vectors.byId("discord-ed25519-computed");
        SigningInput input = new SigningInput("m", Instant.ofEpochSecond(Long.parseLong(v.text("timestamp"))),
                v.payload(), "", Map.of());
        Headers signed = scheme().sign(input, SecretSet.ofValues(v.secret()));
        assertThat(signed.first("X-Signature-Ed25519")).contains(v.text("header_value"));
        assertThat(signed.first("X-Signature-Timestamp")).contains(v.text("timestamp"));
    }

    @Test
    void thePrivateKeyDoesNotVerify() {
        Vectors.Vector v = Vectors.byId("discord-ed25519-computed");
        assertThat(scheme().verify(v.request(), SecretSet.ofValues(v.secret())).failure()).contains(Reason.SIGNATURE_MISMATCH);
        assertThat(scheme().verify(v.request(), SecretSet.ofValues(v.text("public_key_hex"))).isValid()).isTrue();
    }

    @Test
    void aSecretThatIsNotAKeyNeverMatchesButDoesNotThrow() {
        Vectors.Vector v = Vectors.byId("discord-ed25519-computed");
        assertThat(scheme().verify(v.request(), SecretSet.ofValues("not hex at all", "abcd")).failure())
                .contains(Reason.SIGNATURE_MISMATCH);
    }
}
