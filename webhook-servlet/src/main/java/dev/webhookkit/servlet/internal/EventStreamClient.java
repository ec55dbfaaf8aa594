package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Registration;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One connected event-stream client. The event log's listener only queues (bounded: when the
 * client reads too slowly, newer records are dropped and the gap is reported as a comment), so the
 * receiving pipeline never waits for a client. Queued records are written with non-blocking I/O
 * ({@link WriteListener}) by a shared executor or the container's thread. Only one thread drains
 * at a time, and a thread that finds another draining leaves the work to it instead of waiting.
 *
 * <p>The output stream belongs to the container again once the async cycle ends (Tomcat recycles
 * it for the next request), so every use of it happens under {@code io} and only while the client
 * is open, and the container's end-of-cycle callbacks close the client under the same lock: a
 * write in flight finishes first (writes are non-blocking, so that is short), and none follows.
 * A failed write or an ended async cycle closes the client and removes its listener.
 */
public final class EventStreamClient implements EventLogListener, WriteListener, AsyncListener {
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    /** What waits in the queue: a record to send, or a note that records were dropped. */
    private sealed interface Item permits Live, Gap {
    }

    private record Live(EventRecord record) implements Item {
    }

    private record Gap(int dropped) implements Item {
    }

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Predicate<EventRecord> filter;
    private final int capacity;
    private final Executor executor;
    private final Consumer<EventStreamClient> onClose;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Drain requests not yet served; whoever raises it from 0 drains until it is back to 0. */
    private final AtomicInteger drainRequests = new AtomicInteger();
    /** Held while the output stream is used and while the client is being closed. */
    private final ReentrantLock io = new ReentrantLock();

    // Guarded by queue.
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private int dropped;
    private boolean heartbeatDue;

    // Filled by start() before writing begins, then touched only by the draining thread.
    private final ArrayDeque<byte[]> preamble = new ArrayDeque<>();
    private final Set<EventRecord> replayed = new HashSet<>();
    private boolean unflushed;
    private volatile boolean started;

    private volatile Registration registration = () -> { };

    public EventStreamClient(AsyncContext async, ServletOutputStream out, Predicate<EventRecord> filter, int capacity,
                             Executor executor, Consumer<EventStreamClient> onClose) {
        this.async = async;
        this.out = out;
        this.filter = filter;
        this.capacity = capacity;
        this.executor = executor;
        this.onClose = onClose;
    }

    /**
     * Starts listening, then queues the opening lines and the newest {@code replay} matching records
     * among the newest {@code scan}, oldest first; a record that also arrives live in between is sent once.
     */
    public void start(EventLog eventLog, Function<EventLogListener, Registration> live, int replay, int scan, byte[] opening) {
        registration = live.apply(this);
        List<EventRecord> recent = replay > 0 ? eventLog.recent(scan).stream().filter(filter).limit(replay).toList() : List.of();
        preamble.add(opening);
        for (int i = recent.size() - 1; i >= 0; i--) {
            preamble.add(sseEvent(recent.get(i)));
            replayed.add(recent.get(i));
        }
        async.addListener(this);
    }

    /** Hands the output to the container's non-blocking I/O and writes what is waiting. */
    public void beginWriting() {
        out.setWriteListener(this);
        // Only now may isReady() be called (Tomcat refuses it before a listener is set).
        started = true;
        drain();
    }

    @Override
    public void onRecord(EventRecord record) {
        if (closed.get() || !filter.test(record)) {
            return;
        }
        synchronized (queue) {
            if (queue.size() >= capacity) {
                dropped++;
                return;
            }
            if (dropped > 0) {
                queue.add(new Gap(dropped));
                dropped = 0;
            }
            queue.add(new Live(record));
        }
        scheduleDrain();
    }

    /** Queues a comment line: keeps proxies from timing the stream out and finds clients that left. */
    public void heartbeat() {
        synchronized (queue) {
            heartbeatDue = true;
        }
        scheduleDrain();
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    /** Ends the stream: removes the listener and completes the async cycle. Idempotent. */
    public void close() {
        io.lock();
        try {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        } finally {
            io.unlock();
        }
        registration.close();
        onClose.accept(this);
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed by the container (client gone, or shutdown)
        }
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    drainScheduled.set(false);
                    drain();
                });
            } catch (RejectedExecutionException e) {
                close(); // the servlet is shutting down
            }
        }
    }

    /** Writes whatever is waiting, unless another thread is already at it (then that thread goes round again). */
    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int served = 1;
        do {
            drainOnce();
            served = drainRequests.addAndGet(-served);
        } while (served != 0);
    }

    /** Writes for as long as the container can take it without blocking. */
    private void drainOnce() {
        io.lock();
        try {
            if (started && !closed.get()) {
                writeWhileReady();
            }
        } finally {
            io.unlock();
        }
    }

    private void writeWhileReady() {
        try {
            while (out.isReady()) {
                byte[] chunk = nextChunk();
                if (chunk == null) {
                    if (!unflushed) {
                        return;
                    }
                    unflushed = false;
                    out.flush();
                    continue;
                }
                out.write(chunk);
                unflushed = true;
            }
        } catch (IOException | RuntimeException e) {
            close(); // the client went away, or the response is already completed
        }
    }

    private byte[] nextChunk() {
        byte[] first = preamble.poll();
        if (first != null) {
            return first;
        }
        synchronized (queue) {
            Item item;
            while ((item = queue.poll()) != null) {
                if (item instanceof Gap gap) {
                    return comment("dropped " + gap.dropped() + " events: this client reads too slowly");
                }
                EventRecord record = ((Live) item).record();
                if (replayed.isEmpty() || !replayed.remove(record)) {
                    return sseEvent(record);
                }
            }
            if (dropped > 0) {
                int n = dropped;
                dropped = 0;
                return comment("dropped " + n + " events: this client reads too slowly");
            }
            if (heartbeatDue) {
                heartbeatDue = false;
                return HEARTBEAT;
            }
        }
        return null;
    }

    private static byte[] sseEvent(EventRecord record) {
        // EventJson writes one line, and line breaks are kept out of the id: neither can break the framing.
        return ("id: " + record.eventId().replace("\r", "").replace("\n", "") + "\ndata: " + EventJson.of(record) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] comment(String text) {
        return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
