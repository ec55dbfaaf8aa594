package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.testing.FlakyStore;
import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Short leases kept alive while work goes on: a busy worker's leases are renewed, so nobody takes
 * its messages; a message whose lease was taken over, or could not be renewed, is not sent.
 * One worker claims two messages at once (one event, two subscriptions); the first send stalls
 * while the second message waits in the batch.
 */
class DispatchLeaseRenewalTest extends DispatcherTestSupport {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final CountDownLatch stall = new CountDownLatch(1);
    private Receiver receiver;
    private String first;
    private String second;

    private void startWith(WebhookDispatcher.Builder builder) throws Exception {
        receiver = receiver((n, r) -> {
            if (n == 0) {
                await(stall);
            }
            return Receiver.Answer.status(200);
        });
        subscribe("s1", receiver.url());
        subscribe("s2", receiver.url());
        dispatcher = builder.workers(1).claimBatch(2).lease(LEASE).build();
        List<String> ids = dispatcher.publish("incident.created", Map.of("n", 1));
        Poll.until("the first send", () -> receiver.count() == 1);
        first = receiver.received().get(0).headers().first("X-Webhook-Id").orElseThrow();
        second = ids.get(0).equals(first) ? ids.get(1) : ids.get(0);
        assertThat(message(second).lease()).isPresent();
    }

    /** Publishes one more message and waits for it: the single worker has then finished the batch before it. */
    private void awaitTheWorkerPastTheBatch() {
        String after = dispatcher.enqueue("s1", "incident.created", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                dev.webhookkit.core.Headers.empty());
        awaitStatus(after, DeliveryStatus.DELIVERED);
    }

    @Test
    void theLeasesOfABusyWorkerAreRenewedSoNoOtherInstanceTakesItsMessages() throws Exception {
        startWith(testDispatcher().leaseRenewal(Duration.ofMillis(20)));

        // Past the claim's lease in two steps; each time the heartbeat moves both leases on.
        for (int step = 0; step < 2; step++) {
            clock.advance(LEASE.dividedBy(2).plusSeconds(1));
            Instant renewedPast = clock.instant().plus(LEASE).minusSeconds(1);
            Poll.until("the held leases to be renewed", () -> List.of(message(first), message(second)),
                    ms -> ms.stream().allMatch(m -> m.lease().isPresent() && m.lease().get().until().isAfter(renewedPast)));
        }
        assertThat(store.claim(ClaimRequest.of("another-instance", clock.instant(), LEASE, 10))).isEmpty();

        stall.countDown();
        awaitStatus(first, DeliveryStatus.DELIVERED);
        awaitStatus(second, DeliveryStatus.DELIVERED);
        assertThat(store.attempts(second)).hasSize(1);
        assertThat(receiver.count()).isEqualTo(2);
    }

    @Test
    void aMessageWhoseLeaseWasTakenOverMeanwhileIsNotSent() throws Exception {
        // No heartbeat: the instance is stalled, as in a long GC pause, while its leases run out.
        startWith(testDispatcher().leaseRenewal(Duration.ofHours(1)));

        clock.advance(LEASE.plusSeconds(1));
        List<OutboundMessage> taken = store.claim(ClaimRequest.of("another-instance", clock.instant(), LEASE, 10));
        assertThat(taken).extracting(OutboundMessage::id).containsExactlyInAnyOrder(first, second);
        OutboundMessage.Lease theirs = taken.stream().filter(m -> m.id().equals(second)).findFirst().orElseThrow().lease().orElseThrow();

        stall.countDown();
        awaitTheWorkerPastTheBatch();
        assertThat(store.attempts(second)).isEmpty(); // the worker found the lease gone and did not send
        assertThat(message(second).lease()).contains(theirs);
        assertThat(receiver.count()).isEqualTo(2); // the first message (whose outcome is refused) and the one after
    }

    @Test
    void withoutAHeartbeatTheWorkerRenewsALeaseTooShortToSendOnAndThenSends() throws Exception {
        // The heartbeat died (or stalls): the worker itself renews the lease it is about to send on.
        startWith(testDispatcher().leaseRenewal(Duration.ofHours(1)));
        clock.advance(LEASE.minusSeconds(5)); // 5 s left: too short for a 10 s send, but still this claim's
        stall.countDown();
        // Delivered with the clock standing still: not after the lease ran out and a new claim, but on the renewed lease.
        awaitStatus(second, DeliveryStatus.DELIVERED);
        assertThat(store.attempts(second)).hasSize(1);
        assertThat(receiver.count()).isEqualTo(2);
    }

    @Test
    void aMessageWhoseLeaseCannotBeRenewedIsNotSentUntilItIsClaimedAgain() throws Exception {
        FlakyStore flaky = new FlakyStore(store);
        store = flaky;
        startWith(testDispatcher().store(flaky).leaseRenewal(Duration.ofMillis(20)));

        flaky.failRenewals = true;
        clock.advance(LEASE.minusSeconds(5)); // the lease left is now too short for a 10 s send
        Poll.until("renewals to fail", () -> flaky.failedRenewals.get() >= 2);
        stall.countDown();
        awaitTheWorkerPastTheBatch();
        assertThat(message(first).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(store.attempts(second)).isEmpty();
        assertThat(message(second).status()).isEqualTo(DeliveryStatus.PENDING);

        // The store is back: once the old lease has ended, the message is claimed again and sent once.
        flaky.failRenewals = false;
        clock.advance(Duration.ofSeconds(6));
        awaitStatus(second, DeliveryStatus.DELIVERED);
        assertThat(store.attempts(second)).hasSize(1);
        assertThat(receiver.count()).isEqualTo(3);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
