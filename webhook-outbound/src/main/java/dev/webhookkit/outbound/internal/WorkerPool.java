package dev.webhookkit.outbound.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The worker threads: started together, and on close given until a deadline before they are interrupted. */
final class WorkerPool {
    private final List<Thread> threads = new ArrayList<>();

    WorkerPool(List<? extends Runnable> workers, String namePrefix) {
        for (int i = 0; i < workers.size(); i++) {
            Thread t = new Thread(workers.get(i), namePrefix + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    int size() {
        return threads.size();
    }

    /**
     * Waits for the (already stopped) workers until the deadline, then interrupts the stragglers,
     * whose messages go back to the store untried.
     *
     * @return true when every worker finished within the deadline
     */
    boolean join(Duration deadline) {
        long end = System.nanoTime() + Math.max(0, deadline.toNanos());
        boolean clean = true;
        for (Thread t : threads) {
            long left = end - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            clean &= !t.isAlive();
        }
        if (!clean) {
            threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
            for (Thread t : threads) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return clean;
    }
}
