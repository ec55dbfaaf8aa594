package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with the peers' own Java libraries, in both directions: what webhookkit signs
 * they verify, and what they sign webhookkit verifies. The peers check timestamps against the
 * wall clock, so these messages are signed "now".
 */
class InteropTest {
    static final String PAYLOAD = "{\"type\":\"invoice.paid\",\"data\":{\"customer\":\"Zo\u00eb\",\"amount\":4200,\"note\":\"\u2603\"}}";
    static final byte[] BODY = PAYLOAD.getBytes(StandardCharsets.UTF_8);
    static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OTHER_WHSEC = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    static Map<String, List<String>> asMap(Headers headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.toMap().forEach(map::put);
        return map;
    }

    static WebhookRequest received(Headers headers, Instant at) {
        return WebhookRequest.builder().body(BODY).headers(headers).receivedAt(at).build();
    }

    @Nested
    class StandardWebhooksReferenceLibrary {
        final SignatureScheme scheme = Schemes.standardWebhooks();

        @Test
        void verifiesWhatWeSign() throws Exception {
            Instant now = Instant.now();
            Headers signed = scheme.sign(SigningInput.of("msg_interop_1", now, BODY, ""), SecretSet.ofValues(WHSEC));
            new com.standardwebhooks.Webhook(WHSEC).verify(PAYLOAD, asMap(signed));
        }

        @Test
        void verifiesOurRotationHeaderWithEitherSecret() throws Exception {
            Instant now = Instant.now();
            Headers signed = scheme.sign(SigningInput.of("msg_interop_2", now, BODY, ""), SecretSet.ofValues(OTHER_WHSEC, WHSEC));
            new com.standardwebhooks.Webhook(WHSEC).verify(PAYLOAD, asMap(signed));
            new com.standardwebhooks.Webhook(OTHER_WHSEC).verify(PAYLOAD, asMap(signed));
        }

        @Test
        void rejectsWhatWeSignWithAnotherSecret() {
            Headers signed = scheme.sign(SigningInput.of("msg_interop_3", Instant.now(), BODY, ""), SecretSet.ofValues(OTHER_WHSEC));
            assertThatThrownBy(() -> new com.standardwebhooks.Webhook(WHSEC).verify(PAYLOAD, asMap(signed)))
                    .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
        }

        @Test
        void weVerifyWhatItSigns() throws Exception {
            long ts = Instant.now().getEpochSecond();
            String signature = new com.standardwebhooks.Webhook(WHSEC).sign("msg_interop_4", ts, PAYLOAD);
            Headers headers = Headers.of("webhook-id", "msg_interop_4", "webhook-timestamp", Long.toString(ts), "webhook-signature", signature);
            assertThat(scheme.verify(received(headers, Instant.ofEpochSecond(ts)), SecretSet.ofValues(WHSEC)))
                    .isEqualTo(VerificationResult.valid("default", "msg_interop_4"));
        }
    }

    @Nested
    class SvixLibrary {
        final SignatureScheme scheme = Schemes.svix();

        @Test
        void verifiesWhatWeSign() throws Exception {
            Headers signed = scheme.sign(SigningInput.of("msg_svix_1", Instant.now(), BODY, ""), SecretSet.ofValues(OTHER_WHSEC, WHSEC));
            assertThat(signed.names()).containsExactly("svix-id", "svix-timestamp", "svix-signature");
            new com.svix.Webhook(WHSEC).verify(PAYLOAD, asMap(signed));
        }

        @Test
        void verifiesOurUnbrandedStandardWebhooksHeadersToo() throws Exception {
            Headers signed = Schemes.standardWebhooks().sign(SigningInput.of("msg_svix_2", Instant.now(), BODY, ""), SecretSet.ofValues(WHSEC));
            new com.svix.Webhook(WHSEC).verify(PAYLOAD, asMap(signed));
        }

