package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver.Answer;
import dev.webhookkit.outbound.testing.Receiver;
import dev.webhookkit.outbound.testing.ResettingReceiver;
import dev.webhookkit.outbound.testing.StallingReceiver;
import dev.webhookkit.outbound.testing.SteppedSleeper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DispatchRetryTest extends DispatcherTestSupport {

    @Test
    void retriesServerErrorsOnTheDefaultScheduleAndKeepsTheMessageId() throws Exception {
        Receiver receiver = receiver((n, r) -> n < 2 ? Answer.status(500) : Answer.status(200));
        subscribe("ops", receiver.url());
        SteppedSleeper sleeper = new SteppedSleeper(clock);
        start(b -> b.sleeper(sleeper));
        Instant t0 = clock.instant();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);

        awaitAttempts(id, 1);
        assertThat(message(id).nextAttemptAt()).isEqualTo(t0.plusSeconds(5));
        clock.advance(Duration.ofSeconds(4).plusMillis(999));
        sleeper.awaitIdle(4, clock.instant()); // every worker looked at the store 1 ms before the due time
        assertThat(receiver.count()).as("nothing is sent before the next attempt is due").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        awaitAttempts(id, 2);
        assertThat(dispatcher.log().attempts(id).get(1).startedAt()).as("sent as soon as it is due").isEqualTo(t0.plusSeconds(5));
        assertThat(message(id).nextAttemptAt()).isEqualTo(t0.plusSeconds(5).plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5));

        awaitStatus(id, DeliveryStatus.DELIVERED);
        assertThat(dispatcher.log().attempts(id)).extracting(DeliveryAttempt::statusCode).containsExactly(500, 500, 200);
        assertThat(dispatcher.log().attempts(id)).extracting(DeliveryAttempt::attemptNumber).containsExactly(1, 2, 3);
        assertThat(receiver.received()).extracting(r -> r.headers().first("X-Webhook-Id").orElseThrow()).containsOnly(id);
        assertAllVerify("hmac-sha256", receiver.received());
    }

    @Test
    void idleWorkersSleepUntilTheRetryIsDueAndNoLonger() throws Exception {
        Receiver receiver = receiver((n, r) -> n < 1 ? Answer.status(500) : Answer.status(200));
        subscribe("ops", receiver.url());
        SteppedSleeper sleeper = new SteppedSleeper(clock);
        // A poll interval far beyond the retry: only the store's next due time can wake the workers in time.
        start(b -> b.sleeper(sleeper).pollInterval(Duration.ofHours(1)));
        Instant t0 = clock.instant();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);
        Instant due = t0.plusSeconds(5);
        sleeper.awaitIdle(4, t0);
        assertThat(sleeper.nextWakeUp()).as("the first worker to wake by itself wakes when the retry is due").contains(due);

        clock.set(due);
        awaitStatus(id, DeliveryStatus.DELIVERED);
        assertThat(dispatcher.log().attempts(id)).extracting(DeliveryAttempt::startedAt).containsExactly(t0, due);
    }

    @Test
    void deadLettersAfterTheLastAttemptAndCanBeRedeliveredByHand() throws Exception {
        Receiver receiver = receiver((n, r) -> n < 3 ? Answer.status(503) : Answer.status(200));
        subscribe("ops", receiver.url());
        List<String> deadLettered = new CopyOnWriteArrayList<>();
        start(b -> b.retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2)).jitter(0).build())
                .listener(new DispatchListener() {
                    @Override
                    public void onDeadLettered(OutboundMessage message, DeliveryAttempt attempt) {
                        deadLettered.add(message.id());
                    }
                }));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        driveUntilFinished(List.of(id));

        assertThat(message(id).status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
        assertThat(dispatcher.log().attempts(id)).extracting(DeliveryAttempt::statusCode).containsExactly(503, 503, 503);
        assertThat(dispatcher.log().deadLetters(10)).extracting(OutboundMessage::id).containsExactly(id);
        Poll.until("listener told of the dead letter", () -> deadLettered.contains(id));

        assertThat(dispatcher.redeliver(id)).isTrue();
        awaitStatus(id, DeliveryStatus.DELIVERED);
        assertThat(dispatcher.log().attempts(id)).extracting(DeliveryAttempt::statusCode).containsExactly(503, 503, 503, 200);
        assertThat(receiver.received()).extracting(r -> r.headers().first("X-Webhook-Id").orElseThrow()).containsOnly(id);
    }

    @Test
    void aSubscriptionsOwnMaxAttemptsWinsOverThePolicy() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(500));
        subscribe(Subscription.builder("ops", receiver.url()).secret(SECRET).maxAttempts(2));
        start();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        driveUntilFinished(List.of(id));

        assertThat(message(id).status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
        assertThat(receiver.count()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 422})
    void underClientErrorsFinalAClientErrorIsFinalAfterOneAttempt(int status) throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(status));
        subscribe("ops", receiver.url());
        start(b -> b.retryPolicy(RetryPolicy.builder().jitter(0).classification(RetryPolicy.Classification.CLIENT_ERRORS_FINAL).build()));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);

        awaitStatus(id, DeliveryStatus.DEAD_LETTERED);
        DeliveryAttempt attempt = dispatcher.log().attempts(id).get(0);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.CLIENT_ERROR);
        assertThat(attempt.statusCode()).isEqualTo(status);
        assertThat(receiver.count()).isEqualTo(1);
        assertThat(subscriptions.get("ops").orElseThrow().enabled()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 422})
    void underTheDefaultClassificationAClientErrorIsRetriedOnTheSchedule(int status) throws Exception {
        Receiver receiver = receiver((n, r) -> n < 2 ? Answer.status(status) : Answer.status(200));
        subscribe("ops", receiver.url());
        start();
        Instant t0 = clock.instant();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        assertThat(message(id).status()).as("not dead-lettered after one attempt").isEqualTo(DeliveryStatus.PENDING);
        assertThat(message(id).nextAttemptAt()).isEqualTo(t0.plusSeconds(5));
        driveUntilFinished(List.of(id));
        assertThat(message(id).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(dispatcher.log().attempts(id)).extracting(DeliveryAttempt::statusCode).containsExactly(status, status, 200);
        assertThat(subscriptions.get("ops").orElseThrow().enabled()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(RetryPolicy.Classification.class)
    void goneIsFinalUnderEitherClassification(RetryPolicy.Classification classification) throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(410));
        subscribe("ops", receiver.url());
        start(b -> b.retryPolicy(RetryPolicy.builder().jitter(0).classification(classification).build()));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);

        awaitStatus(id, DeliveryStatus.DEAD_LETTERED);
        Poll.until("subscription disabled", () -> !subscriptions.get("ops").orElseThrow().enabled());
        assertThat(receiver.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504})
    void retryableStatusesAreRetried(int status) throws Exception {
        Receiver receiver = receiver((n, r) -> n == 0 ? Answer.status(status) : Answer.status(200));
        subscribe("ops", receiver.url());
        start();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        driveUntilFinished(List.of(id));

        assertThat(message(id).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(dispatcher.log().attempts(id)).extracting(DeliveryAttempt::statusCode).containsExactly(status, 200);
    }

    @Test
    void goneDisablesTheSubscriptionAtOnceAndTellsTheListener() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(410));
        subscribe("ops", receiver.url());
        List<DisableReason> reasons = new CopyOnWriteArrayList<>();
        start(b -> b.listener(new DispatchListener() {
            @Override
            public void onSubscriptionDisabled(Subscription subscription, DisableReason reason) {
                assertThat(subscription.enabled()).isFalse();
                reasons.add(reason);
            }
        }));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);

        awaitStatus(id, DeliveryStatus.DEAD_LETTERED);
        Poll.until("subscription disabled", () -> !subscriptions.get("ops").orElseThrow().enabled());
        Poll.until("listener told", () -> reasons.contains(DisableReason.GONE));
        assertThat(dispatcher.publish("incident.created", Map.of())).isEmpty();
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void retryAfterDelaysTheNextAttemptBeyondTheSchedule() throws Exception {
        Receiver receiver = receiver((n, r) -> n == 0 ? Answer.status(429).header("Retry-After", "120") : Answer.status(200));
        subscribe("ops", receiver.url());
        SteppedSleeper sleeper = new SteppedSleeper(clock);
        start(b -> b.sleeper(sleeper));
        Instant t0 = clock.instant();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        assertThat(message(id).nextAttemptAt()).isEqualTo(t0.plusSeconds(120));
        clock.advance(Duration.ofSeconds(5));
        sleeper.awaitIdle(4, clock.instant()); // every worker looked at the store when the schedule's retry was due
        assertThat(receiver.count()).as("the 5 s retry waits for Retry-After").isEqualTo(1);
        clock.advance(Duration.ofSeconds(115));
        awaitStatus(id, DeliveryStatus.DELIVERED);
        assertThat(receiver.count()).isEqualTo(2);
        assertThat(dispatcher.log().attempts(id).get(1).startedAt()).isEqualTo(t0.plusSeconds(120));
    }

    @Test
    void anExcessiveRetryAfterIsCappedByThePolicy() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(503).header("Retry-After", "86400"));
        subscribe("ops", receiver.url());
        start(b -> b.retryPolicy(RetryPolicy.builder().jitter(0).maxRetryAfter(Duration.ofMinutes(10)).build()));
        Instant t0 = clock.instant();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        assertThat(message(id).nextAttemptAt()).isEqualTo(t0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void redirectsAreNotFollowedAndCountAsRetryableFailures() throws Exception {
        Receiver target = receiver((n, r) -> Answer.status(200));
        Receiver redirecting = receiver((n, r) -> n == 0 ? Answer.status(302).header("Location", target.url()) : Answer.status(200));
        subscribe("ops", redirecting.url());
        start();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        assertThat(dispatcher.log().attempts(id).get(0).outcome()).isEqualTo(AttemptOutcome.REDIRECT);
        assertThat(message(id).status()).isEqualTo(DeliveryStatus.PENDING);
        driveUntilFinished(List.of(id));
        assertThat(message(id).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(target.count()).isZero();
        assertThat(redirecting.count()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = HttpClient.Redirect.class, names = {"NORMAL", "ALWAYS"})
    void aHostClientThatFollowsRedirectsIsRefusedAtBuild(HttpClient.Redirect redirect) {
        HttpClient following = HttpClient.newBuilder().followRedirects(redirect).build();

        assertThatThrownBy(() -> start(b -> b.httpClient(following)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("httpClient must not follow redirects")
                .hasMessageContaining(redirect.name())
                .hasMessageContaining("SSRF guard");
        assertThat(dispatcher).as("no dispatcher was started").isNull();
    }

    @Test
    void aHostClientThatNeverFollowsRedirectsIsUsedAndA302StaysARedirect() throws Exception {
        Receiver target = receiver((n, r) -> Answer.status(200));
        Receiver redirecting = receiver((n, r) -> Answer.status(302).header("Location", target.url()));
        subscribe("ops", redirecting.url());
        start(b -> b.httpClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        assertThat(dispatcher.log().attempts(id).get(0).outcome()).isEqualTo(AttemptOutcome.REDIRECT);
        assertThat(target.count()).isZero();
    }

    @Test
    void aHangingReceiverTimesOutAndIsRetried() throws Exception {
        Receiver receiver = receiver((n, r) -> n == 0 ? Answer.hang() : Answer.status(200));
        subscribe(Subscription.builder("ops", receiver.url()).secret(SECRET).timeout(Duration.ofMillis(300)));
        start();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        DeliveryAttempt first = dispatcher.log().attempts(id).get(0);
        assertThat(first.outcome()).isEqualTo(AttemptOutcome.TIMEOUT);
        assertThat(first.statusCode()).isZero();
        assertThat(first.error()).contains("no answer within PT0.3S");
        assertThat(first.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        driveUntilFinished(List.of(id));
        assertThat(message(id).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertAllVerify("hmac-sha256", receiver.received());
    }

    @Test
    void aReceiverThatTricklesItsBodyTimesOutWithinTheAttemptTimeout() throws Exception {
        StallingReceiver trickling = StallingReceiver.start(StallingReceiver.Mode.TRICKLE);
        closeables.add(trickling);
        subscribe(Subscription.builder("ops", trickling.url()).secret(SECRET).timeout(Duration.ofSeconds(1)).maxAttempts(2));
        start();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        DeliveryAttempt first = dispatcher.log().attempts(id).get(0);
        assertThat(first.outcome()).isEqualTo(AttemptOutcome.TIMEOUT);
        assertThat(first.latency()).isLessThan(Duration.ofSeconds(2));
        assertThat(message(id).status()).as("a timeout is retried").isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void aSlowReceiverWithinTheTimeoutIsDelivered() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200).after(Duration.ofMillis(400)));
        subscribe(Subscription.builder("ops", receiver.url()).secret(SECRET).timeout(Duration.ofSeconds(5)));
        start();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);

        awaitStatus(id, DeliveryStatus.DELIVERED);
        assertThat(dispatcher.log().attempts(id).get(0).latency()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void aResetConnectionIsAConnectionErrorAndIsRetriedUntilDeadLettered() throws Exception {
        ResettingReceiver resetting = new ResettingReceiver();
        closeables.add(resetting);
        subscribe(Subscription.builder("ops", resetting.url()).secret(SECRET).maxAttempts(3));
        start();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        driveUntilFinished(List.of(id));

        assertThat(message(id).status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
        assertThat(dispatcher.log().attempts(id)).hasSize(3).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.CONNECTION_ERROR);
            assertThat(a.error()).isNotBlank();
        });
        assertThat(resetting.connections()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRefusedConnectionIsRetried() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        subscribe(Subscription.builder("ops", "http://127.0.0.1:" + closedPort + "/hook").secret(SECRET).maxAttempts(2));
        start();

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        assertThat(dispatcher.log().attempts(id).get(0).outcome()).isEqualTo(AttemptOutcome.CONNECTION_ERROR);
        assertThat(message(id).status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void messagesOfADisabledOrDeletedSubscriptionAreDeadLetteredUnsent() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(500));
        subscribe("off", receiver.url("/off"));
        subscribe("gone", receiver.url("/gone"));
        start();
        List<String> ids = dispatcher.publish("incident.created", Map.of());
        ids.forEach(id -> awaitAttempts(id, 1));

        subscriptions.update(subscriptions.get("off").orElseThrow().toBuilder().enabled(false).build());
        subscriptions.delete("gone");
        driveUntilFinished(ids);

        assertThat(ids).allSatisfy(id -> {
            assertThat(message(id).status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
            DeliveryAttempt last = dispatcher.log().attempts(id).get(1);
            assertThat(last.outcome()).isEqualTo(AttemptOutcome.NOT_SENT);
            assertThat(last.error()).startsWith("subscription ");
        });
        assertThat(receiver.count()).isEqualTo(2);
    }
}
