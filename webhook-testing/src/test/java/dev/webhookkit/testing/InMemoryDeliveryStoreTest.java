package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.AttemptLog;
import dev.webhookkit.outbound.spi.DeliveryQueue;
import dev.webhookkit.outbound.spi.DeliveryStore;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * webhook-outbound's in-memory store against every outbox contract: its parts one by one, then
 * across parts, then its own bounds. Here, not in webhook-outbound: its tests cannot depend on this module.
 */
class InMemoryDeliveryStoreTest extends DeliveryStoreContractTest {

    @Override
    protected DeliveryStore createStore(int capacity, Clock clock) {
        return DeliveryStore.inMemory(capacity, clock);
    }

    @Nested
    class Queue extends DeliveryQueueContractTest {
        @Override
        protected DeliveryQueue createQueue(int capacity, Clock clock) {
            return DeliveryStore.inMemory(capacity, clock);
        }
    }

    @Nested
    class LeaseRenewal extends LeaseRenewalContractTest {
        @Override
        protected DeliveryQueue createQueue(Clock clock) {
            return DeliveryStore.inMemory(100, clock);
        }
    }

    @Nested
    class Attempts extends AttemptLogContractTest {
        @Override
        protected AttemptLog createLog(Clock clock) {
            return DeliveryStore.inMemory(100, clock);
        }
    }

    @Nested
    class Queries extends DeliveryQueriesContractTest<DeliveryStore> {
        @Override
        protected DeliveryStore createStore(int capacity, Clock clock) {
            return DeliveryStore.inMemory(capacity, clock);
        }
    }

    @Nested
    class BatchRedelivery extends BatchRedeliveryContractTest<DeliveryStore> {
        @Override
        protected DeliveryStore createStore(int capacity, Clock clock) {
            return DeliveryStore.inMemory(capacity, clock);
        }
    }

    @Nested
    class Retention extends DeliveryRetentionContractTest<DeliveryStore> {
        @Override
        protected DeliveryStore createStore(int capacity, Clock clock) {
            return DeliveryStore.inMemory(capacity, clock);
        }
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfFinishedMessagesOldestEvictedFirst() {
        store = DeliveryStore.inMemory(10, 2, clock);
        store.enqueue(List.of(message("a", "s1"), message("b", "s1"), message("c", "s1")));
        for (OutboundMessage m : store.claim(ClaimRequest.of("w1", now(), LEASE, 10))) {
            store.complete(m.id(), lease(m), attempt(m, 200));
        }

        assertThat(store.message("a")).isEmpty();
        assertThat(store.message("b")).isPresent();
        assertThat(store.message("c")).isPresent();
        assertThat(store.count(DeliveryStatus.DELIVERED)).isEqualTo(2);
    }

    @Test
    void nextDueAtIsReportedByTheInMemoryStore() {
        store.enqueue(List.of(message("a", "s1")));
        assertThat(store.nextDueAt()).contains(now());
    }
}