        @Test
        void rejectsATamperedBodyWeSigned() {
            Headers signed = scheme.sign(SigningInput.of("msg_svix_3", Instant.now(), BODY, ""), SecretSet.ofValues(WHSEC));
            assertThatThrownBy(() -> new com.svix.Webhook(WHSEC).verify(PAYLOAD.replace("4200", "4201"), asMap(signed)))
                    .isInstanceOf(com.svix.exceptions.WebhookVerificationException.class);
        }

        @Test
        void weVerifyWhatItSigns() throws Exception {
            long ts = Instant.now().getEpochSecond();
            String signature = new com.svix.Webhook(WHSEC).sign("msg_svix_4", ts, PAYLOAD);
            Headers headers = Headers.of("svix-id", "msg_svix_4", "svix-timestamp", Long.toString(ts), "svix-signature", signature);
            assertThat(scheme.verify(received(headers, Instant.ofEpochSecond(ts)), SecretSet.ofValues(WHSEC)).isValid()).isTrue();
            assertThat(scheme.verify(received(headers, Instant.ofEpochSecond(ts)), SecretSet.ofValues(OTHER_WHSEC)).isValid()).isFalse();
        }
    }

    @Nested
    class StripeJava {
        static final String SECRET = "whsec_test_5f9b2c1d7e3a4b6c8d0e2f4a6b8c0d2e";
        static final String OLD_SECRET = "whsec_test_old0000000000000000000000000000";
        final SignatureScheme scheme = Schemes.stripe();

        @Test
        void verifiesWhatWeSignIncludingDuringRotation() throws Exception {
            Instant at = Instant.parse("2026-03-04T14:00:00Z");
            Headers signed = scheme.sign(SigningInput.of("evt_1", at, BODY, ""), SecretSet.ofValues(SECRET, OLD_SECRET));
            String header = signed.first("Stripe-Signature").orElseThrow();
            Clock clock = Clock.fixed(at.plusSeconds(30), ZoneOffset.UTC);
            assertThat(com.stripe.net.Webhook.Signature.verifyHeader(PAYLOAD, header, SECRET, 300, clock)).isTrue();
            assertThat(com.stripe.net.Webhook.Signature.verifyHeader(PAYLOAD, header, OLD_SECRET, 300, clock)).isTrue();
        }

        @Test
        void rejectsATamperedBodyWeSigned() {
            Instant at = Instant.parse("2026-03-04T14:00:00Z");
            String header = scheme.sign(SigningInput.of("evt_2", at, BODY, ""), SecretSet.ofValues(SECRET)).first("Stripe-Signature").orElseThrow();
            Clock clock = Clock.fixed(at, ZoneOffset.UTC);
            assertThatThrownBy(() -> com.stripe.net.Webhook.Signature.verifyHeader(PAYLOAD + " ", header, SECRET, 300, clock))
                    .isInstanceOf(com.stripe.exception.SignatureVerificationException.class);
        }

        @Test
        void weVerifyWhatItSigns() throws Exception {
            long ts = 1_772_700_000L;
            String v1 = com.stripe.net.Webhook.Util.computeHmacSha256(SECRET, ts + "." + PAYLOAD);
            Headers headers = Headers.of("Stripe-Signature", "t=" + ts + ",v1=" + v1);
            assertThat(scheme.verify(received(headers, Instant.ofEpochSecond(ts + 10)), SecretSet.ofValues(SECRET)))
                    .isEqualTo(VerificationResult.valid("default"));
        }

        @Test
        void weVerifyItsGeneratedTestHeader() throws Exception {
            String header = com.stripe.net.Webhook.Signature.generateSignatureHeader(PAYLOAD, SECRET);
            long ts = Long.parseLong(header.substring(2, header.indexOf(',')));
            assertThat(scheme.verify(received(Headers.of("Stripe-Signature", header), Instant.ofEpochSecond(ts)),
                    SecretSet.ofValues(SECRET)).isValid()).isTrue();
        }
    }
}
