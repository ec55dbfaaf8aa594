package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.spi.DeliveryQueue;
import dev.webhookkit.outbound.spi.SettleRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of the workers' settlements: each worker hands in its change and waits for its own
 * answer, and a waiting worker takes every change handed in so far (at most {@link #MAX_BATCH}) to
 * the store in one {@link DeliveryQueue#settleAll}, while fewer than {@link #MAX_FLUSHES} batches
 * are in the store. The changes that arrive meanwhile go together in the next one, so a batch
 * waits at most for the ones before it and a worker alone settles at once: no timer, no latency
 * added when there is no queue, and batches that grow with the load. Two batches at a time keep
 * the database's work on more than one connection (and core). Thread-safe.
 */
final class SettlementBatcher {
    /** At most this many changes in one call to the store. */
    static final int MAX_BATCH = 256;
    /** At most this many batches in the store at once. */
    static final int MAX_FLUSHES = 2;

    private final DeliveryQueue store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchDone = lock.newCondition();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int flushing;

    SettlementBatcher(DeliveryQueue store) {
        this.store = store;
    }

    /**
     * Applies one change together with whatever other workers hand in meanwhile.
     *
     * @return whether the store applied it (false: the lease was lost)
     * @throws RuntimeException what the store threw for the batch the change was in
     */
    boolean settle(SettleRequest request) {
        Pending mine = new Pending(request);
        lock.lock();
        try {
            waiting.add(mine);
            while (!mine.done) {
                if (mine.taken || flushing == MAX_FLUSHES) {
                    batchDone.awaitUninterruptibly();
                    continue;
                }
                flushing++;
                List<Pending> batch = take();
                lock.unlock();
                try {
                    flush(batch);
                } finally {
                    lock.lock();
                    flushing--;
                    batchDone.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.applied;
    }

    /** Changes handed in and not yet taken to the store. */
    int waitingCount() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
        while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
            Pending p = waiting.poll();
            p.taken = true;
            batch.add(p);
        }
        return batch;
    }

    /** Runs outside the lock; the results are published to their owners by the lock taken afterwards. */
    private void flush(List<Pending> batch) {
        List<SettleRequest> requests = new ArrayList<>(batch.size());
        batch.forEach(p -> requests.add(p.request));
        RuntimeException failure = null;
        List<Boolean> applied = null;
        try {
            applied = store.settleAll(requests);
            if (applied.size() != requests.size()) {
                failure = new IllegalStateException(store + " answered " + applied.size() + " results for " + requests.size() + " settlements");
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            p.failure = failure;
            p.applied = failure == null && Boolean.TRUE.equals(applied.get(i));
            p.done = true;
        }
    }

    /** One worker's change and, once its batch is back, the store's answer. Guarded by {@link #lock}. */
    private static final class Pending {
        final SettleRequest request;
        boolean taken;
        boolean done;
        boolean applied;
        RuntimeException failure;

        Pending(SettleRequest request) {
            this.request = request;
        }
    }
}
