package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Page;
import dev.webhookkit.outbound.testing.FlakyStore;
import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver;
import dev.webhookkit.outbound.testing.Receiver.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an operator does to a running dispatcher: page its messages, redeliver in bulk, ask its health. */
class DispatchAdminOperationsTest extends DispatcherTestSupport {

    /** Messages of {@code subscriptionId} put into the store and given up there, before any dispatcher runs. */
    private List<String> deadInStore(String subscriptionId, int count) {
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(OutboundMessage.pending(subscriptionId + "-" + i, subscriptionId, "incident.created", clock.instant(),
                    "{}".getBytes(StandardCharsets.UTF_8)));
        }
        store.enqueue(batch);
        for (OutboundMessage m : store.claim(ClaimRequest.of("setup", clock.instant(), Duration.ofSeconds(30), count))) {
            store.deadLetter(m.id(), m.lease().orElseThrow(), DeliveryAttempt.answered(m.id(), subscriptionId, 1, "http://127.0.0.1:1/",
                    clock.instant(), Duration.ofMillis(1), 500, "down"));
        }
        return batch.stream().map(OutboundMessage::id).toList();
    }

    @Test
    void redeliverAllSendsEveryDeadMessageOfTheSubscriptionAgainInBoundedStoreSteps() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("ops", receiver.url());
        subscribe("other", receiver.url());
        List<String> ops = deadInStore("ops", 450);
        List<String> other = deadInStore("other", 3);
        FlakyStore counting = new FlakyStore(store);
        store = counting;
        start();

        long requeued = dispatcher.redeliverAll("ops", MessageQuery.State.DEAD);

        assertThat(requeued).isEqualTo(450);
        assertThat(counting.redeliveryStepLimits).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(limit -> assertThat(limit).isEqualTo(WebhookDispatcher.REDELIVER_BATCH));
        Poll.until("the redelivered messages to be delivered", () -> store.count(DeliveryStatus.DELIVERED), n -> n == 450);
        assertThat(ops).allSatisfy(id -> assertThat(message(id).status()).isEqualTo(DeliveryStatus.DELIVERED));
        assertThat(other).allSatisfy(id -> assertThat(message(id).status()).isEqualTo(DeliveryStatus.DEAD_LETTERED));
        assertThat(receiver.count()).isEqualTo(450);
        assertThat(dispatcher.redeliverAll("ops", MessageQuery.State.DEAD)).isZero();
    }

    @Test
    void redeliverAllOfFailedMessagesRetriesThemNowInsteadOfAfterTheirBackoff() throws Exception {
        Receiver receiver = receiver((n, r) -> n == 0 ? Answer.status(503) : Answer.status(200));
        subscribe("ops", receiver.url());
        start(b -> b.retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofHours(6)).jitter(0).build()));
        String id = dispatcher.publish("incident.created", Map.of("n", 1)).get(0);
        awaitAttempts(id, 1);
        assertThat(MessageQuery.State.of(message(id))).isEqualTo(MessageQuery.State.FAILED);

        assertThat(dispatcher.redeliverAll(null, MessageQuery.State.FAILED)).isEqualTo(1);

        awaitStatus(id, DeliveryStatus.DELIVERED);
        assertThat(receiver.count()).isEqualTo(2);
        assertThat(message(id).attemptCount()).isEqualTo(1);
    }

    @Test
    void redeliverAllRefusesStatesThatCannotBeRedeliveredNamingThem() {
        start();
        assertThatThrownBy(() -> dispatcher.redeliverAll(null, MessageQuery.State.PENDING))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("pending");
        assertThatThrownBy(() -> dispatcher.redeliverAll("ops", MessageQuery.State.DELIVERED))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("delivered");
    }

    @Test
    void theLogPagesMessagesByStateNewestFirst() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("ops", receiver.url());
        deadInStore("ops", 3);
        start();

        Page<OutboundMessage> first = dispatcher.log().messages(MessageQuery.all().withState(MessageQuery.State.DEAD).withLimit(2));
        Page<OutboundMessage> second = dispatcher.log().messages(MessageQuery.all().withState(MessageQuery.State.DEAD).withLimit(2)
                .withCursor(first.next()));

        assertThat(first.items()).extracting(OutboundMessage::id).containsExactly("ops-2", "ops-1");
        assertThat(second.items()).extracting(OutboundMessage::id).containsExactly("ops-0");
        assertThat(second.next()).isNull();
    }

    @Test
    void healthReportsTheBacklogAndHowLongTheOldestQueuedMessageHasWaited() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(503));
        subscribe("ops", receiver.url());
        start(b -> b.retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofHours(6)).jitter(0).build()));
        DispatcherHealth idle = dispatcher.health();
        assertThat(idle).isEqualTo(new DispatcherHealth(true, 0, java.util.Optional.empty(), true, java.util.Optional.empty()));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);
        clock.advance(Duration.ofMinutes(10));
        DispatcherHealth waiting = dispatcher.health();

        assertThat(waiting.running()).isTrue();
        assertThat(waiting.backlog()).isEqualTo(1);
        assertThat(waiting.oldestPendingAge()).contains(Duration.ofMinutes(10));
        assertThat(waiting.healthy()).isTrue();

        dispatcher.close(Duration.ofSeconds(2));
        assertThat(dispatcher.health().running()).isFalse();
    }

    @Test
    void healthOfAStoreThatIsDownSaysSoInsteadOfThrowing() {
        FlakyStore flaky = new FlakyStore(store);
        store = flaky;
        start();
        flaky.failQueries = true;

        DispatcherHealth health = dispatcher.health();

        assertThat(health.running()).isTrue();
        assertThat(health.storeReachable()).isFalse();
        assertThat(health.healthy()).isFalse();
        assertThat(health.backlog()).isEqualTo(-1);
        assertThat(health.oldestPendingAge()).isEmpty();
        assertThat(health.storeError()).hasValueSatisfying(e -> assertThat(e).startsWith("DependencyUnavailableException: test store is down"));
    }
}
