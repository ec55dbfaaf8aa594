package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DeliveryStoreFullException;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryQueue;
import dev.webhookkit.outbound.spi.SettleRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DeliveryQueue} must show, observed through the queue alone: what a
 * claim returns, which settlements are applied, what {@code redeliver} accepts. An implementation's
 * test extends this class and returns a fresh, empty queue from {@link #createQueue}; the queue
 * must take the times it is given (claims, reschedules).
 */
public abstract class DeliveryQueueContractTest extends OutboxContractSupport {

    protected DeliveryQueue queue;

    /** A new, empty queue holding at most {@code capacity} pending messages. */
    protected abstract DeliveryQueue createQueue(int capacity, Clock clock);

    @BeforeEach
    void setUpQueue() {
        queue = createQueue(100, clock);
    }

    protected List<OutboundMessage> claim(String claimant, int limit) {
        return claim(queue, claimant, limit);
    }

    @Test
    void aMessagesOwnHeadersSurviveEveryClaimAndReschedule() {
        // Repeated names, their order and their spelling are kept: the dispatcher sends them as stored.
        dev.webhookkit.core.Headers own = dev.webhookkit.core.Headers.builder().add("Content-Type", "application/x-www-form-urlencoded")
                .add("X-Forwarded-For", "203.0.113.7").add("X-Forwarded-For", "198.51.100.2").add("Webhookkit-Hops", "2").build();
        queue.enqueue(List.of(message("m1", "s1").toBuilder().headers(own).build(), message("m2", "s1")));

        List<OutboundMessage> first = claim("w1", 10);
        OutboundMessage m1 = first.stream().filter(m -> m.id().equals("m1")).findFirst().orElseThrow();
        assertThat(m1.headers()).isEqualTo(own);
        assertThat(m1.headers().all("X-Forwarded-For")).containsExactly("203.0.113.7", "198.51.100.2");
        assertThat(first.stream().filter(m -> m.id().equals("m2")).findFirst().orElseThrow().headers().size()).isZero();

        assertThat(queue.reschedule("m1", lease(m1), attempt(m1, 503), now())).isTrue();
        clock.advance(Duration.ofSeconds(31));
        OutboundMessage again = claim("w2", 10).stream().filter(m -> m.id().equals("m1")).findFirst().orElseThrow();
        assertThat(again.attemptCount()).isEqualTo(1);
        assertThat(again.headers()).isEqualTo(own);
    }

    @Test
    void enqueuedMessageIsClaimableAtOnceAndKeepsItsBody() {
        OutboundMessage m = message("m1", "s1");
        queue.enqueue(List.of(m));

        OutboundMessage claimed = claim("w1", 10).get(0);
        assertThat(claimed.id()).isEqualTo("m1");
        assertThat(claimed.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(claimed.attemptCount()).isZero();
        assertThat(claimed.nextAttemptAt()).isEqualTo(now());
        assertThat(claimed.body()).isEqualTo(m.body());
        assertThat(claimed.eventType()).isEqualTo("incident.created");
        assertThat(claimed.createdAt()).isEqualTo(m.createdAt());
    }

    @Test
    void enqueueFailsFastWhenFullAndStoresNoneOfTheBatch() {
        queue = createQueue(3, clock);
        queue.enqueue(List.of(message("a", "s1"), message("b", "s1")));

        assertThatThrownBy(() -> queue.enqueue(List.of(message("c", "s1"), message("d", "s1"))))
                .isInstanceOf(DeliveryStoreFullException.class)
                .hasMessageContaining("3");

        queue.enqueue(List.of(message("c", "s1")));
        assertThatThrownBy(() -> queue.enqueue(List.of(message("d", "s1")))).isInstanceOf(DeliveryStoreFullException.class);
        assertThat(ids(claim("w1", 10))).containsExactly("a", "b", "c");
    }

    @Test
    void finishingAMessageFreesItsPlace() {
        queue = createQueue(1, clock);
        queue.enqueue(List.of(message("a", "s1")));
        OutboundMessage claimed = claim("w1", 1).get(0);
        assertThat(queue.complete("a", lease(claimed), attempt(claimed, 200))).isTrue();

        queue.enqueue(List.of(message("b", "s1")));
        assertThat(ids(claim("w1", 10))).containsExactly("b");
    }

    @Test
    void enqueueRejectsAnIdAlreadyStored() {
        queue.enqueue(List.of(message("a", "s1")));
        assertThatThrownBy(() -> queue.enqueue(List.of(message("a", "s2"))))
                .isInstanceOf(dev.webhookkit.core.AlreadyExistsException.class).hasMessage("message 'a' already exists");
        assertThat(claim("w1", 10)).singleElement().satisfies(m -> assertThat(m.subscriptionId()).isEqualTo("s1"));
    }

    @Test
    void claimLeasesDueMessagesEarliestDueFirst() {
        queue.enqueue(List.of(message("a", "s1")));
        clock.advance(Duration.ofSeconds(1));
        queue.enqueue(List.of(message("b", "s2")));
        clock.advance(Duration.ofSeconds(1));
        queue.enqueue(List.of(message("c", "s1")));

        List<OutboundMessage> claimed = claim("w1", 10);

        assertThat(ids(claimed)).containsExactly("a", "b", "c");
        assertThat(claimed).allSatisfy(m -> {
            assertThat(m.lease()).contains(new OutboundMessage.Lease("w1", now().plus(LEASE), lease(m).token()));
            assertThat(m.status()).isEqualTo(DeliveryStatus.PENDING);
        });
    }

    @Test
    void claimTakesNoMoreThanTheLimit() {
        queue.enqueue(List.of(message("a", "s1"), message("b", "s1"), message("c", "s1")));

        assertThat(claim("w1", 2)).hasSize(2);
        assertThat(claim("w1", 2)).hasSize(1);
        assertThat(claim("w1", 2)).isEmpty();
    }

    @Test
    void claimSkipsMessagesNotYetDue() {
        queue.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        queue.reschedule("a", lease(a), attempt(a, 500), now().plusSeconds(60));

        assertThat(claim("w1", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(claim("w1", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(ids(claim("w1", 10))).containsExactly("a");
    }

    @Test
    void aLeasedMessageIsNotClaimedByAnotherClaimant() {
        queue.enqueue(List.of(message("a", "s1")));
        assertThat(claim("w1", 10)).hasSize(1);

        clock.advance(LEASE.minusSeconds(1));
        assertThat(claim("w2", 10)).isEmpty();
        assertThat(claim("w1", 10)).isEmpty();
    }

    @Test
    void anExpiredLeaseMakesTheMessageClaimableAgainAndTheOldClaimantLosesIt() {
        queue.enqueue(List.of(message("a", "s1")));
        OutboundMessage first = claim("w1", 10).get(0);

        clock.advance(LEASE);
        List<OutboundMessage> again = claim("w2", 10);

        assertThat(ids(again)).containsExactly("a");
        assertThat(again.get(0).lease().orElseThrow().claimant()).isEqualTo("w2");
        assertThat(queue.complete("a", lease(first), attempt(first, 200))).isFalse();
        assertThat(queue.redeliver("a", now())).as("still pending").isFalse();
        assertThat(queue.complete("a", lease(again.get(0)), attempt(again.get(0), 200))).isTrue();
        assertThat(queue.redeliver("a", now())).as("finished").isTrue();
    }

    @Test
    void everyClaimWritesItsOwnLeaseToken() {
        queue.enqueue(List.of(message("a", "s1"), message("b", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        OutboundMessage b = claim("w1", 1).get(0);

        assertThat(lease(a).token()).isNotBlank();
        assertThat(lease(b).token()).isNotBlank().isNotEqualTo(lease(a).token());
    }

    @Test
    void aReclaimAfterTheLeaseRanOutGetsANewTokenAndTheOldOneCannotSettle() {
        queue.enqueue(List.of(message("a", "s1")));
        OutboundMessage first = claim("w1", 1).get(0);
        clock.advance(LEASE);
        // The same claimant (another worker of the same instance) takes the message over.
        OutboundMessage second = claim("w1", 1).get(0);
        OutboundMessage.Lease stale = lease(first);

        assertThat(lease(second).token()).isNotEqualTo(stale.token());
        assertThat(queue.complete("a", stale, attempt(first, 200))).isFalse();
        assertThat(queue.reschedule("a", stale, attempt(first, 500), now().plusSeconds(60))).isFalse();
        assertThat(queue.deadLetter("a", stale, attempt(first, 400))).isFalse();
        assertThat(queue.release("a", stale)).isFalse();
        assertThat(claim("w2", 10)).as("still leased to the second claim").isEmpty();

        assertThat(queue.complete("a", lease(second), attempt(second, 200))).isTrue();
        assertThat(queue.complete("a", lease(second), attempt(second, 200))).as("settled once only").isFalse();
    }

    @Test
    void claimSkipsExcludedSubscriptions() {
        queue.enqueue(List.of(message("a", "busy"), message("b", "busy"), message("c", "idle")));

        List<OutboundMessage> claimed = queue.claim(new ClaimRequest("w1", now(), LEASE, 10, Set.of("busy")));

        assertThat(ids(claimed)).containsExactly("c");
        assertThat(ids(claim("w1", 10))).containsExactlyInAnyOrder("a", "b");
    }

    /** A claim by {@code claimant} that treats subscription {@code "fifo"} as ordered. */
    private List<OutboundMessage> claimOrdered(String claimant, int limit) {
        return queue.claim(ClaimRequest.of(claimant, now(), LEASE, limit).withOrdered(Set.of("fifo")));
    }

    private void enqueueFifoAndFree() {
        queue.enqueue(List.of(message("o1", "fifo"), message("o2", "fifo"), message("o3", "fifo"), message("f1", "free"), message("f2", "free")));
    }

    @Test
    void anOrderedSubscriptionHandsOutOnlyItsEarliestMessageWhileOthersFlowFreely() {
        enqueueFifoAndFree();

        assertThat(ids(claimOrdered("w1", 10))).containsExactlyInAnyOrder("o1", "f1", "f2");
        assertThat(claimOrdered("w2", 10)).as("o1 is leased: o2 waits").isEmpty();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(claimOrdered("w2", 10)).isEmpty();
    }

    @Test
    void aLaterMessageOfAnOrderedSubscriptionWaitsWhileTheEarlierOneRetries() {
        enqueueFifoAndFree();
        OutboundMessage o1 = claimOrdered("w1", 1).get(0);
        assertThat(o1.id()).isEqualTo("o1");
        assertThat(queue.reschedule("o1", lease(o1), attempt(o1, 503), now().plusSeconds(60))).isTrue();

        List<OutboundMessage> free = claimOrdered("w1", 10);
        assertThat(ids(free)).as("o2 and o3 are due but wait behind o1").containsExactlyInAnyOrder("f1", "f2");
        free.forEach(f -> assertThat(queue.complete(f.id(), lease(f), attempt(f, 200))).isTrue());
        clock.advance(Duration.ofSeconds(59));
        assertThat(claimOrdered("w1", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        OutboundMessage retry = claimOrdered("w1", 10).get(0);
        assertThat(retry.id()).isEqualTo("o1");
        assertThat(retry.attemptCount()).isEqualTo(1);
        assertThat(claimOrdered("w2", 10)).isEmpty();

        assertThat(queue.complete("o1", lease(retry), attempt(retry, 200))).isTrue();
        assertThat(ids(claimOrdered("w2", 10))).containsExactly("o2");
    }

    @Test
    void deadLetteringTheEarliestMessageOfAnOrderedSubscriptionLetsTheNextGo() {
        enqueueFifoAndFree();
        OutboundMessage o1 = claimOrdered("w1", 1).get(0);
        assertThat(queue.deadLetter("o1", lease(o1), attempt(o1, 400))).isTrue();

        OutboundMessage o2 = claimOrdered("w1", 1).get(0);
        assertThat(o2.id()).isEqualTo("o2");
        assertThat(queue.release("o2", lease(o2))).isTrue();
        assertThat(ids(claimOrdered("w2", 1))).as("a released message keeps its place").containsExactly("o2");
    }

    @Test
    void anOrderedSubscriptionWaitsWhileAnyOfItsMessagesIsLeased() {
        queue.enqueue(List.of(message("o1", "fifo"), message("o2", "fifo"), message("o3", "fifo")));
        // Claimed before the subscription was ordered: both are leased.
        List<OutboundMessage> unordered = claim("w1", 2);
        assertThat(ids(unordered)).containsExactly("o1", "o2");
        assertThat(queue.release("o1", lease(unordered.get(0)))).isTrue();

        assertThat(claimOrdered("w2", 10)).as("o1 is first but o2 is in flight").isEmpty();
        assertThat(queue.complete("o2", lease(unordered.get(1)), attempt(unordered.get(1), 200))).isTrue();
        assertThat(ids(claimOrdered("w2", 10))).containsExactly("o1");
    }

    @Test
    void anExpiredLeaseOfAnOrderedSubscriptionHandsTheSameMessageOverNotTheNext() {
        queue.enqueue(List.of(message("o1", "fifo"), message("o2", "fifo")));
        OutboundMessage first = claimOrdered("w1", 10).get(0);
        clock.advance(LEASE);

        List<OutboundMessage> again = claimOrdered("w2", 10);
        assertThat(ids(again)).containsExactly("o1");
        assertThat(lease(again.get(0)).token()).isNotEqualTo(lease(first).token());
        assertThat(claimOrdered("w3", 10)).isEmpty();
    }

    @Test
    void aDeadLetterRedeliveredByHandTakesItsPlaceFirstOnceTheMessageInFlightIsDone() {
        queue.enqueue(List.of(message("o1", "fifo"), message("o2", "fifo"), message("o3", "fifo")));
        OutboundMessage o1 = claimOrdered("w1", 1).get(0);
        queue.deadLetter("o1", lease(o1), attempt(o1, 400));
        OutboundMessage o2 = claimOrdered("w1", 1).get(0);
        assertThat(o2.id()).isEqualTo("o2");

        assertThat(queue.redeliver("o1", now())).isTrue();
        assertThat(claimOrdered("w2", 10)).as("o2 is still in flight").isEmpty();
        assertThat(queue.complete("o2", lease(o2), attempt(o2, 200))).isTrue();
        assertThat(ids(claimOrdered("w2", 10))).containsExactly("o1");
    }

    @Test
    void oneClaimTakesTheEarliestMessageOfEachOrderedSubscription() {
        queue.enqueue(List.of(message("a1", "fifo-a"), message("b1", "fifo-b"), message("a2", "fifo-a"), message("b2", "fifo-b")));

        List<OutboundMessage> claimed = queue.claim(ClaimRequest.of("w1", now(), LEASE, 10).withOrdered(Set.of("fifo-a", "fifo-b")));

        assertThat(ids(claimed)).containsExactlyInAnyOrder("a1", "b1");
    }

    @Test
    void aSubscriptionThatIsBothExcludedAndOrderedIsSkipped() {
        queue.enqueue(List.of(message("o1", "fifo"), message("f1", "free")));

        List<OutboundMessage> claimed = queue.claim(new ClaimRequest("w1", now(), LEASE, 10, Set.of("fifo"), Set.of("fifo")));

        assertThat(ids(claimed)).containsExactly("f1");
    }

    @Test
    void aCompletedMessageIsNeverClaimedAgain() {
        queue.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);

        assertThat(queue.complete("a", lease(a), attempt(a, 204))).isTrue();

        clock.advance(LEASE.multipliedBy(2));
        assertThat(claim("w1", 10)).isEmpty();
    }

    @Test
    void aClaimantWithoutTheLeaseCannotChangeTheMessage() {
        queue.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        OutboundMessage.Lease intruder = new OutboundMessage.Lease("intruder", now().plus(LEASE), "not-the-token");

        assertThat(queue.complete("a", intruder, attempt(a, 200))).isFalse();
        assertThat(queue.reschedule("a", intruder, attempt(a, 500), now())).isFalse();
        assertThat(queue.deadLetter("a", intruder, attempt(a, 400))).isFalse();
        assertThat(queue.release("a", intruder)).isFalse();

        assertThat(claim("w2", 10)).as("still leased to w1").isEmpty();
        assertThat(queue.complete("a", lease(a), attempt(a, 200))).isTrue();
    }

    @Test
    void anUnclaimedMessageCannotBeCompleted() {
        queue.enqueue(List.of(message("a", "s1")));
        assertThat(queue.complete("a", new OutboundMessage.Lease("w1", now().plus(LEASE), "never-claimed"), attempt("a", "s1", 1, 200))).isFalse();
        assertThat(ids(claim("w1", 10))).as("still pending").containsExactly("a");
    }

    @Test
    void rescheduleMakesTheMessageDueLaterWithItsAttemptCounted() {
        queue.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        Instant later = now().plusSeconds(5);

        assertThat(queue.reschedule("a", lease(a), attempt(a, 503), later)).isTrue();

        clock.advance(Duration.ofSeconds(5));
        OutboundMessage second = claim("w2", 1).get(0);
        assertThat(second.attemptCount()).isEqualTo(1);
        assertThat(second.nextAttemptAt()).isEqualTo(later);
        assertThat(queue.complete("a", lease(second), attempt(second, 200))).isTrue();
    }

    @Test
    void releaseGivesTheMessageBackUntriedAndClaimableAtOnce() {
        queue.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);

        assertThat(queue.release("a", lease(a))).isTrue();

        OutboundMessage back = claim("w2", 1).get(0);
        assertThat(back.id()).isEqualTo("a");
        assertThat(back.attemptCount()).isZero();
        assertThat(back.nextAttemptAt()).isEqualTo(a.nextAttemptAt());
    }

    @Test
    void aDeadLetteredMessageCanBeRedeliveredByHand() {
        queue.enqueue(List.of(message("a", "s1"), message("b", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        assertThat(queue.deadLetter("a", lease(a), attempt(a, 400))).isTrue();
        clock.advance(LEASE);
        assertThat(ids(claim("w1", 10))).as("a is given up").containsExactly("b");

        clock.advance(Duration.ofMinutes(1));
        assertThat(queue.redeliver("a", now())).isTrue();

        List<OutboundMessage> claimed = claim("w1", 10);
        assertThat(ids(claimed)).containsExactlyInAnyOrder("a", "b");
        OutboundMessage again = claimed.stream().filter(m -> m.id().equals("a")).findFirst().orElseThrow();
        assertThat(again.attemptCount()).isZero();
        assertThat(again.nextAttemptAt()).isEqualTo(now());
    }

    @Test
    void redeliverRefusesPendingAndUnknownMessages() {
        queue.enqueue(List.of(message("a", "s1")));
        assertThat(queue.redeliver("a", now())).isFalse();
        assertThat(queue.redeliver("nope", now())).isFalse();
    }

    @Test
    void redeliverFailsWhenTheStoreIsFull() {
        queue = createQueue(1, clock);
        queue.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        queue.deadLetter("a", lease(a), attempt(a, 500));
        queue.enqueue(List.of(message("b", "s1")));

        assertThatThrownBy(() -> queue.redeliver("a", now())).isInstanceOf(DeliveryStoreFullException.class);
        assertThat(ids(claim("w1", 10))).as("a stays given up").containsExactly("b");
    }

    @Test
    void nextDueAtIsEmptyOrTheEarliestDueTime() {
        queue.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        queue.reschedule(a.id(), lease(a), attempt(a, 500), now().plusSeconds(300));
        clock.advance(Duration.ofSeconds(1));
        queue.enqueue(List.of(message("b", "s2")));
        OutboundMessage b = claim("w1", 1).get(0);
        queue.reschedule(b.id(), lease(b), attempt(b, 500), now().plusSeconds(60));

        queue.nextDueAt().ifPresent(due -> assertThat(due).isEqualTo(now().plusSeconds(60)));
    }

    @Test
    void settleAllAppliesEachChangeAsItsSingleCallWould() {
        queue.enqueue(List.of(message("a", "s1"), message("b", "s1"), message("c", "s1"), message("d", "s1")));
        List<OutboundMessage> claimed = claim("w1", 10);
        OutboundMessage a = byId(claimed, "a");
        OutboundMessage b = byId(claimed, "b");
        OutboundMessage c = byId(claimed, "c");
        OutboundMessage d = byId(claimed, "d");
        Instant later = now().plusSeconds(60);

        List<Boolean> applied = queue.settleAll(List.of(SettleRequest.complete("a", lease(a), attempt(a, 200)),
                SettleRequest.reschedule("b", lease(b), attempt(b, 503), later), SettleRequest.deadLetter("c", lease(c), attempt(c, 400)),
                SettleRequest.release("d", lease(d))));

        assertThat(applied).containsExactly(true, true, true, true);
        OutboundMessage back = claim("w2", 10).get(0);
        assertThat(back.id()).as("released, claimable at once; b not due yet").isEqualTo("d");
        assertThat(back.attemptCount()).isZero();
        assertThat(queue.redeliver("a", now())).as("a delivered").isTrue();
        assertThat(queue.redeliver("c", now())).as("c dead-lettered").isTrue();
        clock.advance(Duration.ofSeconds(60));
        OutboundMessage retried = claim("w2", 10).stream().filter(m -> m.id().equals("b")).findFirst().orElseThrow();
        assertThat(retried.attemptCount()).isEqualTo(1);
        assertThat(retried.nextAttemptAt()).isEqualTo(later);
    }

    @Test
    void settleAllRefusesALostLeaseForThatMessageAloneInRequestOrder() {
        queue.enqueue(List.of(message("a", "s1"), message("b", "s1"), message("c", "s1")));
        OutboundMessage staleA = claim("w1", 1).get(0);
        clock.advance(LEASE);
        List<OutboundMessage> second = claim("w2", 10);
        OutboundMessage a = byId(second, "a");
        OutboundMessage b = byId(second, "b");
        OutboundMessage c = byId(second, "c");
        OutboundMessage.Lease intruder = new OutboundMessage.Lease("intruder", now().plus(LEASE), "not-the-token");

        List<Boolean> applied = queue.settleAll(List.of(SettleRequest.complete("c", lease(c), attempt(c, 200)),
                SettleRequest.complete("a", lease(staleA), attempt(staleA, 200)), SettleRequest.release("b", intruder),
                SettleRequest.reschedule("b", lease(b), attempt(b, 500), now())));

        assertThat(applied).containsExactly(true, false, false, true);
        assertThat(ids(claim("w3", 10))).as("a still leased to w2, b due again").containsExactly("b");
        assertThat(queue.complete("a", lease(a), attempt(a, 200))).isTrue();
        assertThat(queue.settleAll(List.of(SettleRequest.complete("c", lease(c), attempt(c, 200))))).as("settled once only")
                .containsExactly(false);
    }

    @Test
    void settleAllOfNothingChangesNothing() {
        queue.enqueue(List.of(message("a", "s1")));
        assertThat(queue.settleAll(List.of())).isEmpty();
        assertThat(ids(claim("w1", 10))).containsExactly("a");
    }

    private static OutboundMessage byId(List<OutboundMessage> messages, String id) {
        return messages.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no " + id + " in " + ids(messages)));
    }

    @Test
    void concurrentClaimantsNeverClaimTheSameMessage() throws Exception {
        int messages = 500;
        queue = createQueue(messages, clock);
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            batch.add(message("m" + i, "s" + (i % 7)));
        }
        queue.enqueue(batch);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger completed = new AtomicInteger();
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String claimant = "w" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    int duplicates = 0;
                    List<OutboundMessage> got;
                    while (!(got = queue.claim(ClaimRequest.of(claimant, now(), LEASE, 5))).isEmpty()) {
                        for (OutboundMessage m : got) {
                            duplicates += seen.add(m.id()) ? 0 : 1;
                            if (queue.complete(m.id(), lease(m), attempt(m, 200))) {
                                completed.incrementAndGet();
                            }
                        }
                    }
                    return duplicates;
                }));
            }
            start.countDown();
            int duplicates = 0;
            for (Future<Integer> f : results) {
                duplicates += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(duplicates).isZero();
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(messages);
        assertThat(completed).hasValue(messages);
        assertThat(claim("w0", 10)).isEmpty();
    }
}
