package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.spi.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts idle workers to sleep until a publish, a freed in-flight slot, the store's next due time or
 * the poll interval, whichever comes first, and wakes them. Also holds the running flag, since
 * stopping is the one wake-up every worker must hear.
 */
final class Wakeup {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultWebhookDispatcher.class);

    private final DeliveryStore store;
    private final Clock clock;
    private final Duration pollInterval;
    private final Sleeper sleeper;
    private final String claimant;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    /**
     * Bumped whenever there may be new work. A worker about to sleep first counts itself idle,
     * then re-reads the epoch; a waker first bumps the epoch, then reads the idle count. One of
     * the two always sees the other's write, so no wake-up is lost, and neither side takes the
     * lock unless someone actually sleeps.
     */
    private final AtomicLong workEpoch = new AtomicLong();
    private final AtomicInteger idleWorkers = new AtomicInteger();
    private volatile boolean running = true;

    Wakeup(DeliveryStore store, Clock clock, Duration pollInterval, Sleeper sleeper, String claimant) {
        this.store = store;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.sleeper = sleeper;
        this.claimant = claimant;
    }

    boolean running() {
        return running;
    }

    /** Read before looking at the store; handed to {@link #awaitWork} so that a wake-up in between is not lost. */
    long epoch() {
        return workEpoch.get();
    }

    /**
     * Sleeps until there may be work.
     *
     * @param lookedAt when the worker looked at the store and found nothing
     * @return false when the dispatcher stopped
     */
    boolean awaitWork(long seenEpoch, Instant lookedAt) {
        long waitNanos = waitNanos();
        lock.lock();
        idleWorkers.incrementAndGet();
        try {
            if (!running) {
                return false;
            }
            if (workEpoch.get() != seenEpoch) {
                return true;
            }
            sleeper.sleep(workAvailable, lookedAt, waitNanos);
            return running;
        } catch (InterruptedException e) {
            return false;
        } finally {
            idleWorkers.decrementAndGet();
            lock.unlock();
        }
    }

    private long waitNanos() {
        long poll = pollInterval.toNanos();
        try {
            Optional<Instant> next = store.nextDueAt();
            if (next.isPresent()) {
                Duration until = Duration.between(clock.instant(), next.get());
                // Due already but not claimed: its subscription is full; a freed slot wakes us.
                if (!until.isNegative() && !until.isZero()) {
                    return Math.min(poll, until.toNanos());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("dispatcher {} could not ask the store for its next due time", claimant, e);
        }
        return poll;
    }

    /** Wakes one idle worker. */
    void wake() {
        wake(1);
    }

    /**
     * Wakes up to {@code count} idle workers: one per new message rather than all of them, since a
     * herd of workers racing for one message costs more context switches than the send itself.
     */
    void wake(int count) {
        workEpoch.incrementAndGet();
        if (idleWorkers.get() == 0) {
            return;
        }
        lock.lock();
        try {
            for (int i = Math.min(count, idleWorkers.get()); i > 0; i--) {
                workAvailable.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the workers: each finishes its message in flight, then sees the flag. */
    void stop() {
        running = false;
        workEpoch.incrementAndGet();
        lock.lock();
        try {
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
