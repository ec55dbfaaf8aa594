package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.outbound.testing.Receiver;
import dev.webhookkit.outbound.testing.Receiver.Answer;
import dev.webhookkit.verify.Schemes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The raw enqueue API for actions: exact bytes, the message's own headers, the subscription's signing, the outbox's retries. */
class DispatchEnqueueTest extends DispatcherTestSupport {
    /** Not valid UTF-8 and not JSON: the dispatcher must neither wrap nor re-encode it. */
    private static final byte[] RAW = {'p', 'a', 'y', 'l', 'o', 'a', 'd', '=', (byte) 0xff, (byte) 0xfe, 0, '%', '7', 'B'};

    @Test
    void deliversExactlyTheseBytesWithTheseHeadersSignedByTheSubscriptionsScheme() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("fwd", receiver.url());
        start();

        String id = dispatcher.enqueue("fwd", "slack.event", RAW,
                Headers.of("Content-Type", "application/x-www-form-urlencoded", "X-Slack-Team", "T123"));

        assertThat(id).startsWith("msg_");
        awaitStatus(id, DeliveryStatus.DELIVERED);
        Receiver.Received got = receiver.received().get(0);
        assertThat(got.body()).isEqualTo(RAW);
        assertThat(got.headers().all("Content-Type")).containsExactly("application/x-www-form-urlencoded");
        assertThat(got.headers().first("X-Slack-Team")).contains("T123");
        assertThat(got.headers().first("X-Webhook-Event")).contains("slack.event");
        assertThat(got.headers().first("X-Webhook-Id")).contains(id);
        assertThat(verify("hmac-sha256", got).isValid()).isTrue();
        assertThat(message(id).headers().first("X-Slack-Team")).contains("T123");
    }

    @Test
    void theCallersArrayIsCopied() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("fwd", receiver.url());
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String id;
        // Stored before any worker runs, then the caller scribbles over its array.
        id = testDispatcher().build().enqueue("fwd", "e", body, Headers.empty());
        body[2] = 'X';
        assertThat(message(id).bodyText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void aStandardWebhooksSubscriptionSignsTheRawBytesWithItsScheme() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe(Subscription.builder("sw", receiver.url()).secret("whsec_" + java.util.Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)))
                .signer(Schemes.standardWebhooks()));
        start();

        awaitStatus(dispatcher.enqueue("sw", "e", RAW, Headers.empty()), DeliveryStatus.DELIVERED);

        Receiver.Received got = receiver.received().get(0);
        assertThat(got.body()).isEqualTo(RAW);
        assertThat(got.headers().first("webhook-signature")).hasValueSatisfying(v -> assertThat(v).startsWith("v1,"));
        assertThat(got.headers().first("Content-Type")).contains("application/json");
    }

    @Test
    void aFailedAttemptIsRetriedWithTheSameBytesAndHeaders() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(n == 0 ? 503 : 200));
        subscribe("fwd", receiver.url());
        start();

        String id = dispatcher.enqueue("fwd", "e", RAW, Headers.of("X-Trace", "t-1"));
        driveUntilFinished(java.util.List.of(id));

        assertThat(message(id).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(receiver.received()).hasSize(2).allSatisfy(r -> {
            assertThat(r.body()).isEqualTo(RAW);
            assertThat(r.headers().first("X-Trace")).contains("t-1");
        });
        assertThat(dispatcher.log().attempts(id)).extracting(DeliveryAttempt::statusCode).containsExactly(503, 200);
    }

    @Test
    void aMessageHeaderCannotReplaceTheSignatureOrTheSubscriptionsHeader() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe(Subscription.builder("fwd", receiver.url()).secret(SECRET).header("X-Api-Key", "subscription-key"));
        start();

        awaitStatus(dispatcher.enqueue("fwd", "e", RAW, Headers.of("X-Api-Key", "attacker-key")), DeliveryStatus.DELIVERED);

        assertThat(receiver.received().get(0).headers().all("X-Api-Key")).containsExactly("subscription-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Webhook-Signature", "x-webhook-id", "webhook-signature", "User-Agent", "Host", "Content-Length", "Transfer-Encoding"})
    void reservedHeadersAreRefusedAndNothingIsStored(String name) {
        subscribe("fwd", "http://127.0.0.1:9/hook");
        start();

        assertThatThrownBy(() -> dispatcher.enqueue("fwd", "e", RAW, Headers.of(name, "forged")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("message header '" + name + "' is set by the dispatcher and cannot be given");
        assertThat(store.count(DeliveryStatus.PENDING)).isZero();
    }

    @Test
    void headerValuesWithCrLfAndOversizedHeadersAreRefused() {
        subscribe("fwd", "http://127.0.0.1:9/hook");
        start();

        assertThatThrownBy(() -> dispatcher.enqueue("fwd", "e", RAW, Headers.of("X-A", "v\r\nX-Injected: 1")))
                .isInstanceOf(ConfigurationException.class).hasMessage("message header 'X-A' has a control character (U+000D) at index 1");
        assertThatThrownBy(() -> dispatcher.enqueue("fwd", "e", RAW, Headers.of("X-Big", "v".repeat(9000))))
                .isInstanceOf(ConfigurationException.class).hasMessage("message headers must be at most 8192 characters but were 9005");
        assertThatThrownBy(() -> dispatcher.enqueue("fwd", "e", RAW, Headers.of("Bad Name", "v")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not a valid token");
    }

    @Test
    void anUnknownSubscriptionIsNotFound() {
        start();
        assertThatThrownBy(() -> dispatcher.enqueue("nobody", "e", RAW, Headers.empty())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theSsrfGuardAppliesToEnqueuedMessages() {
        subscribe("inside", "http://10.0.0.5/hook");
        start(b -> b.ssrfGuard(SsrfGuard.strict()));

        String id = dispatcher.enqueue("inside", "e", RAW, Headers.empty());

        awaitStatus(id, DeliveryStatus.DEAD_LETTERED);
        assertThat(dispatcher.log().attempts(id)).singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.BLOCKED));
    }

    @Test
    void eventTypeGlobsDoNotFilterAnExplicitTarget() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe(Subscription.builder("narrow", receiver.url()).secret(SECRET).eventTypes("billing.*"));
        start();

        assertThat(dispatcher.publish("incident.created", Map.of())).isEmpty();
        awaitStatus(dispatcher.enqueue("narrow", "incident.created", RAW, Headers.empty()), DeliveryStatus.DELIVERED);
    }
}
