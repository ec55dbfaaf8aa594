package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ordered delivery end to end (issue 16): a subscription with {@code ordered(true)} to a real
 * receiver on 127.0.0.1 gets its messages one at a time in publish order, a failing message holds
 * the later ones back until it is delivered or dead-lettered, and a subscription that is not
 * ordered keeps flowing meanwhile. The retry schedule runs on the test clock, moved by hand.
 */
class DispatchOrderedTest extends DispatcherTestSupport {
    private static final Pattern N = Pattern.compile("\"n\":(\\d+)");
    private static final int ORDERED = 12;
    private static final int FREE = 40;
    private static final int FAILURES = 3;

    private static int n(Receiver.Received r) {
        Matcher m = N.matcher(r.bodyText());
        assertThat(m.find()).as("body %s", r.bodyText()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static List<Integer> arrivalOrder(Receiver receiver) {
        return receiver.received().stream().map(DispatchOrderedTest::n).toList();
    }

    @Test
    void laterMessagesArriveStrictlyAfterTheFailingFirstOneInOrderWhileAnUnorderedSubscriptionFlows() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(FAILURES);
        // The first message fails with 503 three times; the rest are answered 200 (after a short pause, so any overlap would show).
        Receiver fifo = receiver((i, r) -> n(r) == 0 && failuresLeft.getAndDecrement() > 0
                ? Receiver.Answer.status(503) : Receiver.Answer.status(200).after(java.time.Duration.ofMillis(2)));
        Receiver free = receiver((i, r) -> Receiver.Answer.status(200));
        subscribe(Subscription.builder("fifo", fifo.url()).secret(SECRET).eventTypes("fifo.*").ordered(true));
        subscribe(Subscription.builder("free", free.url()).secret(SECRET).eventTypes("free.*").maxInFlight(8));
        start(b -> b.workers(8));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ORDERED; i++) {
            ids.addAll(dispatcher.publish("fifo.event", Map.of("n", i)));
        }
        for (int i = 0; i < FREE; i++) {
            dispatcher.publish("free.event", Map.of("n", i));
        }
        String first = ids.get(0);

        for (int attempt = 1; attempt <= FAILURES; attempt++) {
            awaitAttempts(first, attempt);
            if (attempt == 1) {
                // The clock has not moved: the free subscription is delivered in full while the first ordered message waits.
                Poll.until("every free message to arrive", () -> free.count() >= FREE);
            }
            assertThat(arrivalOrder(fifo)).as("only the first message, tried %d times", attempt).containsOnly(0).hasSize(attempt);
            assertThat(message(ids.get(1)).status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(store.attempts(ids.get(1))).as("the second waits untried").isEmpty();
            clock.set(message(first).nextAttemptAt());
        }
        Poll.until("every ordered message to arrive", () -> fifo.count() >= FAILURES + ORDERED);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < FAILURES; i++) {
            expected.add(0);
        }
        for (int i = 0; i < ORDERED; i++) {
            expected.add(i);
        }
        assertThat(arrivalOrder(fifo)).isEqualTo(expected);
        assertThat(fifo.maxConcurrent()).as("one request in flight at a time").isEqualTo(1);
        assertThat(ids).allSatisfy(id -> assertThat(awaitStatus(id, DeliveryStatus.DELIVERED).status()).isEqualTo(DeliveryStatus.DELIVERED));
    }

    @Test
    void aDeadLetteredFirstMessageLetsTheNextGo() throws Exception {
        Receiver fifo = receiver((i, r) -> n(r) == 0 ? Receiver.Answer.status(503) : Receiver.Answer.status(200));
        subscribe(Subscription.builder("fifo", fifo.url()).secret(SECRET).ordered(true).maxAttempts(2));
        start();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.addAll(dispatcher.publish("incident.created", Map.of("n", i)));
        }
        awaitAttempts(ids.get(0), 1);
        assertThat(arrivalOrder(fifo)).containsExactly(0);
        clock.set(message(ids.get(0)).nextAttemptAt());

        awaitStatus(ids.get(0), DeliveryStatus.DEAD_LETTERED);
        Poll.until("the later messages to arrive", () -> fifo.count() >= 4);
        assertThat(arrivalOrder(fifo)).containsExactly(0, 0, 1, 2);
        awaitStatus(ids.get(2), DeliveryStatus.DELIVERED);
    }

    @Test
    void aSubscriptionMadeOrderedWhileTheDispatcherRunsHoldsItsNextMessagesAtOnce() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(1);
        Receiver fifo = receiver((i, r) -> n(r) == 0 && failuresLeft.getAndDecrement() > 0 ? Receiver.Answer.status(503) : Receiver.Answer.status(200));
        Subscription s = subscribe(Subscription.builder("later-fifo", fifo.url()).secret(SECRET).maxInFlight(4));
        start(b -> b.workers(4));
        String warmUp = dispatcher.publish("incident.created", Map.of("n", 100)).get(0);
        awaitStatus(warmUp, DeliveryStatus.DELIVERED); // the dispatcher has just read which subscriptions are ordered: none

        subscriptions.update(s.toBuilder().ordered(true).build());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.addAll(dispatcher.publish("incident.created", Map.of("n", i)));
        }
        awaitAttempts(ids.get(0), 1);
        // A claim made with the old set handed out a later message: the dispatcher gave it back and read the set again.
        Poll.until("the workers to be idle", this::idleButBlocked);
        assertThat(arrivalOrder(fifo)).containsExactly(100, 0);
        assertThat(store.attempts(ids.get(1))).isEmpty();

        clock.set(message(ids.get(0)).nextAttemptAt());
        Poll.until("every message to arrive", () -> fifo.count() >= 5);
        assertThat(arrivalOrder(fifo)).containsExactly(100, 0, 0, 1, 2);
    }

    /** Nothing is leased: the ordered subscription's first message waits for its retry and the rest wait behind it. */
    private boolean idleButBlocked() {
        return store.messagesWithStatus(DeliveryStatus.PENDING, Integer.MAX_VALUE).stream().allMatch(m -> m.lease().isEmpty());
    }

    @Test
    void anUnorderedSubscriptionDeliversSeveralAtOnce() throws Exception {
        // The baseline the ordered test is measured against: without ordered(true) the same receiver sees overlap.
        Receiver slow = receiver((i, r) -> Receiver.Answer.status(200).after(java.time.Duration.ofMillis(50)));
        subscribe(Subscription.builder("many", slow.url()).secret(SECRET).maxInFlight(4));
        start(b -> b.workers(4));

        for (int i = 0; i < 8; i++) {
            dispatcher.publish("incident.created", Map.of("n", i));
        }
        Poll.until("every message to arrive", () -> slow.count() >= 8);
        assertThat(slow.maxConcurrent()).isGreaterThan(1);
    }
}
