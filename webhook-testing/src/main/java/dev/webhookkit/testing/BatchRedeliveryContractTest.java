package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DeliveryStoreFullException;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryQueries;
import dev.webhookkit.outbound.spi.DeliveryQueue;
import dev.webhookkit.outbound.spi.MessageCursor;
import dev.webhookkit.outbound.spi.RedeliveryBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link DeliveryQueue#redeliverBatch} must do, observed through the store's queries: the
 * messages of one state (dead or failed), of one subscription or all, oldest first, a bounded step
 * at a time, each once. An implementation's test extends this class and returns a fresh, empty store.
 *
 * @param <S> the store: the queue under test and the queries that observe it
 */
public abstract class BatchRedeliveryContractTest<S extends DeliveryQueue & DeliveryQueries> extends OutboxContractSupport {

    protected S store;

    /** A new, empty store holding at most {@code capacity} pending messages. */
    protected abstract S createStore(int capacity, Clock clock);

    @BeforeEach
    void setUpStore() {
        store = createStore(100, clock);
    }

    /** Enqueues the messages (one second apart, so oldest first is the order given) and gives each up after one attempt. */
    private void dead(String subscriptionId, String... ids) {
        for (String id : ids) {
            store.enqueue(List.of(message(id, subscriptionId)));
            OutboundMessage m = claim(store, "w1", 1).get(0);
            store.deadLetter(m.id(), lease(m), attempt(m, 400));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    /** Walks the whole redelivery in steps of {@code limit}; returns the steps. */
    private List<RedeliveryBatch> walk(String subscriptionId, MessageQuery.State state, int limit, Instant dueAt) {
        List<RedeliveryBatch> steps = new ArrayList<>();
        MessageCursor place = null;
        for (int guard = 0; guard < 100; guard++) {
            RedeliveryBatch step = store.redeliverBatch(subscriptionId, state, place, limit, dueAt);
            steps.add(step);
            if (step.isEnd()) {
                return steps;
            }
            assertThat(step.scanned()).isLessThanOrEqualTo(limit);
            place = step.last();
        }
        throw new AssertionError("the redelivery did not end within 100 steps");
    }

    @Test
    void deadMessagesOfOneSubscriptionArePendingAgainFromTheirFirstAttemptInBoundedSteps() {
        dead("s1", "a", "b", "c", "d", "e");
        dead("s2", "other");
        store.enqueue(List.of(message("delivered", "s1")));
        OutboundMessage d = claim(store, "w1", 1).get(0);
        store.complete(d.id(), lease(d), attempt(d, 200));
        Instant dueAt = now().plusSeconds(1);

        List<RedeliveryBatch> steps = walk("s1", MessageQuery.State.DEAD, 2, dueAt);

        assertThat(steps).extracting(RedeliveryBatch::requeued).containsExactly(2, 2, 1, 0);
        for (String id : List.of("a", "b", "c", "d", "e")) {
            OutboundMessage again = store.message(id).orElseThrow();
            assertThat(again.status()).as(id).isEqualTo(DeliveryStatus.PENDING);
            assertThat(again.attemptCount()).as(id).isZero();
            assertThat(again.nextAttemptAt()).as(id).isEqualTo(dueAt);
        }
        assertThat(store.message("other").orElseThrow().status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
        assertThat(store.message("delivered").orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(store.count(DeliveryStatus.DEAD_LETTERED)).isEqualTo(1);
    }

    @Test
    void withoutASubscriptionEveryDeadMessageIsRequeued() {
        dead("s1", "a");
        dead("s2", "b");

        assertThat(walk(null, MessageQuery.State.DEAD, 10, now())).extracting(RedeliveryBatch::requeued).containsExactly(2, 0);
        assertThat(store.count(DeliveryStatus.DEAD_LETTERED)).isZero();
    }

    @Test
    void stepsGoOldestFirstAndEachStepEndsAtItsLastMessage() {
        dead("s1", "a", "b", "c");

        RedeliveryBatch first = store.redeliverBatch("s1", MessageQuery.State.DEAD, null, 2, now());

        assertThat(first.scanned()).isEqualTo(2);
        assertThat(first.last().id()).isEqualTo("b");
        assertThat(store.message("c").orElseThrow().status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    }

    @Test
    void aMessageRequeuedAndGivenUpAgainDuringTheWalkIsNotTakenTwice() {
        dead("s1", "a", "b");
        RedeliveryBatch first = store.redeliverBatch("s1", MessageQuery.State.DEAD, null, 1, now());
        assertThat(first.last().id()).isEqualTo("a");
        // While the walk goes on, a worker tries "a" again and gives it up again.
        OutboundMessage a = claim(store, "w2", 1).get(0);
        assertThat(a.id()).isEqualTo("a");
        store.deadLetter("a", lease(a), attempt(a, 400));

        RedeliveryBatch second = store.redeliverBatch("s1", MessageQuery.State.DEAD, first.last(), 1, now());
        RedeliveryBatch third = store.redeliverBatch("s1", MessageQuery.State.DEAD, second.last(), 1, now());

        assertThat(second.last().id()).isEqualTo("b");
        assertThat(third.isEnd()).isTrue();
        assertThat(store.message("a").orElseThrow().status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    }

    @Test
    void failedMessagesAreDueAtOnceWithAFreshAttemptCountButClaimedOnesAreLeftToTheirAttempt() {
        store.enqueue(List.of(message("in-flight", "s1"), message("waiting", "s1")));
        for (OutboundMessage m : claim(store, "w1", 2)) {
            store.reschedule(m.id(), lease(m), attempt(m, 503), now().plus(m.id().equals("in-flight") ? Duration.ofMinutes(1) : Duration.ofHours(1)));
        }
        clock.advance(Duration.ofMinutes(1));
        OutboundMessage inFlight = claim(store, "w1", 1).get(0);
        assertThat(inFlight.id()).isEqualTo("in-flight");
        store.enqueue(List.of(message("fresh", "s1")));
        Instant dueAt = now();

        List<RedeliveryBatch> steps = walk("s1", MessageQuery.State.FAILED, 10, dueAt);

        assertThat(steps).extracting(RedeliveryBatch::requeued).containsExactly(1, 0);
        OutboundMessage waiting = store.message("waiting").orElseThrow();
        assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(waiting.attemptCount()).isZero();
        assertThat(waiting.nextAttemptAt()).isEqualTo(dueAt);
        OutboundMessage stillInFlight = store.message("in-flight").orElseThrow();
        assertThat(stillInFlight.lease()).contains(lease(inFlight));
        assertThat(stillInFlight.attemptCount()).isEqualTo(1);
        assertThat(ids(claim(store, "w3", 10))).containsExactlyInAnyOrder("waiting", "fresh");
    }

    @Test
    void onlyDeadAndFailedMessagesCanBeRedeliveredInABatch() {
        for (MessageQuery.State state : List.of(MessageQuery.State.PENDING, MessageQuery.State.DELIVERED)) {
            assertThatThrownBy(() -> store.redeliverBatch(null, state, null, 10, now()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining(state.id());
        }
    }

    @Test
    void aStepWhoseDeadMessagesDoNotFitChangesNothing() {
        store = createStore(2, clock);
        dead("s1", "a", "b");
        store.enqueue(List.of(message("queued", "s1")));

        assertThatThrownBy(() -> store.redeliverBatch("s1", MessageQuery.State.DEAD, null, 10, now()))
                .isInstanceOf(DeliveryStoreFullException.class);
        assertThat(store.count(DeliveryStatus.DEAD_LETTERED)).isEqualTo(2);
    }
}
