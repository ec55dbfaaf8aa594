package dev.webhookkit.outbound.testing;

import dev.webhookkit.core.ConfigurationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.MutableClock;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DeliveryStoreFullException;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DeliveryStore} must show. An implementation's test extends this class
 * and returns a fresh, empty store from {@link #createStore}; the store must take the times it is
 * given (claims, reschedules) and may stamp {@code updatedAt} from {@code clock}.
 *
 * <p>Shipped in webhook-outbound's test jar ({@code <classifier>tests</classifier>}).
 */
public abstract class DeliveryStoreContractTest {
    protected static final Duration LEASE = Duration.ofSeconds(30);

    protected MutableClock clock;
    protected DeliveryStore store;

    /** A new, empty store holding at most {@code capacity} pending messages. */
    protected abstract DeliveryStore createStore(int capacity, Clock clock);

    @BeforeEach
    void setUpStore() {
        clock = MutableClock.at("2026-01-01T00:00:00Z");
        store = createStore(100, clock);
    }

    protected Instant now() {
        return clock.instant();
    }

    protected OutboundMessage message(String id, String subscriptionId) {
        return OutboundMessage.pending(id, subscriptionId, "incident.created", now(),
                ("{\"event\":\"incident.created\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    protected DeliveryAttempt attempt(String messageId, String subscriptionId, int number, int status) {
        return DeliveryAttempt.answered(messageId, subscriptionId, number, "http://127.0.0.1:1/hook", now(),
                Duration.ofMillis(12), status, status >= 300 ? "nope" : "ok");
    }

    protected DeliveryAttempt attempt(OutboundMessage m, int status) {
        return attempt(m.id(), m.subscriptionId(), m.attemptCount() + 1, status);
    }

    protected List<OutboundMessage> claim(String claimant, int limit) {
        return store.claim(ClaimRequest.of(claimant, now(), LEASE, limit));
    }

    /** The lease a claim returned with the message. */
    protected static OutboundMessage.Lease lease(OutboundMessage claimed) {
        return claimed.lease().orElseThrow();
    }

    private static List<String> ids(List<OutboundMessage> messages) {
        return messages.stream().map(OutboundMessage::id).toList();
    }

    @Test
    void enqueuedMessageIsPendingDueAtOnceAndKeepsItsBody() {
        OutboundMessage m = message("m1", "s1");
        store.enqueue(List.of(m));

        OutboundMessage stored = store.message("m1").orElseThrow();
        assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(stored.attemptCount()).isZero();
        assertThat(stored.nextAttemptAt()).isEqualTo(now());
        assertThat(stored.lease()).isEmpty();
        assertThat(stored.body()).isEqualTo(m.body());
        assertThat(stored.eventType()).isEqualTo("incident.created");
        assertThat(stored.createdAt()).isEqualTo(m.createdAt());
        assertThat(store.count(DeliveryStatus.PENDING)).isEqualTo(1);
    }

    @Test
    void unknownMessageIsEmpty() {
        assertThat(store.message("nope")).isEmpty();
        assertThat(store.attempts("nope")).isEmpty();
    }

    @Test
    void enqueueFailsFastWhenFullAndStoresNoneOfTheBatch() {
        store = createStore(3, clock);
        store.enqueue(List.of(message("a", "s1"), message("b", "s1")));

        assertThatThrownBy(() -> store.enqueue(List.of(message("c", "s1"), message("d", "s1"))))
                .isInstanceOf(DeliveryStoreFullException.class)
                .hasMessageContaining("3");
        assertThat(store.message("c")).isEmpty();
        assertThat(store.message("d")).isEmpty();
        assertThat(store.count(DeliveryStatus.PENDING)).isEqualTo(2);

        store.enqueue(List.of(message("c", "s1")));
        assertThat(store.count(DeliveryStatus.PENDING)).isEqualTo(3);
    }

    @Test
    void finishingAMessageFreesItsPlace() {
        store = createStore(1, clock);
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage claimed = claim("w1", 1).get(0);
        assertThat(store.complete("a", lease(claimed), attempt(claimed, 200))).isTrue();

        store.enqueue(List.of(message("b", "s1")));
        assertThat(store.message("b")).isPresent();
    }

    @Test
    void enqueueRejectsAnIdAlreadyStored() {
        store.enqueue(List.of(message("a", "s1")));
        assertThatThrownBy(() -> store.enqueue(List.of(message("a", "s2"))))
                .isInstanceOf(ConfigurationException.class);
        assertThat(store.message("a").orElseThrow().subscriptionId()).isEqualTo("s1");
    }

    @Test
    void claimLeasesDueMessagesEarliestDueFirst() {
        store.enqueue(List.of(message("a", "s1")));
        clock.advance(Duration.ofSeconds(1));
        store.enqueue(List.of(message("b", "s2")));
        clock.advance(Duration.ofSeconds(1));
        store.enqueue(List.of(message("c", "s1")));

        List<OutboundMessage> claimed = claim("w1", 10);

        assertThat(ids(claimed)).containsExactly("a", "b", "c");
        assertThat(claimed).allSatisfy(m -> {
            assertThat(m.lease()).contains(new OutboundMessage.Lease("w1", now().plus(LEASE), lease(m).token()));
            assertThat(m.status()).isEqualTo(DeliveryStatus.PENDING);
        });
        assertThat(store.message("a").orElseThrow().lease()).isPresent();
    }

    @Test
    void claimTakesNoMoreThanTheLimit() {
        store.enqueue(List.of(message("a", "s1"), message("b", "s1"), message("c", "s1")));

        assertThat(claim("w1", 2)).hasSize(2);
        assertThat(claim("w1", 2)).hasSize(1);
        assertThat(claim("w1", 2)).isEmpty();
    }

    @Test
    void claimSkipsMessagesNotYetDue() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        store.reschedule("a", lease(a), attempt(a, 500), now().plusSeconds(60));

        assertThat(claim("w1", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(claim("w1", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(ids(claim("w1", 10))).containsExactly("a");
    }

    @Test
    void aLeasedMessageIsNotClaimedByAnotherClaimant() {
        store.enqueue(List.of(message("a", "s1")));
        assertThat(claim("w1", 10)).hasSize(1);

        clock.advance(LEASE.minusSeconds(1));
        assertThat(claim("w2", 10)).isEmpty();
        assertThat(claim("w1", 10)).isEmpty();
    }

    @Test
    void anExpiredLeaseMakesTheMessageClaimableAgainAndTheOldClaimantLosesIt() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage first = claim("w1", 10).get(0);

        clock.advance(LEASE);
        List<OutboundMessage> again = claim("w2", 10);

        assertThat(ids(again)).containsExactly("a");
        assertThat(again.get(0).lease().orElseThrow().claimant()).isEqualTo("w2");
        assertThat(store.complete("a", lease(first), attempt(first, 200))).isFalse();
        assertThat(store.message("a").orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(store.complete("a", lease(again.get(0)), attempt(again.get(0), 200))).isTrue();
        assertThat(store.message("a").orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void everyClaimWritesItsOwnLeaseToken() {
        store.enqueue(List.of(message("a", "s1"), message("b", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        OutboundMessage b = claim("w1", 1).get(0);

        assertThat(lease(a).token()).isNotBlank();
        assertThat(lease(b).token()).isNotBlank().isNotEqualTo(lease(a).token());
        assertThat(store.message("a").orElseThrow().lease()).contains(lease(a));
    }

    @Test
    void aReclaimAfterTheLeaseRanOutGetsANewTokenAndTheOldOneCannotSettle() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage first = claim("w1", 1).get(0);
        clock.advance(LEASE);
        // The same claimant (another worker of the same instance) takes the message over.
        OutboundMessage second = claim("w1", 1).get(0);
        OutboundMessage.Lease stale = lease(first);

        assertThat(lease(second).token()).isNotEqualTo(stale.token());
        assertThat(store.complete("a", stale, attempt(first, 200))).isFalse();
        assertThat(store.reschedule("a", stale, attempt(first, 500), now().plusSeconds(60))).isFalse();
        assertThat(store.deadLetter("a", stale, attempt(first, 400))).isFalse();
        assertThat(store.release("a", stale)).isFalse();
        OutboundMessage still = store.message("a").orElseThrow();
        assertThat(still.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(still.lease()).contains(lease(second));
        assertThat(still.attemptCount()).isZero();

        assertThat(store.complete("a", lease(second), attempt(second, 200))).isTrue();
        assertThat(store.message("a").orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(store.complete("a", lease(second), attempt(second, 200))).as("settled once only").isFalse();
    }

    @Test
    void claimSkipsExcludedSubscriptions() {
        store.enqueue(List.of(message("a", "busy"), message("b", "busy"), message("c", "idle")));

        List<OutboundMessage> claimed = store.claim(new ClaimRequest("w1", now(), LEASE, 10, Set.of("busy")));

        assertThat(ids(claimed)).containsExactly("c");
        assertThat(ids(claim("w1", 10))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void completeMarksDeliveredAndRecordsTheAttempt() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        DeliveryAttempt attempt = attempt(a, 204);

        assertThat(store.complete("a", lease(a), attempt)).isTrue();

        OutboundMessage done = store.message("a").orElseThrow();
        assertThat(done.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(done.attemptCount()).isEqualTo(1);
        assertThat(done.lease()).isEmpty();
        assertThat(store.attempts("a")).containsExactly(attempt);
        assertThat(store.count(DeliveryStatus.PENDING)).isZero();
        assertThat(store.count(DeliveryStatus.DELIVERED)).isEqualTo(1);
        assertThat(claim("w1", 10)).isEmpty();
    }

    @Test
    void aClaimantWithoutTheLeaseCannotChangeTheMessageButItsAttemptIsLogged() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        DeliveryAttempt stray = attempt(a, 200);
        OutboundMessage.Lease intruder = new OutboundMessage.Lease("intruder", now().plus(LEASE), "not-the-token");

        assertThat(store.complete("a", intruder, stray)).isFalse();
        assertThat(store.reschedule("a", intruder, stray, now())).isFalse();
        assertThat(store.deadLetter("a", intruder, stray)).isFalse();
        assertThat(store.release("a", intruder)).isFalse();

        OutboundMessage still = store.message("a").orElseThrow();
        assertThat(still.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(still.lease().orElseThrow().claimant()).isEqualTo("w1");
        assertThat(store.attempts("a")).hasSize(3);
    }

    @Test
    void anUnclaimedMessageCannotBeCompleted() {
        store.enqueue(List.of(message("a", "s1")));
        assertThat(store.complete("a", new OutboundMessage.Lease("w1", now().plus(LEASE), "never-claimed"), attempt("a", "s1", 1, 200))).isFalse();
        assertThat(store.message("a").orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void rescheduleRecordsTheAttemptAndMakesTheMessageDueLater() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        Instant later = now().plusSeconds(5);

        assertThat(store.reschedule("a", lease(a), attempt(a, 503), later)).isTrue();

        OutboundMessage waiting = store.message("a").orElseThrow();
        assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(waiting.attemptCount()).isEqualTo(1);
        assertThat(waiting.nextAttemptAt()).isEqualTo(later);
        assertThat(waiting.lease()).isEmpty();
        assertThat(store.attempts("a")).extracting(DeliveryAttempt::statusCode).containsExactly(503);

        clock.advance(Duration.ofSeconds(5));
        OutboundMessage second = claim("w2", 1).get(0);
        assertThat(second.attemptCount()).isEqualTo(1);
        assertThat(store.complete("a", lease(second), attempt(second, 200))).isTrue();
        assertThat(store.message("a").orElseThrow().attemptCount()).isEqualTo(2);
        assertThat(store.attempts("a")).extracting(DeliveryAttempt::attemptNumber).containsExactly(1, 2);
    }

    @Test
    void releaseGivesTheMessageBackUntriedAndClaimableAtOnce() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);

        assertThat(store.release("a", lease(a))).isTrue();

        OutboundMessage back = store.message("a").orElseThrow();
        assertThat(back.lease()).isEmpty();
        assertThat(back.attemptCount()).isZero();
        assertThat(store.attempts("a")).isEmpty();
        assertThat(ids(claim("w2", 1))).containsExactly("a");
    }

    @Test
    void deadLetteredMessageIsListedAndCanBeRedeliveredByHand() {
        store.enqueue(List.of(message("a", "s1"), message("b", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        assertThat(store.deadLetter("a", lease(a), attempt(a, 400))).isTrue();

        assertThat(store.message("a").orElseThrow().status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
        assertThat(ids(store.messagesWithStatus(DeliveryStatus.DEAD_LETTERED, 10))).containsExactly("a");
        assertThat(store.count(DeliveryStatus.DEAD_LETTERED)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(store.redeliver("a", now())).isTrue();

        OutboundMessage again = store.message("a").orElseThrow();
        assertThat(again.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(again.attemptCount()).isZero();
        assertThat(again.nextAttemptAt()).isEqualTo(now());
        assertThat(store.count(DeliveryStatus.DEAD_LETTERED)).isZero();
        assertThat(store.attempts("a")).hasSize(1);
        assertThat(ids(claim("w1", 10))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void redeliverRefusesPendingAndUnknownMessages() {
        store.enqueue(List.of(message("a", "s1")));
        assertThat(store.redeliver("a", now())).isFalse();
        assertThat(store.redeliver("nope", now())).isFalse();
    }

    @Test
    void redeliverFailsWhenTheStoreIsFull() {
        store = createStore(1, clock);
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        store.deadLetter("a", lease(a), attempt(a, 500));
        store.enqueue(List.of(message("b", "s1")));

        assertThatThrownBy(() -> store.redeliver("a", now())).isInstanceOf(DeliveryStoreFullException.class);
        assertThat(store.message("a").orElseThrow().status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    }

    @Test
    void recordAttemptKeepsTestSendsThatAreNotStoredMessages() {
        DeliveryAttempt test = DeliveryAttempt.failed("test-1", "s1", 1, "http://127.0.0.1:1/hook", now(), Duration.ofMillis(3),
                AttemptOutcome.CONNECTION_ERROR, "Connection refused");

        store.recordAttempt(test);

        assertThat(store.attempts("test-1")).containsExactly(test);
        assertThat(store.attemptsForSubscription("s1", 10)).containsExactly(test);
        assertThat(store.message("test-1")).isEmpty();
    }

    @Test
    void attemptKeepsEveryField() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        DeliveryAttempt failed = DeliveryAttempt.failed("a", "s1", 1, "http://127.0.0.1:9/x", now(), Duration.ofMillis(10_000),
                AttemptOutcome.TIMEOUT, "request timed out after PT10S");
        store.reschedule(a.id(), lease(a), failed, now().plusSeconds(5));

        DeliveryAttempt stored = store.attempts("a").get(0);
        assertThat(stored).isEqualTo(failed);
        assertThat(stored.status()).isEmpty();
        assertThat(stored.errorMessage()).contains("request timed out after PT10S");
    }

    @Test
    void messagesForSubscriptionAreNewestFirstAndLimited() {
        store.enqueue(List.of(message("a", "s1")));
        clock.advance(Duration.ofSeconds(1));
        store.enqueue(List.of(message("b", "s2")));
        clock.advance(Duration.ofSeconds(1));
        store.enqueue(List.of(message("c", "s1")));
        clock.advance(Duration.ofSeconds(1));
        store.enqueue(List.of(message("d", "s1")));

        assertThat(ids(store.messagesForSubscription("s1", 10))).containsExactly("d", "c", "a");
        assertThat(ids(store.messagesForSubscription("s1", 2))).containsExactly("d", "c");
        assertThat(store.messagesForSubscription("nobody", 10)).isEmpty();
    }

    @Test
    void attemptsForSubscriptionAreNewestFirstAndLimited() {
        store.enqueue(List.of(message("a", "s1"), message("b", "s2")));
        for (OutboundMessage m : claim("w1", 10)) {
            store.reschedule(m.id(), lease(m), attempt(m, 500), now());
            clock.advance(Duration.ofSeconds(1));
        }
        OutboundMessage a = store.claim(new ClaimRequest("w1", now(), LEASE, 1, Set.of("s2"))).get(0);
        store.complete(a.id(), lease(a), attempt(a, 200));

        assertThat(store.attemptsForSubscription("s1", 10)).extracting(DeliveryAttempt::statusCode).containsExactly(200, 500);
        assertThat(store.attemptsForSubscription("s1", 1)).extracting(DeliveryAttempt::statusCode).containsExactly(200);
        assertThat(store.attemptsForSubscription("s2", 10)).extracting(DeliveryAttempt::messageId).containsExactly("b");
    }

    @Test
    void purgeFinishedDeletesOnlyFinishedMessagesOlderThanTheCutoff() {
        store.enqueue(List.of(message("old", "s1"), message("pending", "s1")));
        OutboundMessage old = store.claim(ClaimRequest.of("w1", now(), LEASE, 1)).get(0);
        store.complete(old.id(), lease(old), attempt(old, 200));
        clock.advance(Duration.ofHours(2));
        store.enqueue(List.of(message("new", "s1")));
        OutboundMessage fresh = store.claim(new ClaimRequest("w1", now(), LEASE, 10, Set.of())).stream()
                .filter(m -> m.id().equals("new")).findFirst().orElseThrow();
        store.deadLetter(fresh.id(), lease(fresh), attempt(fresh, 400));

        int purged = store.purgeFinished(now().minus(Duration.ofHours(1)));

        assertThat(purged).isEqualTo(1);
        assertThat(store.message("old")).isEmpty();
        assertThat(store.message("new")).isPresent();
        assertThat(store.message("pending")).isPresent();
        assertThat(store.count(DeliveryStatus.DELIVERED)).isZero();
    }

    @Test
    void nextDueAtIsEmptyOrTheEarliestDueTime() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        store.reschedule(a.id(), lease(a), attempt(a, 500), now().plusSeconds(300));
        clock.advance(Duration.ofSeconds(1));
        store.enqueue(List.of(message("b", "s2")));
        OutboundMessage b = claim("w1", 1).get(0);
        store.reschedule(b.id(), lease(b), attempt(b, 500), now().plusSeconds(60));

        store.nextDueAt().ifPresent(due -> assertThat(due).isEqualTo(now().plusSeconds(60)));
    }

    @Test
    void concurrentClaimantsNeverClaimTheSameMessage() throws Exception {
        int messages = 500;
        store = createStore(messages, clock);
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            batch.add(message("m" + i, "s" + (i % 7)));
        }
        store.enqueue(batch);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String claimant = "w" + t;
                results.add(pool.submit(() -> {
                    start.await();
                    int duplicates = 0;
                    List<OutboundMessage> got;
                    while (!(got = store.claim(ClaimRequest.of(claimant, now(), LEASE, 5))).isEmpty()) {
                        for (OutboundMessage m : got) {
                            duplicates += seen.add(m.id()) ? 0 : 1;
                            store.complete(m.id(), lease(m), attempt(m, 200));
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
        assertThat(new HashSet<>(seen)).hasSize(messages);
        assertThat(store.count(DeliveryStatus.DELIVERED)).isEqualTo(messages);
        assertThat(store.count(DeliveryStatus.PENDING)).isZero();
    }
}
