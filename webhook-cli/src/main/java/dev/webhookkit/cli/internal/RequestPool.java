package dev.webhookkit.cli.internal;

import dev.webhookkit.core.internal.ThreadDeadline;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code listen}'s request threads: a small fixed pool, so that one slow client does not hold up
 * the others, and a read deadline for each request. The JDK server reads a request's line,
 * headers and (in the handler) body on the thread that handles it, from a blocking, interruptible
 * channel; a request not read by its deadline has its thread interrupted, which closes that
 * connection. The handler calls {@link #requestRead()} once the body is in: the work after it
 * (verifying, printing, forwarding) has no deadline. Thread-safe.
 */
final class RequestPool implements Executor, AutoCloseable {
    /** Enough for a few senders at once on a developer's machine. */
    static final int THREADS = 8;

    private final Duration readTimeout;
    private final ExecutorService workers;
    private final ThreadLocal<ThreadDeadline> current = new ThreadLocal<>();

    RequestPool(Duration readTimeout) {
        this.readTimeout = readTimeout;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(THREADS, r -> daemon(r, "webhook-listen-" + n.incrementAndGet()));
    }

    @Override
    public void execute(Runnable request) {
        workers.execute(() -> runWithDeadline(request));
    }

    /** The current request has been read whole: its deadline no longer applies. */
    void requestRead() {
        ThreadDeadline deadline = current.get();
        if (deadline != null) {
            deadline.finish();
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private void runWithDeadline(Runnable request) {
        ThreadDeadline deadline = ThreadDeadline.start(readTimeout);
        current.set(deadline);
        try {
            request.run();
        } finally {
            deadline.finish(); // clears the interrupt of a deadline that fired: it must not reach the next request
            current.remove();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
