package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Page;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryQueries;
import dev.webhookkit.outbound.spi.DeliveryQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DeliveryQueries} must show: it reads what a {@link DeliveryQueue} over
 * the same messages wrote, so the store under test is both. An implementation's test extends this
 * class and returns a fresh, empty store from {@link #createStore}.
 *
 *
 * @param <S> the store: the queue that fills it and the queries under test
 */
public abstract class DeliveryQueriesContractTest<S extends DeliveryQueue & DeliveryQueries> extends OutboxContractSupport {

    protected S store;

    /** A new, empty store holding at most {@code capacity} pending messages; it may stamp {@code updatedAt} from {@code clock}. */
    protected abstract S createStore(int capacity, Clock clock);

    @BeforeEach
    void setUpStore() {
        store = createStore(100, clock);
    }

    protected List<OutboundMessage> claim(String claimant, int limit) {
        return claim(store, claimant, limit);
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
        assertThat(store.messagesForSubscription("nobody", 10)).isEmpty();
        assertThat(store.messagesWithStatus(DeliveryStatus.DEAD_LETTERED, 10)).isEmpty();
        assertThat(store.count(DeliveryStatus.PENDING)).isZero();
    }

    @Test
    void aRefusedBatchIsNotStored() {
        store = createStore(3, clock);
        store.enqueue(List.of(message("a", "s1"), message("b", "s1")));

        assertThatThrownBy(() -> store.enqueue(List.of(message("c", "s1"), message("d", "s1")))).isNotNull();

        assertThat(store.message("c")).isEmpty();
        assertThat(store.message("d")).isEmpty();
        assertThat(store.count(DeliveryStatus.PENDING)).isEqualTo(2);
    }

    @Test
    void aRejectedDuplicateIdLeavesTheStoredMessage() {
        store.enqueue(List.of(message("a", "s1")));
        assertThatThrownBy(() -> store.enqueue(List.of(message("a", "s2")))).isNotNull();
        assertThat(store.message("a").orElseThrow().subscriptionId()).isEqualTo("s1");
    }

    @Test
    void aClaimedMessageShowsItsCurrentLease() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);

        assertThat(store.message("a").orElseThrow().lease()).contains(lease(a));
    }

    @Test
    void refusedSettlementsLeaveTheMessageAsItWas() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage first = claim("w1", 1).get(0);
        clock.advance(LEASE);
        OutboundMessage second = claim("w1", 1).get(0);
        OutboundMessage.Lease stale = lease(first);

        store.complete("a", stale, attempt(first, 200));
        store.reschedule("a", stale, attempt(first, 500), now().plusSeconds(60));
        store.deadLetter("a", stale, attempt(first, 400));
        store.release("a", stale);

        OutboundMessage still = store.message("a").orElseThrow();
        assertThat(still.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(still.lease()).contains(lease(second));
        assertThat(still.attemptCount()).isZero();
        assertThat(still.nextAttemptAt()).isEqualTo(first.nextAttemptAt());
    }

    @Test
    void aCompletedMessageIsDeliveredAndCounted() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);

        store.complete("a", lease(a), attempt(a, 204));

        OutboundMessage done = store.message("a").orElseThrow();
        assertThat(done.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(done.attemptCount()).isEqualTo(1);
        assertThat(done.lease()).isEmpty();
        assertThat(store.count(DeliveryStatus.PENDING)).isZero();
        assertThat(store.count(DeliveryStatus.DELIVERED)).isEqualTo(1);
    }

    @Test
    void aRescheduledMessageIsPendingDueLaterWithoutLease() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        Instant later = now().plusSeconds(5);

        store.reschedule("a", lease(a), attempt(a, 503), later);

        OutboundMessage waiting = store.message("a").orElseThrow();
        assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(waiting.attemptCount()).isEqualTo(1);
        assertThat(waiting.nextAttemptAt()).isEqualTo(later);
        assertThat(waiting.lease()).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        OutboundMessage second = claim("w2", 1).get(0);
        store.complete("a", lease(second), attempt(second, 200));
        assertThat(store.message("a").orElseThrow().attemptCount()).isEqualTo(2);
    }

    @Test
    void aReleasedMessageIsPendingUntriedWithoutLease() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);

        store.release("a", lease(a));

        OutboundMessage back = store.message("a").orElseThrow();
        assertThat(back.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(back.lease()).isEmpty();
        assertThat(back.attemptCount()).isZero();
    }

    @Test
    void deadLetteredMessageIsListedAndARedeliveredOneIsPendingAgain() {
        store.enqueue(List.of(message("a", "s1"), message("b", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        store.deadLetter("a", lease(a), attempt(a, 400));

        assertThat(store.message("a").orElseThrow().status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
        assertThat(ids(store.messagesWithStatus(DeliveryStatus.DEAD_LETTERED, 10))).containsExactly("a");
        assertThat(store.count(DeliveryStatus.DEAD_LETTERED)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        store.redeliver("a", now());

        OutboundMessage again = store.message("a").orElseThrow();
        assertThat(again.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(again.attemptCount()).isZero();
        assertThat(again.nextAttemptAt()).isEqualTo(now());
        assertThat(store.count(DeliveryStatus.DEAD_LETTERED)).isZero();
        assertThat(store.messagesWithStatus(DeliveryStatus.DEAD_LETTERED, 10)).isEmpty();
    }

    @Test
    void aRedeliveryRefusedForRoomLeavesTheMessageDeadLettered() {
        store = createStore(1, clock);
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        store.deadLetter("a", lease(a), attempt(a, 500));
        store.enqueue(List.of(message("b", "s1")));

        assertThatThrownBy(() -> store.redeliver("a", now())).isNotNull();
        assertThat(store.message("a").orElseThrow().status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
    }

    @Test
    void messagesWithStatusAreLatestChangeFirstAndLimited() {
        store.enqueue(List.of(message("a", "s1"), message("b", "s1"), message("c", "s2")));
        for (OutboundMessage m : claim("w1", 10)) {
            clock.advance(Duration.ofSeconds(1));
            store.deadLetter(m.id(), lease(m), attempt(m, 400));
        }

        assertThat(ids(store.messagesWithStatus(DeliveryStatus.DEAD_LETTERED, 10))).containsExactly("c", "b", "a");
        assertThat(ids(store.messagesWithStatus(DeliveryStatus.DEAD_LETTERED, 2))).containsExactly("c", "b");
        assertThat(store.messagesWithStatus(DeliveryStatus.PENDING, 10)).isEmpty();
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

    /** One message in each of the four states, of s1, and one failed of s2; returns nothing, the ids say the state. */
    private void oneMessagePerState() {
        store.enqueue(List.of(message("delivered", "s1"), message("dead", "s1"), message("failed", "s1"),
                message("failed-s2", "s2")));
        clock.advance(Duration.ofSeconds(1));
        store.enqueue(List.of(message("pending", "s1")));
        for (OutboundMessage m : claim("w1", 4)) {
            switch (m.id()) {
                case "delivered" -> store.complete(m.id(), lease(m), attempt(m, 200));
                case "dead" -> store.deadLetter(m.id(), lease(m), attempt(m, 400));
                default -> store.reschedule(m.id(), lease(m), attempt(m, 503), now().plusSeconds(60));
            }
        }
    }

    @Test
    void messageQueriesFilterByEachStateAndSubscription() {
        oneMessagePerState();

        assertThat(ids(store.messages(MessageQuery.all().withState(MessageQuery.State.PENDING)).items())).containsExactly("pending");
        assertThat(ids(store.messages(MessageQuery.all().withState(MessageQuery.State.FAILED)).items()))
                .containsExactlyInAnyOrder("failed", "failed-s2");
        assertThat(ids(store.messages(MessageQuery.all().withState(MessageQuery.State.DELIVERED)).items())).containsExactly("delivered");
        assertThat(ids(store.messages(MessageQuery.all().withState(MessageQuery.State.DEAD)).items())).containsExactly("dead");
        assertThat(ids(store.messages(MessageQuery.all().withSubscription("s2")).items())).containsExactly("failed-s2");
        assertThat(ids(store.messages(MessageQuery.all().withSubscription("s1").withState(MessageQuery.State.FAILED)).items()))
                .containsExactly("failed");
        assertThat(store.messages(MessageQuery.all().withSubscription("nobody")).items()).isEmpty();
        Page<OutboundMessage> everything = store.messages(MessageQuery.all());
        assertThat(everything.items()).hasSize(5);
        assertThat(everything.items().get(0).id()).isEqualTo("pending");
        assertThat(everything.next()).isNull();
    }

    @Test
    void messagePagesAreNewestFirstAndTiesGoByIdDescendingAcrossPages() {
        List<OutboundMessage> sameInstant = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            sameInstant.add(message("m" + i, "s1"));
        }
        store.enqueue(sameInstant);
        clock.advance(Duration.ofSeconds(1));
        store.enqueue(List.of(message("newest", "s1")));

        Page<OutboundMessage> first = store.messages(MessageQuery.all().withLimit(3));
        assertThat(ids(first.items())).containsExactly("newest", "m7", "m6");
        assertThat(first.next()).isNotNull();
        // A message arriving between pages is newer than the cursor: it neither shows up nor shifts the next page.
        clock.advance(Duration.ofSeconds(1));
        store.enqueue(List.of(message("later", "s1")));
        Page<OutboundMessage> second = store.messages(MessageQuery.all().withLimit(3).withCursor(first.next()));
        assertThat(ids(second.items())).containsExactly("m5", "m4", "m3");
        Page<OutboundMessage> third = store.messages(MessageQuery.all().withLimit(3).withCursor(second.next()));
        assertThat(ids(third.items())).containsExactly("m2", "m1");
        assertThat(third.next()).isNull();
    }

    @Test
    void tiesGoByIdInCodePointOrderWhateverTheDatabaseCollation() {
        store.enqueue(List.of(message("a", "s1"), message("B", "s1"), message("_x", "s1")));

        Page<OutboundMessage> first = store.messages(MessageQuery.all().withLimit(2));
        Page<OutboundMessage> second = store.messages(MessageQuery.all().withLimit(2).withCursor(first.next()));

        // 'B' (U+0042) < '_' (U+005F) < 'a' (U+0061): descending is a, _x, B (a language collation would differ).
        assertThat(ids(first.items())).containsExactly("a", "_x");
        assertThat(ids(second.items())).containsExactly("B");
    }

    @Test
    void aFullLastPageHasACursorToAnEmptyPage() {
        store.enqueue(List.of(message("a", "s1"), message("b", "s1")));

        Page<OutboundMessage> first = store.messages(MessageQuery.all().withLimit(1));
        Page<OutboundMessage> second = store.messages(MessageQuery.all().withLimit(1).withCursor(first.next()));
        assertThat(ids(first.items())).containsExactly("b");
        assertThat(ids(second.items())).containsExactly("a");
        assertThat(second.next()).isNull();
    }

    @Test
    void aCursorKeepsItsFiltersPlace() {
        oneMessagePerState();
        store.enqueue(List.of(message("failed-2", "s1")));
        for (OutboundMessage m : claim("w2", 2)) {
            if (m.id().equals("failed-2")) {
                store.reschedule(m.id(), lease(m), attempt(m, 500), now().plusSeconds(60));
            } else {
                store.release(m.id(), lease(m));
            }
        }

        MessageQuery failedOfS1 = MessageQuery.all().withSubscription("s1").withState(MessageQuery.State.FAILED).withLimit(1);
        Page<OutboundMessage> first = store.messages(failedOfS1);
        Page<OutboundMessage> second = store.messages(failedOfS1.withCursor(first.next()));
        assertThat(ids(first.items())).containsExactly("failed-2");
        assertThat(ids(second.items())).containsExactly("failed");
        assertThat(second.next()).isNull();
    }

    @Test
    void aCursorTheStoreDidNotHandOutIsAConfigurationErrorThatDoesNotRepeatIt() {
        store.enqueue(List.of(message("a", "s1"), message("b", "s1")));
        String good = store.messages(MessageQuery.all().withLimit(1)).next();
        String tampered = good.substring(0, good.length() - 2) + (good.endsWith("A") ? "B" : "A") + "x";
        String notBase64 = "%%%<script>";
        String otherText = java.util.Base64.getUrlEncoder().encodeToString("id > 0; drop table".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        for (String bad : List.of(notBase64, otherText, tampered, "", "x".repeat(5000))) {
            assertThatThrownBy(() -> store.messages(MessageQuery.all().withCursor(bad)))
                    .as("cursor %s", bad.length() > 40 ? bad.substring(0, 40) + "…" : bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("cursor")
                    .satisfies(e -> {
                        if (!bad.isEmpty()) {
                            assertThat(e.getMessage()).doesNotContain(bad);
                        }
                    });
        }
    }

    @Test
    void oldestPendingIsTheCreationTimeOfTheOldestQueuedMessageFailedOnesIncluded() {
        assertThat(store.oldestPending()).isEmpty();
        Instant first = now();
        store.enqueue(List.of(message("done", "s1"), message("retrying", "s1")));
        clock.advance(Duration.ofSeconds(5));
        store.enqueue(List.of(message("fresh", "s1")));
        for (OutboundMessage m : claim("w1", 2)) {
            if (m.id().equals("done")) {
                store.complete(m.id(), lease(m), attempt(m, 200));
            } else {
                store.reschedule(m.id(), lease(m), attempt(m, 503), now().plusSeconds(60));
            }
        }

        assertThat(store.oldestPending()).contains(first);
    }

    @Test
    void oldestPendingIgnoresFinishedMessages() {
        store.enqueue(List.of(message("done", "s1")));
        OutboundMessage m = claim("w1", 1).get(0);
        store.complete(m.id(), lease(m), attempt(m, 200));
        clock.advance(Duration.ofSeconds(5));
        store.enqueue(List.of(message("fresh", "s1")));

        assertThat(store.oldestPending()).contains(now());
    }
}
