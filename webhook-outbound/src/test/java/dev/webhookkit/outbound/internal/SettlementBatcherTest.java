package dev.webhookkit.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryQueue;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.SettleRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import dev.webhookkit.outbound.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettlementBatcherTest {
    private final DeliveryStore store = DeliveryStore.inMemory();
    private final ExecutorService workers = Executors.newFixedThreadPool(6);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void settlementsHandedInWhileTwoBatchesAreInTheStoreGoTogetherInTheNextOne() throws Exception {
        List<OutboundMessage> claimed = claim(6);
        CountDownLatch releaseBatches = new CountDownLatch(1);
        GatedQueue gated = new GatedQueue(store, new CountDownLatch(0), releaseBatches);
        SettlementBatcher batcher = new SettlementBatcher(gated);

        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < SettlementBatcher.MAX_FLUSHES; i++) {
            OutboundMessage m = claimed.get(i);
            answers.add(workers.submit(() -> batcher.settle(complete(m))));
            int entered = i + 1;
            Poll.until("batch " + entered + " to be in the store", () -> gated.batchSizes.size() == entered);
        }
        for (OutboundMessage m : claimed.subList(SettlementBatcher.MAX_FLUSHES, 6)) {
            answers.add(workers.submit(() -> batcher.settle(complete(m))));
        }
        Poll.until("the other four to wait", () -> batcher.waitingCount() == 4);
        releaseBatches.countDown();

        for (Future<Boolean> f : answers) {
            assertThat(f.get(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(gated.batchSizes).containsExactly(1, 1, 4);
    }

    @Test
    void aLostLeaseIsReportedToItsOwnWorkerOnly() {
        List<OutboundMessage> claimed = claim(2);
        SettlementBatcher batcher = new SettlementBatcher(store);
        OutboundMessage.Lease stolen = new OutboundMessage.Lease("intruder", Instant.now().plusSeconds(30), "not-the-token");

        assertThat(batcher.settle(SettleRequest.complete(claimed.get(0).id(), stolen, attempt(claimed.get(0))))).isFalse();
        assertThat(batcher.settle(complete(claimed.get(1)))).isTrue();
    }

    @Test
    void aStoreFailureReachesEveryWorkerOfTheBatch() {
        List<OutboundMessage> claimed = claim(1);
        DeliveryQueue failing = new GatedQueue(store, new CountDownLatch(0), new CountDownLatch(0)) {
            @Override
            public List<Boolean> settleAll(List<SettleRequest> requests) {
                throw new DependencyUnavailableException("database down", new java.io.IOException("connection refused"));
            }
        };
        SettlementBatcher batcher = new SettlementBatcher(failing);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> batcher.settle(complete(claimed.get(0))))
                .isInstanceOf(DependencyUnavailableException.class).hasMessage("database down");
        assertThat(batcher.waitingCount()).isZero();
    }

    private List<OutboundMessage> claim(int n) {
        List<OutboundMessage> batch = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            batch.add(OutboundMessage.pending("m" + i, "s1", "order.created", now, "{}".getBytes(StandardCharsets.UTF_8)));
        }
        store.enqueue(batch);
        return store.claim(ClaimRequest.of("w1", now, Duration.ofSeconds(30), n));
    }

    private static SettleRequest complete(OutboundMessage m) {
        return SettleRequest.complete(m.id(), m.lease().orElseThrow(), attempt(m));
    }

    private static DeliveryAttempt attempt(OutboundMessage m) {
        return DeliveryAttempt.answered(m.id(), m.subscriptionId(), 1, "http://127.0.0.1:1/hook", Instant.now(), Duration.ofMillis(1), 204, "");
    }

    /** The real store, whose first batch waits at a gate; records every batch's size. */
    private static class GatedQueue implements DeliveryQueue {
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        private final DeliveryStore store;
        private final CountDownLatch entered;
        private final CountDownLatch gate;

        GatedQueue(DeliveryStore store, CountDownLatch entered, CountDownLatch gate) {
            this.store = store;
            this.entered = entered;
            this.gate = gate;
        }

        @Override
        public List<Boolean> settleAll(List<SettleRequest> requests) {
            batchSizes.add(requests.size());
            entered.countDown();
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return store.settleAll(requests);
        }

        @Override
        public void enqueue(List<OutboundMessage> messages) {
            store.enqueue(messages);
        }

        @Override
        public List<OutboundMessage> claim(ClaimRequest request) {
            return store.claim(request);
        }

        @Override
        public boolean complete(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt) {
            return store.complete(messageId, lease, attempt);
        }

        @Override
        public boolean reschedule(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt, Instant nextAttemptAt) {
            return store.reschedule(messageId, lease, attempt, nextAttemptAt);
        }

        @Override
        public boolean deadLetter(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt) {
            return store.deadLetter(messageId, lease, attempt);
        }

        @Override
        public boolean release(String messageId, OutboundMessage.Lease lease) {
            return store.release(messageId, lease);
        }

        @Override
        public boolean redeliver(String messageId, Instant dueAt) {
            return store.redeliver(messageId, dueAt);
        }
    }
}
