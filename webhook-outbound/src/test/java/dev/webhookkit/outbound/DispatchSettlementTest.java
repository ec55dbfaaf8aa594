package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.testing.FlakyStore;
import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver;
import dev.webhookkit.outbound.testing.SteppedSleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message whose outcome the store cannot record stays leased and is claimed again when the lease
 * ends; these tests check that such a message is not resent forever.
 */
class DispatchSettlementTest extends DispatcherTestSupport {
    /** The derived lease with the default timeouts: 10 s request + 5 s connect + 2 s margin. */
    private static final Duration DERIVED_LEASE = Duration.ofSeconds(17);

    @Test
    void aMessageWhoseCompletionKeepsFailingIsSentAtMostThreeTimesThenDeadLettered() throws Exception {
        FlakyStore flaky = new FlakyStore(store);
        flaky.failCompletes = true;
        store = flaky;
        Receiver receiver = receiver((n, r) -> Receiver.Answer.status(200));
        subscribe("s1", receiver.url());
        SteppedSleeper sleeper = new SteppedSleeper(clock);
        start(b -> b.sleeper(sleeper));

        String id = dispatcher.publish("incident.created", Map.of("n", 1)).get(0);
        for (int sends = 1; sends <= 3; sends++) {
            int expected = sends;
            Poll.until("send " + expected, () -> receiver.count() >= expected && flaky.failedCompletes.get() >= expected);
            assertThat(message(id).status()).isEqualTo(DeliveryStatus.PENDING);
            clock.advance(DERIVED_LEASE); // the lease runs out: the message is claimable again
        }
        awaitStatus(id, DeliveryStatus.DEAD_LETTERED);

        // More lease periods pass: nothing is sent any more.
        for (int i = 0; i < 3; i++) {
            clock.advance(DERIVED_LEASE);
            sleeper.awaitIdle(4, clock.instant()); // every worker looked at the store after the lease ran out
        }
        assertThat(receiver.count()).isEqualTo(3);
        List<DeliveryAttempt> attempts = store.attempts(id);
        assertThat(attempts).hasSize(1); // the three sends were never recorded: complete() failed
        assertThat(attempts.get(0).outcome()).isEqualTo(AttemptOutcome.NOT_SENT);
        assertThat(attempts.get(0).error()).contains("recording the outcome failed 3 times");
    }

    @Test
    void aCompletionThatFailsOnceIsRetriedByResendingAndThenRecorded() throws Exception {
        FlakyStore flaky = new FlakyStore(store);
        flaky.failCompletes = true;
        store = flaky;
        Receiver receiver = receiver((n, r) -> Receiver.Answer.status(200));
        subscribe("s1", receiver.url());
        start();

        String id = dispatcher.publish("incident.created", Map.of("n", 1)).get(0);
        Poll.until("first send", () -> flaky.failedCompletes.get() == 1);
        flaky.failCompletes = false;
        clock.advance(DERIVED_LEASE);

        awaitStatus(id, DeliveryStatus.DELIVERED);
        assertThat(receiver.count()).isEqualTo(2);
    }
}
