package dev.webhookkit.outbound.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat: one daemon thread that renews the leases this instance holds every interval, in
 * one store call, until stopped. Nothing depends on it for safety: if it dies or stalls (a long GC
 * pause, an outage), leases merely run short, and {@link HeldLeases#maySend} renews or holds back
 * each message before its send.
 */
final class LeaseRenewal {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultWebhookDispatcher.class);

    private final HeldLeases held;
    private final Supplier<Duration> interval;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private volatile boolean running = true;

    /** @param interval read before each wait, so a changed lease changes the pace */
    LeaseRenewal(HeldLeases held, Supplier<Duration> interval, String threadName) {
        this.held = held;
        this.interval = interval;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops renewing (after the workers are done) and waits briefly for the thread. */
    void stop() {
        running = false;
        lock.lock();
        try {
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            if (!await(interval.get())) {
                return;
            }
            try {
                held.renewAll();
            } catch (RuntimeException e) {
                // Store failures are reported by HeldLeases; anything else must not end the heartbeat.
                LOG.error("lease renewal failed unexpectedly; trying again in {}", interval.get(), e);
            }
        }
    }

    /** Waits one interval; false when stopped meanwhile. */
    private boolean await(Duration d) {
        long left = d.toNanos();
        lock.lock();
        try {
            while (running && left > 0) {
                left = stopped.awaitNanos(left);
            }
            return running;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }
}
