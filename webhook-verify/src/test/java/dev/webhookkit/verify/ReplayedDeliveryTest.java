package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A captured, validly signed delivery replayed with unsigned id headers added or changed must not
 * reach the handler again, for every scheme: the dedup key is the id the signature covers, else the
 * body hash, never a header an attacker can rewrite.
 */
class ReplayedDeliveryTest {
    static final Instant SIGNED_AT = Instant.parse("2026-03-04T14:00:00Z");
    static final String URL = "https://hooks.example.com/webhooks/orders";
    static final byte[] BODY = "{\"event\":\"order.created\",\"data\":{\"id\":42}}".getBytes(StandardCharsets.UTF_8);
    /** Headers receivers have been known to dedup on; unsigned in every scheme that does not sign them. */
    static final List<String> ID_HEADERS = List.of("webhook-id", "X-Webhook-Id", "X-Shopify-Webhook-Id", "X-GitHub-Delivery", "svix-id");
    /** The schemes whose signature covers a delivery id (SNS's is MessageId in the signed JSON). */
    static final java.util.Set<String> SIGNING_IDS = java.util.Set.of("standard-webhooks", "standard-webhooks-ed25519", "svix", "sns");

    @BeforeAll
    static void loadSnsKey() throws Exception {
        SnsSchemeTest.loadTestKey();
    }

    static Stream<String> schemes() {
        // Every built-in scheme; the test class path also registers TestSchemeProvider's test-scheme.
        List<String> builtIn = dev.webhookkit.verify.internal.BuiltInSchemes.all().stream().map(SchemeDescriptor::id).toList();
        assertThat(builtIn).hasSize(24);
        assertThat(Schemes.ids()).containsAll(builtIn);
        return builtIn.stream();
    }

    /** A scheme's instance, its signing and verifying secrets, and a valid signed request. */
    record Delivery(SignatureScheme scheme, SecretSet verifying, WebhookRequest request) {
    }

    static Delivery delivery(String id, String messageId) throws Exception {
        if (id.equals("sns")) {
            SignatureScheme sns = Schemes.sns(SchemeOptions.builder()
                    .snsCertificateSource(SnsCertificateSource.fixed(SnsSchemeTest.certificate)).build());
            ObjectNode m = SnsSchemeTest.notification("2").put("MessageId", messageId);
            return new Delivery(sns, SecretSet.empty(), SnsSchemeTest.request(SnsSchemeTest.signed(m), SnsSchemeTest.SENT));
        }
        SignatureScheme scheme = Schemes.byId(id);
        String signing;
        String verifying;
        switch (id) {
            case "standard-webhooks", "svix" -> signing = verifying = SigningKeys.newSecret();
            case "standard-webhooks-ed25519" -> {
                signing = "whsk_" + java.util.Base64.getEncoder().encodeToString(TestKeys.rawPrivate(1));
                verifying = "whpk_" + java.util.Base64.getEncoder().encodeToString(TestKeys.rawPublic(1));
            }
            case "discord" -> {
                signing = TestKeys.hex(TestKeys.rawPrivate(1));
                verifying = TestKeys.hex(TestKeys.rawPublic(1));
            }
            case "basic-auth" -> signing = verifying = "hook-user:replay-password";
            default -> signing = verifying = "replay-secret-" + id;
        }
        Headers signed = scheme.sign(new SigningInput(messageId, SIGNED_AT, BODY, URL, Map.of()), SecretSet.ofValues(signing));
        WebhookRequest request = WebhookRequest.builder().body(BODY).url(URL).headers(signed)
                .header("Content-Type", "application/json").receivedAt(SIGNED_AT.plusSeconds(1)).build();
        return new Delivery(scheme, SecretSet.of(Secret.of(verifying)), request);
    }

    final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();

