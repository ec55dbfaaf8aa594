package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver.Answer;
import dev.webhookkit.outbound.testing.Receiver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SSRF guard, endpoint health, in-flight limits, backpressure and shutdown, against real receivers. */
class DispatchOperationsTest extends DispatcherTestSupport {

    @Test
    void theStrictGuardBlocksLoopbackAndNothingIsSent() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("ops", receiver.url());
        start(b -> b.ssrfGuard(SsrfGuard.strict()));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);

        awaitStatus(id, DeliveryStatus.DEAD_LETTERED);
        DeliveryAttempt attempt = dispatcher.log().attempts(id).get(0);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.BLOCKED);
        assertThat(attempt.error()).contains("LOOPBACK").contains("127.0.0.1");
        assertThat(receiver.count()).isZero();
    }

    @Test
    void theGuardChecksAgainOnEveryAttemptSinceDnsCanChange() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(500));
        AtomicInteger lookups = new AtomicInteger();
        SsrfGuard guard = SsrfGuard.builder().allow("127.0.0.1").resolver(host -> lookups.getAndIncrement() == 0
                ? List.of(InetAddress.getByName("127.0.0.1"))
                : List.of(InetAddress.getByName("10.1.2.3"))).build();
        subscribe("ops", "http://localhost:" + receiver.port() + "/hook");
        start(b -> b.ssrfGuard(guard));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        driveUntilFinished(List.of(id));

        assertThat(dispatcher.log().attempts(id)).extracting(DeliveryAttempt::outcome)
                .containsExactly(AttemptOutcome.SERVER_ERROR, AttemptOutcome.BLOCKED);
        assertThat(dispatcher.log().attempts(id).get(1).error()).contains("PRIVATE").contains("10.1.2.3");
        assertThat(message(id).status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void aSubscriptionFailingForFiveDaysIsDisabledAndTheListenerIsTold() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(500));
        subscribe(Subscription.builder("ops", receiver.url()).secret(SECRET).maxAttempts(100));
        List<DisableReason> reasons = new CopyOnWriteArrayList<>();
        start(b -> b.retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofHours(12)).jitter(0).build())
                .listener(new DispatchListener() {
                    @Override
                    public void onSubscriptionDisabled(Subscription subscription, DisableReason reason) {
                        reasons.add(reason);
                    }
                }));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        // 12-hourly retries: the 11th attempt is 5 days after the first.
        for (int attempt = 1; attempt <= 10; attempt++) {
            awaitAttempts(id, attempt);
            assertThat(subscriptions.get("ops").orElseThrow().enabled()).as("enabled after attempt %d", attempt).isTrue();
            clock.advance(Duration.ofHours(12));
        }
        awaitAttempts(id, 11);

        Poll.until("subscription disabled", () -> !subscriptions.get("ops").orElseThrow().enabled());
        Poll.until("listener told", () -> reasons.equals(List.of(DisableReason.FAILING_TOO_LONG)));
        driveUntilFinished(List.of(id));
        assertThat(dispatcher.log().attempts(id).get(11).outcome()).isEqualTo(AttemptOutcome.NOT_SENT);
    }

    @Test
    void aSuccessResetsTheFailingPeriod() throws Exception {
        AtomicInteger mode = new AtomicInteger(500);
        Receiver receiver = receiver((n, r) -> Answer.status(mode.get()));
        subscribe(Subscription.builder("ops", receiver.url()).secret(SECRET).maxAttempts(1));
        start(b -> b.disableAfterFailingFor(Duration.ofDays(1)));

        awaitStatus(dispatcher.publish("a", Map.of()).get(0), DeliveryStatus.DEAD_LETTERED);
        clock.advance(Duration.ofHours(20));
        mode.set(200);
        awaitStatus(dispatcher.publish("b", Map.of()).get(0), DeliveryStatus.DELIVERED);
        mode.set(500);
        clock.advance(Duration.ofHours(20));
        awaitStatus(dispatcher.publish("c", Map.of()).get(0), DeliveryStatus.DEAD_LETTERED);

        assertThat(subscriptions.get("ops").orElseThrow().enabled()).isTrue();
    }

    @Test
    void aSubscriptionIsDisabledAfterTheConfiguredNumberOfFailedMessages() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(400));
        subscribe("ops", receiver.url());
        List<DisableReason> reasons = new CopyOnWriteArrayList<>();
        start(b -> b.retryPolicy(RetryPolicy.builder().jitter(0).classification(RetryPolicy.Classification.CLIENT_ERRORS_FINAL).build())
                .disableAfterFailedMessages(3).listener(new DispatchListener() {
            @Override
            public void onSubscriptionDisabled(Subscription subscription, DisableReason reason) {
                reasons.add(reason);
            }
        }));

        for (int i = 0; i < 2; i++) {
            awaitStatus(dispatcher.publish("e", Map.of()).get(0), DeliveryStatus.DEAD_LETTERED);
        }
        assertThat(subscriptions.get("ops").orElseThrow().enabled()).isTrue();
        awaitStatus(dispatcher.publish("e", Map.of()).get(0), DeliveryStatus.DEAD_LETTERED);

        Poll.until("disabled", () -> !subscriptions.get("ops").orElseThrow().enabled());
        Poll.until("listener told", () -> reasons.equals(List.of(DisableReason.TOO_MANY_FAILED_MESSAGES)));
    }

    @Test
    void requestsInFlightToOneSubscriptionStayWithinItsLimit() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200).after(Duration.ofMillis(40)));
        subscribe(Subscription.builder("ops", receiver.url()).secret(SECRET).maxInFlight(2));
        start(b -> b.workers(8));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.addAll(dispatcher.publish("incident.created", Map.of("n", i)));
        }

        ids.forEach(id -> awaitStatus(id, DeliveryStatus.DELIVERED));
        assertThat(receiver.maxConcurrent()).isBetween(1, 2);
        assertThat(receiver.count()).isEqualTo(20);
    }

    @Test
    void aFullStoreRefusesPublishFastAndStoresNothingOfIt() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.hang());
        subscribe(Subscription.builder("a", receiver.url()).secret(SECRET).timeout(Duration.ofSeconds(30)));
        subscribe(Subscription.builder("b", receiver.url()).secret(SECRET).timeout(Duration.ofSeconds(30)));
        store = DeliveryStore.inMemory(5, clock);
        start(b -> b.store(store));
        dispatcher.publish("e", Map.of());
        dispatcher.publish("e", Map.of());

        long started = System.nanoTime();
        assertThatThrownBy(() -> dispatcher.publish("e", Map.of()))
                .isInstanceOf(DeliveryStoreFullException.class)
                .hasMessageContaining("at most 5 pending");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(store.count(DeliveryStatus.PENDING)).isEqualTo(4);
    }

    @Test
    void closeLetsTheRequestInFlightFinishAndLeavesTheRestInTheStore() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200).after(Duration.ofMillis(300)));
        subscribe("ops", receiver.url());
        start(b -> b.workers(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.addAll(dispatcher.publish("incident.created", Map.of("n", i)));
        }
        Poll.until("first request to arrive", () -> receiver.count() >= 1);

        boolean clean = dispatcher.close(Duration.ofSeconds(5));

        assertThat(clean).isTrue();
        long delivered = store.count(DeliveryStatus.DELIVERED);
        assertThat(delivered).isBetween(1L, 4L);
        assertThat(store.count(DeliveryStatus.PENDING)).isEqualTo(5 - delivered);
        assertThat(store.messagesWithStatus(DeliveryStatus.PENDING, 10)).allSatisfy(m -> assertThat(m.lease()).isEmpty());
        assertThatThrownBy(() -> dispatcher.publish("incident.created", Map.of())).isInstanceOf(DispatcherClosedException.class);

        dispatcher = testDispatcher().build();
        ids.forEach(id -> awaitStatus(id, DeliveryStatus.DELIVERED));
        assertThat(receiver.received()).extracting(r -> r.headers().first("X-Webhook-Id").orElseThrow())
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void closePastItsDeadlineInterruptsAndGivesTheMessageBackUntried() throws Exception {
        Receiver receiver = receiver((n, r) -> n == 0 ? Answer.hang() : Answer.status(200));
        subscribe(Subscription.builder("ops", receiver.url()).secret(SECRET).timeout(Duration.ofSeconds(60)));
        start(b -> b.workers(1));
        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        Poll.until("request to arrive", () -> receiver.count() == 1);

        boolean clean = dispatcher.close(Duration.ofMillis(200));

        assertThat(clean).isFalse();
        assertThat(message(id).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(message(id).lease()).isEmpty();
        assertThat(message(id).attemptCount()).isZero();

        dispatcher = testDispatcher().build();
        awaitStatus(id, DeliveryStatus.DELIVERED);
    }
}
