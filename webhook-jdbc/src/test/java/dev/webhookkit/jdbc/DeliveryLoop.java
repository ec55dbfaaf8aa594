package dev.webhookkit.jdbc;

import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A delivery loop on its own thread for purge tests and benchmarks (shared with webhook-benchmarks
 * through this module's test jar): each cycle enqueues one message, claims what is due and
 * completes it, as a dispatcher would. Between {@link #watch()} and {@link #stopWatching()} it
 * keeps the times of the cycles that overlapped that window, so a caller sees whether
 * something it ran meanwhile (a purge) held delivery up.
 *
 * <p>Thread-safe; the results are final once {@link #close()} returned.
 */
public final class DeliveryLoop implements AutoCloseable {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final JdbcDeliveryStore store;
    private final String idPrefix;
    private final Thread thread;
    private final CountDownLatch firstCycles;
    private final AtomicInteger cycles = new AtomicInteger();
    private final Queue<Long> watchedNanos = new ConcurrentLinkedQueue<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile long watchStart = Long.MAX_VALUE;
    private volatile long watchEnd = Long.MAX_VALUE;
    private volatile boolean stop;

    private DeliveryLoop(JdbcDeliveryStore store, String idPrefix, int warmCycles) {
        this.store = Objects.requireNonNull(store, "store");
        this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
        this.firstCycles = new CountDownLatch(warmCycles);
        this.thread = new Thread(this::run, "delivery-loop-" + idPrefix);
        thread.setDaemon(true);
    }

    /**
     * Starts the loop and returns once it completed {@code warmCycles} cycles.
     *
     * @param store the outbox
     * @param idPrefix prefix of the ids of the messages it enqueues (the n-th is {@code idPrefix + n})
     * @param warmCycles cycles to wait for before returning
     * @param timeout how long to wait for them
     * @throws IllegalStateException when they did not complete in time, with the loop's failure if it had one
     */
    public static DeliveryLoop start(JdbcDeliveryStore store, String idPrefix, int warmCycles, Duration timeout) throws InterruptedException {
        DeliveryLoop loop = new DeliveryLoop(store, idPrefix, warmCycles);
        loop.thread.start();
        if (!loop.firstCycles.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            loop.close();
            throw new IllegalStateException("the delivery loop did not complete " + warmCycles + " cycles within " + timeout, loop.failure.get());
        }
        return loop;
    }

    private void run() {
        try {
            for (int i = 0; !stop; i++) {
                long started = System.nanoTime();
                store.enqueue(List.of(OutboundMessage.pending(idPrefix + i, "s1", "order.created", Instant.now(),
                        "{}".getBytes(StandardCharsets.UTF_8))));
                for (OutboundMessage m : store.claim(ClaimRequest.of("delivery-loop", Instant.now(), LEASE, 10))) {
                    store.complete(m.id(), m.lease().orElseThrow(), DeliveryAttempt.answered(m.id(), m.subscriptionId(), 1,
                            "http://127.0.0.1:1/hook", Instant.now(), Duration.ofMillis(1), 200, "ok"));
                }
                long ended = System.nanoTime();
                cycles.incrementAndGet();
                if (ended > watchStart && started < watchEnd) {
                    watchedNanos.add(ended - started);
                }
                firstCycles.countDown();
            }
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    /** Starts counting the cycles that overlap from now until {@link #stopWatching()}. */
    public void watch() {
        watchedNanos.clear();
        watchEnd = Long.MAX_VALUE;
        watchStart = System.nanoTime();
    }

    /** Ends the window {@link #watch()} opened; a cycle running now still counts when it ends. */
    public void stopWatching() {
        watchEnd = System.nanoTime();
    }

    /** Cycles completed since the start, each one message enqueued and delivered. */
    public int cycles() {
        return cycles.get();
    }

    /** How long each cycle that overlapped the watched window took, in the order they ended. */
    public List<Duration> watchedCycles() {
        return watchedNanos.stream().map(Duration::ofNanos).toList();
    }

    /** The longest cycle that overlapped the watched window (zero if none did). */
    public Duration longestWatchedCycle() {
        return watchedCycles().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * Stops the loop after its current cycle and waits for it (at most 30 seconds).
     *
     * @throws IllegalStateException when the loop failed, with its cause, or did not stop (or this thread was interrupted)
     */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the delivery loop", e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the delivery loop did not stop within 30 s");
        }
        RuntimeException e = failure.get();
        if (e != null) {
            throw new IllegalStateException("the delivery loop failed", e);
        }
    }
}
