package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryQueries;
import dev.webhookkit.outbound.spi.DeliveryQueue;
import dev.webhookkit.outbound.spi.DeliveryRetention;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DeliveryRetention} must show: it forgets what a {@link DeliveryQueue}
 * over the same messages finished, as its {@link DeliveryQueries} then show. An implementation's
 * test extends this class and returns a fresh, empty store from {@link #createStore}.
 *
 *
 * @param <S> the store: the queue that fills it, the queries that observe it and the retention under test
 */
public abstract class DeliveryRetentionContractTest<S extends DeliveryQueue & DeliveryQueries & DeliveryRetention>
        extends OutboxContractSupport {

    protected S store;

    /** A new, empty store; it stamps {@code updatedAt} from {@code clock}. */
    protected abstract S createStore(int capacity, Clock clock);

    @BeforeEach
    void setUpStore() {
        store = createStore(100, clock);
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
    void purgeNeverDeletesPendingMessagesHoweverOld() {
        store.enqueue(List.of(message("waiting", "s1")));
        clock.advance(Duration.ofDays(30));

        assertThat(store.purgeFinished(now())).isZero();
        assertThat(store.message("waiting")).isPresent();
        assertThat(store.count(DeliveryStatus.PENDING)).isEqualTo(1);
    }

    @Test
    void aPurgedMessageCannotBeRedelivered() {
        store.enqueue(List.of(message("a", "s1")));
        OutboundMessage a = store.claim(ClaimRequest.of("w1", now(), LEASE, 1)).get(0);
        store.deadLetter("a", lease(a), attempt(a, 400));
        clock.advance(Duration.ofMinutes(1));

        assertThat(store.purgeFinished(now())).isEqualTo(1);
        assertThat(store.redeliver("a", now())).isFalse();
    }
}
