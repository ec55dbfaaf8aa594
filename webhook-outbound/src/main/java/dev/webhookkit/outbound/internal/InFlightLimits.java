package dev.webhookkit.outbound.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests in flight per subscription, and the set of subscriptions at their limit (skipped when
 * claiming). The set may briefly lag the counts; a message claimed for a full subscription is
 * simply given back.
 */
final class InFlightLimits {
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Set<String> saturated = ConcurrentHashMap.newKeySet();

    boolean tryAcquire(String subscriptionId, int max) {
        AtomicInteger c = counts.computeIfAbsent(subscriptionId, k -> new AtomicInteger());
        while (true) {
            int n = c.get();
            if (n >= max) {
                saturated.add(subscriptionId);
                return false;
            }
            if (c.compareAndSet(n, n + 1)) {
                if (n + 1 >= max) {
                    saturated.add(subscriptionId);
                }
                return true;
            }
        }
    }

    /** @return true when the subscription was full before (a waiting worker may now claim for it) */
    boolean release(String subscriptionId) {
        AtomicInteger c = counts.get(subscriptionId);
        if (c != null) {
            c.decrementAndGet();
        }
        return saturated.remove(subscriptionId);
    }

    /** A snapshot of the subscriptions at their limit. */
    Set<String> saturated() {
        return saturated.isEmpty() ? Set.of() : Set.copyOf(saturated);
    }

    int inFlight(String subscriptionId) {
        AtomicInteger c = counts.get(subscriptionId);
        return c == null ? 0 : c.get();
    }
}
