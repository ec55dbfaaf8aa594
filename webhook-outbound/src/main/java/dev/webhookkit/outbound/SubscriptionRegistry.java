package dev.webhookkit.outbound;

import dev.webhookkit.outbound.internal.InMemorySubscriptionRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The subscribers a dispatcher sends to: create, read, update, delete, list. The dispatcher reads
 * a subscription again before every attempt, so an update (a new URL, a rotated secret, disabling)
 * applies to messages already queued. Implementations must be thread-safe.
 */
public interface SubscriptionRegistry {

    /** Adds a subscription. @throws dev.webhookkit.core.ConfigurationException when the id is taken */
    void create(Subscription subscription);

    Optional<Subscription> get(String id);

    /** Replaces the subscription of the same id. @throws dev.webhookkit.core.ConfigurationException when there is none */
    void update(Subscription subscription);

    /** Creates or replaces. */
    void put(Subscription subscription);

    /** @return true when a subscription of that id was removed */
    boolean delete(String id);

    /** Every subscription, by id. */
    List<Subscription> list();

    /** The enabled subscriptions that want this event type, by id. */
    default List<Subscription> matching(String eventType) {
        return list().stream().filter(s -> s.enabled() && s.accepts(eventType)).toList();
    }

    /** A thread-safe in-memory registry. */
    static SubscriptionRegistry inMemory() {
        return new InMemorySubscriptionRegistry();
    }
}
