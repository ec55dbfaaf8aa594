package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two workers of one dispatcher holding the same message one after the other: only the newer claim settles it. */
class DispatchLeaseTest extends DispatcherTestSupport {
    /** The derived lease with the default timeouts: 10 s request + 5 s connect + 2 s margin. */
    private static final Duration DERIVED_LEASE = Duration.ofSeconds(17);

    @Test
    void aWorkerWhoseLeaseWasTakenOverCannotOverwriteTheNewerAttempt() throws Exception {
        CountDownLatch releaseStale = new CountDownLatch(1);
        CountDownLatch releaseCurrent = new CountDownLatch(1);
        Receiver receiver = receiver((n, r) -> {
            await(n == 0 ? releaseStale : releaseCurrent);
            return Receiver.Answer.status(n == 0 ? 500 : 200);
        });
        subscribe("s1", receiver.url());
        start(b -> b.leaseRenewal(Duration.ofHours(1))); // a stalled instance: its lease is not renewed
        String id = dispatcher.publish("incident.created", Map.of("n", 1)).get(0);

        Poll.until("the first send", () -> receiver.count() == 1);
        OutboundMessage.Lease first = message(id).lease().orElseThrow();
        clock.advance(DERIVED_LEASE); // the first worker's lease runs out while it waits for the answer
        Poll.until("another worker to claim and send again", () -> receiver.count() == 2);
        OutboundMessage.Lease second = message(id).lease().orElseThrow();
        assertThat(second.claimant()).isEqualTo(first.claimant()); // same dispatcher instance
        assertThat(second.token()).isNotEqualTo(first.token());

        releaseStale.countDown(); // the stale worker gets its 500 and tries to reschedule
        Poll.until("the stale attempt to be logged", () -> store.attempts(id).size() == 1);
        OutboundMessage afterStale = message(id);
        assertThat(afterStale.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(afterStale.lease()).contains(second);
        assertThat(afterStale.attemptCount()).isZero();

        releaseCurrent.countDown();
        awaitStatus(id, DeliveryStatus.DELIVERED);
        assertThat(store.attempts(id)).extracting(DeliveryAttempt::statusCode).containsExactly(500, 200);
        assertThat(receiver.count()).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
