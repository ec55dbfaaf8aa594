package dev.webhookkit.core.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a blocking call by interrupting its thread once the time is up — for JDK calls whose own
 * timeouts do not cover everything (an HTTP answer's body, a request read by the JDK server).
 * One shared daemon thread keeps every deadline; a deadline that is met is cancelled and removed.
 * Expiring and finishing hold the same lock, so an interrupt is never sent after {@link #finish()}
 * has looked, and the interrupt of an expired deadline is cleared by it: it never reaches the next
 * piece of work on that thread.
 */
public final class ThreadDeadline {
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int EXPIRED = 2;

    private final Thread thread;
    private int state = RUNNING;
    private ScheduledFuture<?> alarm;

    private ThreadDeadline(Thread thread) {
        this.thread = thread;
    }

    /** Starts a deadline for the current thread. */
    public static ThreadDeadline start(Duration timeout) {
        ThreadDeadline d = new ThreadDeadline(Thread.currentThread());
        ScheduledFuture<?> alarm = TIMER.schedule(d::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        synchronized (d) {
            d.alarm = alarm;
        }
        return d;
    }

    private synchronized void expire() {
        if (state == RUNNING) {
            state = EXPIRED;
            thread.interrupt();
        }
    }

    /**
     * Ends the deadline; call it on the deadline's thread, as often as convenient.
     *
     * @return true when it was met; false when it expired, its interrupt then cleared from the thread
     */
    public synchronized boolean finish() {
        if (state == RUNNING) {
            state = FINISHED;
            alarm.cancel(false);
            return true;
        }
        if (state == EXPIRED) {
            Thread.interrupted();
            return false;
        }
        return true;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "webhookkit-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
