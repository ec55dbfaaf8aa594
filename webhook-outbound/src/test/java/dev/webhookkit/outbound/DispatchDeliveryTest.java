package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Reason;
import dev.webhookkit.outbound.spi.Envelope;
import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver.Answer;
import dev.webhookkit.outbound.testing.Receiver;
import dev.webhookkit.verify.Schemes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DispatchDeliveryTest extends DispatcherTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void deliversTheEnvelopeSignedWithHmacSha256AndTheStandardHeaders() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(204));
        subscribe(Subscription.builder("ops", receiver.url()).secret(SECRET).header("X-Api-Key", "k-1"));
        start();

        List<String> ids = dispatcher.publish("incident.created", Map.of("id", 42, "title", "Disk full"));

        assertThat(ids).hasSize(1);
        String id = ids.get(0);
        awaitStatus(id, DeliveryStatus.DELIVERED);
        Receiver.Received got = receiver.received().get(0);
        JsonNode body = JSON.readTree(got.body());
        assertThat(body.get("event").asText()).isEqualTo("incident.created");
        assertThat(body.get("timestamp").asText()).isEqualTo(clock.instant().toString());
        assertThat(body.get("data").get("id").asInt()).isEqualTo(42);
        assertThat(got.headers().first("Content-Type")).contains("application/json");
        assertThat(got.headers().first("X-Webhook-Id")).contains(id);
        assertThat(got.headers().first("X-Webhook-Event")).contains("incident.created");
        assertThat(got.headers().first("X-Webhook-Timestamp")).contains(Long.toString(clock.instant().getEpochSecond()));
        assertThat(got.headers().first("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).matches("webhookkit/\\S+"));
        assertThat(got.headers().first("X-Webhook-Signature")).hasValueSatisfying(sig -> assertThat(sig).matches("sha256=[0-9a-f]{64}"));
        assertThat(got.headers().first("X-Api-Key")).contains("k-1");
        assertThat(verify("hmac-sha256", got).isValid()).isTrue();
    }

    @Test
    void aBlankEventTypeIsAnIllegalArgumentAndNothingIsStored() {
        start();
        assertThatThrownBy(() -> dispatcher.publish(" ", Map.of("id", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("eventType must not be blank");
        assertThat(store.count(DeliveryStatus.PENDING)).isZero();
    }

    @Test
    void aWorkerSurvivesAListenerThatThrowsAnError() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("ops", receiver.url());
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        start(b -> b.workers(1).listener(new DispatchListener() {
            @Override
            public void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
                told.incrementAndGet();
                throw new AssertionError("a listener's failed assertion");
            }
        }));
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.addAll(dispatcher.publish("incident.created", Map.of("id", i)));
        }
        // One worker delivers all five: the Error of the first onDelivered did not end its thread.
        for (String id : ids) {
            awaitStatus(id, DeliveryStatus.DELIVERED);
        }
        // Listeners are told after the settlement is stored, so the last call may trail the status.
        Poll.until("five onDelivered calls", told::get, n -> n == 5);
        assertThat(receiver.received()).hasSize(5);
    }

    @Test
    void aTamperedBodyDoesNotVerifySoTheReceiverCheckIsReal() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("ops", receiver.url());
        start();
        awaitStatus(dispatcher.publish("incident.created", Map.of("id", 1)).get(0), DeliveryStatus.DELIVERED);

        Receiver.Received got = receiver.received().get(0);
        byte[] tampered = got.body().clone();
        tampered[tampered.length - 2] ^= 1;
        Receiver.Received forged = new Receiver.Received(got.path(), got.headers(), tampered, got.arrivedNanos());

        assertThat(verify("hmac-sha256", forged).failure()).contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void signsWithStandardWebhooksWhenThatSchemeIsChosen() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        subscribe(Subscription.builder("std", receiver.url()).secret(secret).signer(Schemes.standardWebhooks()));
        start();

        String id = dispatcher.publish("invoice.paid", Map.of("amount", 10)).get(0);
        awaitStatus(id, DeliveryStatus.DELIVERED);

        Receiver.Received got = receiver.received().get(0);
        assertThat(got.headers().first("webhook-id")).contains(id);
        assertThat(got.headers().first("webhook-timestamp")).contains(Long.toString(clock.instant().getEpochSecond()));
        assertThat(got.headers().first("webhook-signature")).hasValueSatisfying(s -> assertThat(s).startsWith("v1,"));
        assertThat(got.headers().first("X-Webhook-Id")).contains(id);
        dev.webhookkit.core.WebhookRequest request = dev.webhookkit.core.WebhookRequest.builder().body(got.body()).headers(got.headers())
                .receivedAt(clock.instant()).build();
        assertThat(dev.webhookkit.verify.WebhookVerifier.verify("standard-webhooks", secret, request).isValid()).isTrue();
    }

    @Test
    void sendsOnlyToEnabledSubscriptionsWhoseFilterMatches() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe(Subscription.builder("incidents", receiver.url("/incidents")).secret(SECRET).eventTypes("incident.*"));
        subscribe(Subscription.builder("billing", receiver.url("/billing")).secret(SECRET).eventTypes("invoice.paid"));
        subscribe(Subscription.builder("off", receiver.url("/off")).secret(SECRET).enabled(false));
        subscribe(Subscription.builder("all", receiver.url("/all")).secret(SECRET));
        start();

        List<String> ids = dispatcher.publish("incident.resolved", Map.of());
        assertThat(dispatcher.publish("deploy.finished", Map.of())).hasSize(1);

        assertThat(ids).hasSize(2);
        assertThat(ids.stream().map(id -> message(id).subscriptionId())).containsExactlyInAnyOrder("incidents", "all");
        Poll.until("three deliveries", () -> receiver.count() == 3);
        assertThat(receiver.received()).extracting(Receiver.Received::path).containsExactlyInAnyOrder("/incidents", "/all", "/all");
    }

    @Test
    void publishWithNoSubscriberStoresNothing() {
        start();
        assertThat(dispatcher.publish("incident.created", Map.of())).isEmpty();
        assertThat(store.count(DeliveryStatus.PENDING)).isZero();
    }

    @Test
    void everySubscriptionGetsItsOwnMessageIdWithTheSameBody() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("a", receiver.url("/a"));
        subscribe("b", receiver.url("/b"));
        start();

        List<String> ids = dispatcher.publish("incident.created", Map.of("id", 7));

        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        ids.forEach(id -> awaitStatus(id, DeliveryStatus.DELIVERED));
        assertThat(receiver.received()).extracting(r -> r.headers().first("X-Webhook-Id").orElseThrow()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receiver.received().get(0).bodyText()).isEqualTo(receiver.received().get(1).bodyText());
        assertAllVerify("hmac-sha256", receiver.received());
    }

    @Test
    void theEnvelopeIsPluggable() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("a", receiver.url());
        start(b -> b.envelope(Envelope.dataOnly()));

        awaitStatus(dispatcher.publish("incident.created", Map.of("id", 7)).get(0), DeliveryStatus.DELIVERED);

        assertThat(receiver.received().get(0).bodyText()).isEqualTo("{\"id\":7}");
    }

    @Test
    void theLogRecordsStatusLatencyAndTheAnswerAndTellsListenersLive() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(202).body("queued as 991").after(Duration.ofMillis(50)));
        subscribe("ops", receiver.url());
        List<DeliveryAttempt> live = new CopyOnWriteArrayList<>();
        List<String> delivered = new CopyOnWriteArrayList<>();
        start(b -> b.listener(new DispatchListener() {
            @Override
            public void onDelivered(dev.webhookkit.outbound.OutboundMessage message, DeliveryAttempt attempt) {
                delivered.add(message.id());
            }
        }));
        dispatcher.log().addListener(new DispatchListener() {
            @Override
            public void onAttempt(DeliveryAttempt attempt) {
                live.add(attempt);
            }
        });

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitStatus(id, DeliveryStatus.DELIVERED);
        Poll.until("listener to hear the delivery", () -> delivered.contains(id));

        DeliveryAttempt attempt = dispatcher.log().attempts(id).get(0);
        assertThat(attempt.statusCode()).isEqualTo(202);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SUCCESS);
        assertThat(attempt.responseSnippet()).isEqualTo("queued as 991");
        assertThat(attempt.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(attempt.startedAt()).isEqualTo(clock.instant());
        assertThat(attempt.url()).isEqualTo(receiver.url());
        assertThat(live).containsExactly(attempt);
        assertThat(dispatcher.log().attemptsForSubscription("ops", 10)).containsExactly(attempt);
        assertThat(dispatcher.log().messagesForSubscription("ops", 10)).extracting(m -> m.id()).containsExactly(id);
    }

    @Test
    void theResponseSnippetIsCutToTheConfiguredSize() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(500).body("x".repeat(10_000)));
        subscribe(Subscription.builder("ops", receiver.url()).secret(SECRET).maxAttempts(1));
        start(b -> b.responseSnippetBytes(100));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);

        awaitStatus(id, DeliveryStatus.DEAD_LETTERED);
        assertThat(dispatcher.log().attempts(id).get(0).responseSnippet()).hasSize(100);
    }

    @Test
    void sendTestSendsNowReturnsTheAttemptAndLogsIt() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe(Subscription.builder("ops", receiver.url()).secret(SECRET).enabled(false));
        start();

        DeliveryAttempt attempt = dispatcher.sendTest("ops");

        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SUCCESS);
        assertThat(attempt.statusCode()).isEqualTo(200);
        Receiver.Received got = receiver.received().get(0);
        assertThat(got.headers().first("X-Webhook-Event")).contains(WebhookDispatcher.TEST_EVENT_TYPE);
        assertThat(verify("hmac-sha256", got).isValid()).isTrue();
        assertThat(dispatcher.log().attempts(attempt.messageId())).containsExactly(attempt);
        assertThat(dispatcher.log().attemptsForSubscription("ops", 5)).containsExactly(attempt);
        assertThat(subscriptions.get("ops").orElseThrow().enabled()).isFalse();
    }

    @Test
    void sendTestReportsAFailureAsAnAttemptNotAnException() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(503));
        subscribe("ops", receiver.url());
        start();

        DeliveryAttempt attempt = dispatcher.sendTest("ops");

        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SERVER_ERROR);
        assertThat(attempt.statusCode()).isEqualTo(503);
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void sendTestToAnUnknownSubscriptionIsNotFound() {
        start();
        assertThatThrownBy(() -> dispatcher.sendTest("nobody"))
                .isInstanceOf(dev.webhookkit.core.NotFoundException.class)
                .hasMessage("subscription 'nobody' does not exist");
    }

    @Test
    void aRotatedSecretAppliesToMessagesAlreadyQueued() throws Exception {
        Receiver receiver = receiver((n, r) -> n == 0 ? Answer.status(500) : Answer.status(200));
        subscribe("ops", receiver.url());
        start();
        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        subscriptions.update(subscriptions.get("ops").orElseThrow().toBuilder().secret("rotated-secret-xyz").build());
        driveUntilFinished(List.of(id));

        Receiver.Received second = receiver.received().get(1);
        dev.webhookkit.core.WebhookRequest request = dev.webhookkit.core.WebhookRequest.builder().body(second.body())
                .headers(second.headers()).build();
        assertThat(dev.webhookkit.verify.WebhookVerifier.verify("hmac-sha256", "rotated-secret-xyz", request).isValid()).isTrue();
        assertThat(verify("hmac-sha256", second).isValid()).isFalse();
    }
}
