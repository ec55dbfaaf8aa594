package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSchemeTest extends SchemeContract {
    static final String FORM = "application/x-www-form-urlencoded";

    @Override
    SignatureScheme scheme() {
        return Schemes.twilio();
    }

    @Override
    String signatureHeader() {
        return "X-Twilio-Signature";
    }

    @Override
    byte[] body() {
        return "CallSid=CA1234567890ABCDE&From=%2B14158675309&Digits=1234&Digits=99".getBytes(StandardCharsets.UTF_8);
    }

    @Override
    String contentType() {
        return FORM;
    }

    @Override
    SigningInput input(byte[] body) {
        Map<String, List<String>> params = WebhookRequest.builder().body(body).header("Content-Type", FORM).build().formParameters();
        return new SigningInput("msg-1", SIGNED_AT, body, URL, params);
    }

    @Test
    void theUrlIsPartOfTheSignature() {
        Headers signed = scheme().sign(input(body()), signingSet(1));
        WebhookRequest elsewhere = request(signed, body(), SIGNED_AT).toBuilder().url(URL.replace("tenant=7", "tenant=8")).build();
        assertThat(scheme().verify(elsewhere, verifyingSet(1)).failure()).contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void aRequestWithoutUrlCannotMatch() {
        Headers signed = scheme().sign(input(body()), signingSet(1));
        WebhookRequest noUrl = WebhookRequest.builder().body(body()).headers(signed).header("Content-Type", FORM).build();
        assertThat(scheme().verify(noUrl, verifyingSet(1)).failure()).contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void theDefaultPortMayBeAddedOrRemovedByAProxy() {
        Headers signed = scheme().sign(input(body()), signingSet(1));
        String withPort = URL.replace("hooks.example.com", "hooks.example.com:443");
        WebhookRequest viaProxy = request(signed, body(), SIGNED_AT).toBuilder().url(withPort).build();
        assertThat(scheme().verify(viaProxy, verifyingSet(1)).isValid()).isTrue();
    }

    @Test
    void signingNeedsTheTargetUrl() {
        SigningInput noUrl = new SigningInput("m", SIGNED_AT, body(), "", Map.of());
        assertThatThrownBy(() -> scheme().sign(noUrl, SecretSet.ofValues("token")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("URL");
    }

    @Test
    void reproducesTwiliosDocumentedSignature() {
        Map<String, List<String>> params = Map.of("CallSid", List.of("CA1234567890ABCDE"), "Caller", List.of("+14158675309"),
                "Digits", List.of("1234"), "From", List.of("+14158675309"), "To", List.of("+18005551212"));
        SigningInput input = new SigningInput("m", SIGNED_AT, new byte[0], "https://mycompany.com/myapp.php?foo=1&bar=2", params);
        assertThat(scheme().sign(input, SecretSet.ofValues("12345")).first("X-Twilio-Signature"))
                .contains("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }
}
