package dev.webhookkit.core.spi;

import dev.webhookkit.core.internal.InMemoryDeduplicator;
import java.time.Clock;
import java.time.Duration;

/**
 * Remembers delivery keys so a redelivered copy of the same request is acknowledged but not
 * processed twice, in two stages: {@link #claim} takes a processing lease on a new key, and the
 * receiver settles that {@link DeliveryClaim} — commit once the delivery was handled (the key is
 * then a duplicate for the window), release when it failed (the sender's retry is processed). A
 * claim that is never settled, because the process died, ends with its lease. Of many concurrent
 * claims for one new key exactly one is {@link DeliveryClaim.Status#NEW}; the others are
 * {@link DeliveryClaim.Status#IN_PROGRESS} until it is settled.
 *
 * <p>Implementations must be thread-safe and pass {@code DeduplicatorContractTest} (webhook-testing).
 * A shared store that cannot be reached throws {@link dev.webhookkit.core.DependencyUnavailableException}.
 */
@FunctionalInterface
public interface Deduplicator {

    /** Default bound of the in-memory deduplicator. */
    int DEFAULT_MAX_KEYS = 1_000_000;

    /**
     * Default processing lease: how long a claimed key stays IN_PROGRESS when its claim is never
     * settled (a crash). Longer than any handler should run; a retry after it is processed again.
     */
    Duration DEFAULT_PROCESSING_LEASE = Duration.ofMinutes(5);

    /**
     * Claims {@code key}: NEW (with a lease, to be settled), DUPLICATE (done within its window) or
     * IN_PROGRESS (another claim holds the lease).
     *
     * @param window how long the key counts as done once the claim is committed
     */
    DeliveryClaim claim(String key, Duration window);

    /** In-memory, bounded to {@link #DEFAULT_MAX_KEYS} keys, on the system clock. */
    static Deduplicator inMemory() {
        return new InMemoryDeduplicator(DEFAULT_MAX_KEYS, Clock.systemUTC(), DEFAULT_PROCESSING_LEASE);
    }

    /**
     * In-memory and bounded: it holds {@code maxKeys} keys (plus a few percent of slack, about 34
     * bytes each); beyond that the oldest keys are forgotten first, so a very late duplicate may be
     * processed again rather than memory growing without end.
     */
    static Deduplicator inMemory(int maxKeys, Clock clock) {
        return new InMemoryDeduplicator(maxKeys, clock, DEFAULT_PROCESSING_LEASE);
    }

    /** As {@link #inMemory(int, Clock)}, with the given processing lease. */
    static Deduplicator inMemory(int maxKeys, Clock clock, Duration processingLease) {
        return new InMemoryDeduplicator(maxKeys, clock, processingLease);
    }

    /** Remembers nothing: every delivery is processed. */
    static Deduplicator none() {
        return (key, window) -> DeliveryClaim.unremembered();
    }
}
