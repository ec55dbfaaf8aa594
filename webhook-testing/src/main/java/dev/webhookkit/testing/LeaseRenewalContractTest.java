package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeliveryQueue} that renews leases ({@link DeliveryQueue#renew}) must do: extend
 * exactly the leases still held under their token, in one call, and keep the messages away from
 * other claimants until the new end. An implementation's test extends this class and returns a
 * fresh, empty queue from {@link #createQueue}.
 */
public abstract class LeaseRenewalContractTest extends OutboxContractSupport {

    protected DeliveryQueue queue;

    /** A new, empty queue that renews leases and holds at least 100 pending messages. */
    protected abstract DeliveryQueue createQueue(Clock clock);

    @BeforeEach
    void setUpQueue() {
        queue = createQueue(clock);
    }

    private static Map<String, OutboundMessage.Lease> held(List<OutboundMessage> claimed) {
        Map<String, OutboundMessage.Lease> held = new HashMap<>();
        claimed.forEach(m -> held.put(m.id(), lease(m)));
        return held;
    }

    @Test
    void renewingExtendsEveryHeldLeaseSoNoOtherClaimantGetsTheMessages() {
        queue.enqueue(List.of(message("m1", "s1"), message("m2", "s2")));
        List<OutboundMessage> claimed = claim(queue, "w1", 10);
        Instant until = now().plus(LEASE.multipliedBy(3));

        assertThat(queue.renew(held(claimed), until)).containsExactlyInAnyOrder("m1", "m2");

        clock.advance(LEASE.plusSeconds(1)); // past the claim's lease, before the renewed one
        assertThat(claim(queue, "w2", 10)).isEmpty();
        clock.advance(LEASE.multipliedBy(2));
        assertThat(ids(claim(queue, "w2", 10))).containsExactlyInAnyOrder("m1", "m2");
    }

    @Test
    void aRenewedLeaseKeepsItsTokenSoTheClaimantCanStillSettle() {
        queue.enqueue(List.of(message("m1", "s1")));
        OutboundMessage m = claim(queue, "w1", 1).get(0);
        queue.renew(held(List.of(m)), now().plus(Duration.ofMinutes(5)));

        assertThat(queue.complete("m1", lease(m), attempt(m, 200))).isTrue();
    }

    @Test
    void aLeaseTakenOverBySomeoneElseIsNotRenewedAndTheNewHolderKeepsIt() {
        queue.enqueue(List.of(message("m1", "s1"), message("m2", "s1")));
        List<OutboundMessage> stale = claim(queue, "w1", 10);
        clock.advance(LEASE.plusSeconds(1));
        OutboundMessage m1Again = claim(queue, "w2", 1).get(0);
        String takenOver = m1Again.id();
        String stillMine = takenOver.equals("m1") ? "m2" : "m1";

        assertThat(queue.renew(held(stale), now().plus(Duration.ofHours(1)))).containsExactly(stillMine);

        // The new holder's lease was left as it was: it ends at its own time, not an hour from now.
        clock.advance(LEASE.plusSeconds(1));
        assertThat(ids(claim(queue, "w3", 10))).containsExactly(takenOver);
    }

    @Test
    void aLeaseThatRanOutButWasNotTakenOverIsStillTheTokensAndIsRenewed() {
        queue.enqueue(List.of(message("m1", "s1")));
        OutboundMessage m = claim(queue, "w1", 1).get(0);
        clock.advance(LEASE.plusSeconds(5));

        assertThat(queue.renew(held(List.of(m)), now().plus(LEASE))).containsExactly("m1");
        assertThat(claim(queue, "w2", 1)).isEmpty();
    }

    @Test
    void settledReleasedAndUnknownMessagesAreNotRenewed() {
        queue.enqueue(List.of(message("done", "s1"), message("back", "s1"), message("kept", "s1")));
        List<OutboundMessage> claimed = claim(queue, "w1", 10);
        Map<String, OutboundMessage.Lease> held = held(claimed);
        OutboundMessage done = claimed.stream().filter(m -> m.id().equals("done")).findFirst().orElseThrow();
        assertThat(queue.complete("done", lease(done), attempt(done, 200))).isTrue();
        assertThat(queue.release("back", held.get("back"))).isTrue();
        held.put("never-stored", held.get("kept"));

        assertThat(queue.renew(held, now().plus(LEASE))).containsExactly("kept");
        // The released message stays free: a renewal does not claim it back.
        assertThat(ids(claim(queue, "w2", 10))).containsExactly("back");
    }

    @Test
    void renewingNothingChangesNothing() {
        queue.enqueue(List.of(message("m1", "s1")));
        assertThat(queue.renew(Map.of(), now().plus(LEASE))).isEmpty();
        assertThat(ids(claim(queue, "w1", 10))).containsExactly("m1");
    }

    @Test
    void manyLeasesAreRenewedInOneCall() {
        List<OutboundMessage> many = new java.util.ArrayList<>();
        for (int i = 0; i < 90; i++) {
            many.add(message(String.format("m%04d", i), "s" + (i % 7)));
        }
        queue.enqueue(many);
        List<OutboundMessage> claimed = claim(queue, "w1", 90);
        assertThat(claimed).hasSize(90);

        assertThat(queue.renew(held(claimed), now().plus(LEASE.multipliedBy(2)))).hasSize(90);
        clock.advance(LEASE.plusSeconds(1));
        assertThat(claim(queue, "w2", 90)).isEmpty();
    }
}
