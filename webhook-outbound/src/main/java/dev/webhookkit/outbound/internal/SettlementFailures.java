package dev.webhookkit.outbound.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts, per message, the attempts whose outcome the store failed to record. Such a message stays
 * leased and is claimed again when the lease ends, so without a cap a message whose settlement
 * always fails would be sent again and again: after {@link #LIMIT} failures it is not sent any more
 * but dead-lettered. Counted in this instance's memory only (at most {@link #TRACKED} messages,
 * oldest forgotten first), so with several instances a message is sent at most {@code LIMIT} times
 * per instance. Thread-safe.
 */
final class SettlementFailures {
    /** Failed settlements after which a message is no longer sent. */
    static final int LIMIT = 3;
    /** Messages whose failures are remembered. */
    static final int TRACKED = 10_000;

    private final Map<String, Integer> failures = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > TRACKED;
        }
    };
    /** Lets the common case (no failure ever) skip the lock. */
    private volatile boolean any;

    /** @return the message's failed settlements so far, this one included */
    synchronized int failed(String messageId) {
        any = true;
        return failures.merge(messageId, 1, Integer::sum);
    }

    /** True when the message must not be sent again. */
    boolean exhausted(String messageId) {
        if (!any) {
            return false;
        }
        synchronized (this) {
            return failures.getOrDefault(messageId, 0) >= LIMIT;
        }
    }

    void settled(String messageId) {
        if (any) {
            synchronized (this) {
                failures.remove(messageId);
            }
        }
    }
}
