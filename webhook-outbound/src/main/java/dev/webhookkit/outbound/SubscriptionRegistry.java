package dev.webhookkit.outbound;

import dev.webhookkit.core.spi.Registry;
import dev.webhookkit.outbound.internal.InMemorySubscriptionRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The subscribers a dispatcher sends to: the {@link Registry} operations keyed by subscription id,
 * plus the subscriptions that want an event type. The dispatcher reads
 * a subscription again before every attempt, so an update (a new URL, a rotated secret, disabling)
 * applies to messages already queued. Implementations must be thread-safe.
 */
public interface SubscriptionRegistry extends Registry<Subscription> {

    /** The enabled subscriptions that want this event type, by id. */
    default List<Subscription> matching(String eventType) {
        return list().stream().filter(s -> s.enabled() && s.accepts(eventType)).toList();
    }

    /** A thread-safe in-memory registry. */
    static SubscriptionRegistry inMemory() {
        return new InMemorySubscriptionRegistry();
    }
}
