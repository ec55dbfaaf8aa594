package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The ids of the {@linkplain Subscription#ordered() ordered} subscriptions, which every claim
 * passes to the store. Read from the registry at most once per {@link #REFRESH_NANOS} rather than
 * on every claim; {@link #stale()} forces the next read, which the {@link Claimer} calls when it
 * was handed a message of a subscription that became ordered since (it gives that message back).
 * Thread-safe.
 */
final class OrderedSubscriptions {
    static final long REFRESH_NANOS = 1_000_000_000L;

    private final SubscriptionRegistry subscriptions;
    private final LongSupplier nanoTime;
    private volatile Set<String> current = Set.of();
    private volatile boolean stale = true;
    private volatile long refreshAt;

    OrderedSubscriptions(SubscriptionRegistry subscriptions, LongSupplier nanoTime) {
        this.subscriptions = subscriptions;
        this.nanoTime = nanoTime;
    }

    /** The ordered subscriptions' ids as last read; the last good set when the registry cannot be read. */
    Set<String> get() {
        long now = nanoTime.getAsLong();
        if (stale || now - refreshAt >= 0) {
            stale = false;
            refreshAt = now + REFRESH_NANOS;
            try {
                current = read();
            } catch (RuntimeException e) {
                // Registry unreadable: the last answer stands until the next refresh.
            }
        }
        return current;
    }

    /** The next {@link #get()} reads the registry again. */
    void stale() {
        stale = true;
    }

    private Set<String> read() {
        Set<String> ids = new HashSet<>();
        for (Subscription s : subscriptions.list()) {
            if (s.ordered()) {
                ids.add(s.id());
            }
        }
        return ids.isEmpty() ? Set.of() : Set.copyOf(ids);
    }
}
