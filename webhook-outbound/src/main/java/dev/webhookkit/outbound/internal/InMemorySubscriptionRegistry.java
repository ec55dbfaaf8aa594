package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.internal.InMemoryRegistry;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The default registry: subscriptions by id, matched against an event type by scanning them. */
public final class InMemorySubscriptionRegistry extends InMemoryRegistry<Subscription> implements SubscriptionRegistry {

    public InMemorySubscriptionRegistry() {
        super("subscription", Subscription::id);
    }

    @Override
    public List<Subscription> matching(String eventType) {
        Objects.requireNonNull(eventType, "eventType");
        List<Subscription> matched = new ArrayList<>();
        for (Subscription s : values()) {
            if (s.enabled() && s.accepts(eventType)) {
                matched.add(s);
            }
        }
        return matched;
    }
}