    WebhookReceiver receiver(Delivery d) {
        return WebhookReceiver.builder().endpoint(Endpoint.builder("replayed").verifier(d.scheme()).secrets(d.verifying())
                .handler(EventHandler.of(handled::add)).build()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void aReplayWithUnsignedIdHeadersAddedOrChangedIsNotHandledAgain(String id) throws Exception {
        Delivery d = delivery(id, "msg_replay_1");
        try (WebhookReceiver receiver = receiver(d)) {
            assertThat(receiver.receive("replayed", d.request()).reason()).isEqualTo(Reason.PROCESSED);

            Headers.Builder added = d.request().headers().toBuilder();
            Headers.Builder changed = d.request().headers().toBuilder();
            for (int i = 0; i < ID_HEADERS.size(); i++) {
                String header = ID_HEADERS.get(i);
                added.add(header, "forged-added-" + i);
                if (d.request().headers().first(header).isEmpty()) {
                    changed.set(header, "forged-changed-" + i); // a header the sender did not send, so not signed
                }
            }
            for (Headers forged : List.of(added.build(), changed.build())) {
                ReceiveResult replay = receiver.receive("replayed", d.request().toBuilder().headers(forged).build());
                assertThat(replay.reason()).as("replay with %s", forged).isEqualTo(Reason.DUPLICATE);
            }
            assertThat(handled).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void reportsTheDeliveryIdOnlyWhenTheSignatureCoversIt(String id) throws Exception {
        Delivery d = delivery(id, "msg_replay_1");
        assertThat(d.scheme().verify(d.request(), d.verifying()).authenticatedId())
                .isEqualTo(SIGNING_IDS.contains(id) ? java.util.Optional.of("msg_replay_1") : java.util.Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void changingASignedIdHeaderBreaksTheSignature(String id) throws Exception {
        Delivery d = delivery(id, "msg_replay_1");
        org.junit.jupiter.api.Assumptions.assumeTrue(SIGNING_IDS.contains(id) && !id.equals("sns"), "no id header is signed");
        String prefix = id.equals("svix") ? "svix" : "webhook";
        Headers forged = d.request().headers().toBuilder().set(prefix + "-id", "msg_forged").build();
        assertThat(d.scheme().verify(d.request().toBuilder().headers(forged).build(), d.verifying()).failure())
                .contains(Reason.SIGNATURE_MISMATCH);
    }

    /** Two events with the same body but distinct signed ids are two deliveries, not a duplicate. */
    @Test
    void standardWebhooksDeliveriesWithTheSameBodyButAnotherSignedIdAreBothHandled() throws Exception {
        for (String id : List.of("standard-webhooks", "standard-webhooks-ed25519", "svix")) {
            handled.clear();
            Delivery first = delivery(id, "msg_first");
            Delivery second = delivery(id, "msg_second");
            try (WebhookReceiver receiver = receiver(first)) {
                assertThat(receiver.receive("replayed", first.request()).reason()).isEqualTo(Reason.PROCESSED);
                WebhookRequest other = second.request().toBuilder()
                        .headers(resign(first, second.request().headers())).build();
                assertThat(receiver.receive("replayed", other).reason()).as(id).isEqualTo(Reason.PROCESSED);
                assertThat(receiver.receive("replayed", first.request()).reason()).isEqualTo(Reason.DUPLICATE);
            }
            assertThat(handled).as(id).hasSize(2);
        }
    }

    /** Symmetric schemes got a fresh secret per delivery: sign the second with the first one's secret. */
    private static Headers resign(Delivery first, Headers secondHeaders) {
        String prefix = first.scheme().schemeId().equals("svix") ? "svix" : "webhook";
        String messageId = secondHeaders.first(prefix + "-id").orElseThrow();
        SecretSet signing = first.scheme().schemeId().equals("standard-webhooks-ed25519")
                ? SecretSet.ofValues("whsk_" + java.util.Base64.getEncoder().encodeToString(TestKeys.rawPrivate(1)))
                : first.verifying();
        return first.scheme().sign(new SigningInput(messageId, SIGNED_AT, BODY, URL, Map.of()), signing);
    }
}
