package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.spi.Registry;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** webhook-outbound's in-memory subscriptions against the registry kit (here: webhook-outbound's tests cannot depend on this module). */
class InMemorySubscriptionRegistryTest extends RegistryContractTest<Subscription> {
    private final Map<String, Subscription> made = new ConcurrentHashMap<>();

    @Override
    protected Registry<Subscription> create() {
        return SubscriptionRegistry.inMemory();
    }

    @Override
    protected Subscription entry(String key, int variant) {
        return made.computeIfAbsent(key + "#" + variant,
                k -> Subscription.builder(key, "https://hooks.example.com/" + variant).secret("whsec_test").build());
    }

    @Override
    protected String kind() {
        return "subscription";
    }

    @Test
    void matchingIsTheEnabledSubscriptionsThatWantTheTypeInIdOrder() {
        SubscriptionRegistry subs = SubscriptionRegistry.inMemory();
        subs.create(Subscription.builder("b", "https://b.example.com/").secret("s").eventTypes(List.of("order.*")).build());
        subs.create(Subscription.builder("a", "https://a.example.com/").secret("s").build());
        subs.create(Subscription.builder("c", "https://c.example.com/").secret("s").enabled(false).build());
        subs.create(Subscription.builder("d", "https://d.example.com/").secret("s").eventTypes(List.of("invoice.*")).build());
        assertThat(subs.matching("order.created")).extracting(Subscription::id).containsExactly("a", "b");
    }
}
