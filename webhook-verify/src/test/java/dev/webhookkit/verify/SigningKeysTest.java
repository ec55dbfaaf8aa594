package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
    static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-03-04T14:00:00Z");

    @Test
    void newSecretsAreStandardWebhooksSecretsAndDiffer() {
        String a = SigningKeys.newSecret();
        assertThat(a).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(SigningKeys.newSecret()).isNotEqualTo(a);
        Headers signed = Schemes.standardWebhooks().sign(SigningInput.of("m", NOW, BODY, ""), SecretSet.ofValues(a));
        WebhookRequest request = WebhookRequest.builder().body(BODY).headers(signed).receivedAt(NOW).build();
        assertThat(Schemes.standardWebhooks().verify(request, SecretSet.ofValues(a)).isValid()).isTrue();
    }

    @Test
    void keyPairsSignAndVerifyWithBothAsymmetricSchemes() {
        SigningKeys.Ed25519KeyPair pair = SigningKeys.newEd25519KeyPair();
        SigningInput input = SigningInput.of("m", NOW, BODY, "");

        Headers sw = Schemes.standardWebhooksEd25519().sign(input, SecretSet.ofValues(pair.standardWebhooksSecretKey()));
        WebhookRequest swRequest = WebhookRequest.builder().body(BODY).headers(sw).receivedAt(NOW).build();
        assertThat(Schemes.standardWebhooksEd25519().verify(swRequest, SecretSet.ofValues(pair.standardWebhooksPublicKey())).isValid())
                .isTrue();

        Headers discord = Schemes.discord().sign(input, SecretSet.ofValues(pair.privateKeyHex()));
        WebhookRequest discordRequest = WebhookRequest.builder().body(BODY).headers(discord).receivedAt(NOW).build();
        assertThat(Schemes.discord().verify(discordRequest, SecretSet.ofValues(pair.publicKeyHex())).isValid()).isTrue();

        assertThat(pair.toString()).contains(pair.publicKeyHex()).doesNotContain(pair.privateKeyHex());
    }

    @Test
    void urlTokensAreUrlSafe256BitValuesThatDiffer() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String token = SigningKeys.newUrlToken();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
            assertThat(seen.add(token)).as("token repeated").isTrue();
        }
    }
}
