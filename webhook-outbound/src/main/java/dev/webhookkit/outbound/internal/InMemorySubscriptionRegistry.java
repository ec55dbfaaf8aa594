package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The default registry: a concurrent sorted map, so {@link #list()} is in id order without copying under a lock. */
public final class InMemorySubscriptionRegistry implements SubscriptionRegistry {
    private final ConcurrentSkipListMap<String, Subscription> byId = new ConcurrentSkipListMap<>();

    @Override
    public void create(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        if (byId.putIfAbsent(subscription.id(), subscription) != null) {
            throw new ConfigurationException("subscription '" + subscription.id() + "' already exists");
        }
    }

    @Override
    public Optional<Subscription> get(String id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public void update(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        if (byId.replace(subscription.id(), subscription) == null) {
            throw new ConfigurationException("subscription '" + subscription.id() + "' does not exist");
        }
    }

    @Override
    public void put(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        byId.put(subscription.id(), subscription);
    }

    @Override
    public boolean delete(String id) {
        return byId.remove(Objects.requireNonNull(id, "id")) != null;
    }

    @Override
    public List<Subscription> list() {
        return List.copyOf(byId.values());
    }

    @Override
    public List<Subscription> matching(String eventType) {
        Objects.requireNonNull(eventType, "eventType");
        return byId.values().stream().filter(s -> s.enabled() && s.accepts(eventType)).toList();
    }
}
