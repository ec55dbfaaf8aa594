package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SubscriptionRegistry} promises: the {@link RegistryContractTest} operations keyed
 * by subscription id, and the enabled subscriptions that want an event type. An implementation's
 * test extends this with a fresh, empty registry from {@link #create}.
 */
public abstract class SubscriptionRegistryContractTest extends RegistryContractTest<Subscription> {

    @Override
    protected abstract SubscriptionRegistry create();

    protected SubscriptionRegistry subscriptions() {
        return (SubscriptionRegistry) registry;
    }

    @Override
    protected Subscription entry(String key, int variant) {
        return Subscription.builder(key, "https://hooks.example.com/" + variant).secret("whsec_test").build();
    }

    @Override
    protected String kind() {
        return "subscription";
    }

    private static Subscription.Builder sub(String id) {
        return Subscription.builder(id, "https://" + id + ".example.com/hook").secret("whsec_" + id);
    }

    @Test
    void matchingIsTheEnabledSubscriptionsThatWantTheTypeInIdOrder() {
        subscriptions().create(sub("b").eventTypes("order.*").build());
        subscriptions().create(sub("a").build());
        subscriptions().create(sub("c").enabled(false).build());
        subscriptions().create(sub("d").eventTypes("invoice.*").build());

        assertThat(subscriptions().matching("order.created")).extracting(Subscription::id).containsExactly("a", "b");
        assertThat(subscriptions().matching("invoice.paid")).extracting(Subscription::id).containsExactly("a", "d");
    }

    @Test
    void matchingFollowsUpdatesAndDeletes() {
        subscriptions().create(sub("a").eventTypes("order.*").build());
        subscriptions().create(sub("b").eventTypes("order.*").build());

        subscriptions().update(sub("a").eventTypes("order.*").enabled(false).build());
        subscriptions().delete("b");
        subscriptions().put(sub("c").eventTypes("order.created").build());

        assertThat(subscriptions().matching("order.created")).extracting(Subscription::id).containsExactly("c");
        assertThat(subscriptions().matching("order.paid")).isEmpty();
    }
}
