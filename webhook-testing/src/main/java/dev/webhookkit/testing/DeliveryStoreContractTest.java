package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.SettleRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link DeliveryStore} promises across its parts, on top of each part's own kit
 * ({@link DeliveryQueueContractTest}, {@link AttemptLogContractTest}, {@link DeliveryQueriesContractTest},
 * {@link DeliveryRetentionContractTest}): every settling call of the queue records its attempt in the
 * log in the same step, also when it is refused, and a purge takes the attempts with the messages.
 * An implementation's test extends this class and returns a fresh, empty store from {@link #createStore};
 * it runs the part kits too (as {@code @Nested} classes, for instance).
 */
public abstract class DeliveryStoreContractTest extends OutboxContractSupport {

    protected DeliveryStore store;

    /** A new, empty store holding at most {@code capacity} pending messages. */
    protected abstract DeliveryStore createStore(int capacity, Clock clock);

    @BeforeEach
    void setUpStore() {
        store = createStore(100, clock);
    }

    protected List<OutboundMessage> claim(String claimant, int limit) {
        return claim(store, claimant, limit);
    }

    @Test
    void completeRecordsTheAttempt() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        DeliveryAttempt attempt = attempt(a, 204);

        assertThat(store.complete("a", lease(a), attempt)).isTrue();

        assertThat(store.attempts("a")).containsExactly(attempt);
        assertThat(store.attemptsForSubscription("s1", 10)).containsExactly(attempt);
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

        assertThat(store.attempts("a")).hasSize(3);
    }

    @Test
    void rescheduleAndCompleteLogTheirAttemptsInOrder() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        store.reschedule("a", lease(a), attempt(a, 503), now().plusSeconds(5));
        assertThat(store.attempts("a")).extracting(DeliveryAttempt::statusCode).containsExactly(503);

        clock.advance(Duration.ofSeconds(5));
        OutboundMessage second = claim("w2", 1).get(0);
        store.complete("a", lease(second), attempt(second, 200));

        assertThat(store.attempts("a")).extracting(DeliveryAttempt::attemptNumber).containsExactly(1, 2);
    }

    @Test
    void settleAllRecordsEveryAttemptAlsoWhenItsChangeIsRefused() {
        store.enqueue(List.of(message("a", "s1"), message("b", "s1"), message("c", "s1")));
        List<OutboundMessage> claimed = claim("w1", 10);
        OutboundMessage a = claimed.get(0);
        OutboundMessage b = claimed.get(1);
        OutboundMessage c = claimed.get(2);
        OutboundMessage.Lease intruder = new OutboundMessage.Lease("intruder", now().plus(LEASE), "not-the-token");
        DeliveryAttempt refused = attempt(a, 200);
        DeliveryAttempt delivered = attempt(b, 204);

        List<Boolean> applied = store.settleAll(List.of(SettleRequest.complete(a.id(), intruder, refused),
                SettleRequest.complete(b.id(), lease(b), delivered), SettleRequest.release(c.id(), lease(c))));

        assertThat(applied).containsExactly(false, true, true);
        assertThat(store.attempts(a.id())).containsExactly(refused);
        assertThat(store.attempts(b.id())).containsExactly(delivered);
        assertThat(store.attempts(c.id())).as("a release logs no attempt").isEmpty();
        assertThat(store.attemptsForSubscription("s1", 10)).containsExactlyInAnyOrder(refused, delivered);
    }

    @Test
    void releaseLogsNoAttempt() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);

        store.release("a", lease(a));

        assertThat(store.attempts("a")).isEmpty();
    }

    @Test
    void aRedeliveredMessageKeepsItsEarlierAttempts() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        store.deadLetter("a", lease(a), attempt(a, 400));

        assertThat(store.redeliver("a", now())).isTrue();

        assertThat(store.attempts("a")).hasSize(1);
    }

    @Test
    void aSettlingAttemptKeepsEveryField() {
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
    void aRecordedTestSendIsNoMessage() {
        store.recordAttempt(DeliveryAttempt.failed("test-1", "s1", 1, "http://127.0.0.1:1/hook", now(), Duration.ofMillis(3),
                AttemptOutcome.CONNECTION_ERROR, "Connection refused"));

        assertThat(store.message("test-1")).isEmpty();
        assertThat(store.attempts("test-1")).hasSize(1);
    }

    @Test
    void purgeDeletesTheAttemptsOfThePurgedMessages() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = claim("w1", 1).get(0);
        store.complete("a", lease(a), attempt(a, 200));
        clock.advance(Duration.ofMinutes(1));

        assertThat(store.purgeFinished(now())).isEqualTo(1);

        assertThat(store.attempts("a")).isEmpty();
    }
}
