package dev.webhookkit.outbound.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many messages the next claim asks for, following the backlog: a claim that came back full
 * (and whose messages all had an in-flight slot) doubles it, up to {@link #GROWTH} × the configured
 * claim batch; one that came back short halves it, down to the configured batch. Fewer claims
 * while a backlog lasts, the configured size when it is gone. Thread-safe; the workers of one
 * dispatcher share it (racing updates only move it a step less or more).
 */
final class ClaimSize {
    /** The largest claim is this many times the configured batch. */
    static final int GROWTH = 8;

    private final int min;
    private final int max;
    private final AtomicInteger current;

    ClaimSize(int configuredBatch) {
        this.min = configuredBatch;
        this.max = (int) Math.min(Integer.MAX_VALUE / 2, (long) configuredBatch * GROWTH);
        this.current = new AtomicInteger(configuredBatch);
    }

    /** The size of the next claim. */
    int next() {
        return current.get();
    }

    /** The configured batch: a claim's first this many messages are covered by its lease whatever their timeouts. */
    int configured() {
        return min;
    }

    /**
     * After a claim that asked for {@code asked} messages and got {@code got}, of which
     * {@code kept} had an in-flight slot.
     */
    void claimed(int asked, int got, int kept) {
        if (got == asked && kept == got) {
            current.updateAndGet(n -> Math.min(max, n * 2));
        } else if (got < asked || kept < got) {
            current.updateAndGet(n -> Math.max(min, n / 2));
        }
    }
}
