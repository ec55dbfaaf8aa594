package dev.webhookkit.core.spi;

import dev.webhookkit.core.internal.InMemoryDeduplicator;
import java.time.Clock;
import java.time.Duration;

/**
 * Remembers delivery keys for a window so a redelivered copy of the same request is acknowledged
 * but not processed twice. Exactly one of many concurrent calls with the same new key gets
 * {@code true}.
 *
 * <p>Implementations must be thread-safe. A shared store that cannot be reached throws
 * {@link dev.webhookkit.core.DependencyUnavailableException}.
 */
@FunctionalInterface
public interface Deduplicator {

    /** Default bound of the in-memory deduplicator. */
    int DEFAULT_MAX_KEYS = 1_000_000;

    /**
     * Records {@code key} for {@code window} if it is not already recorded.
     *
     * @return true when the key was new (process the event), false when it was seen (a duplicate)
     */
    boolean markFirstSeen(String key, Duration window);

    /**
     * Forgets a key, called when processing failed so that the sender's retry is processed.
     * The default does nothing.
     */
    default void forget(String key) {
    }

    /** In-memory, bounded to {@link #DEFAULT_MAX_KEYS} keys, on the system clock. */
    static Deduplicator inMemory() {
        return new InMemoryDeduplicator(DEFAULT_MAX_KEYS, Clock.systemUTC());
    }

    /**
     * In-memory and bounded: it holds {@code maxKeys} keys (plus a few percent of slack, about 34
     * bytes each); beyond that the oldest keys are forgotten first, so a very late duplicate may be
     * processed again rather than memory growing without end.
     */
    static Deduplicator inMemory(int maxKeys, Clock clock) {
        return new InMemoryDeduplicator(maxKeys, clock);
    }

    /** Remembers nothing: every delivery is processed. */
    static Deduplicator none() {
        return (key, window) -> true;
    }
}
