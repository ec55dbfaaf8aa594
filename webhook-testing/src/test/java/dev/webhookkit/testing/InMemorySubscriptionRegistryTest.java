package dev.webhookkit.testing;

import dev.webhookkit.outbound.SubscriptionRegistry;

/** webhook-outbound's in-memory subscriptions against the subscription registry kit (here: webhook-outbound's tests cannot depend on this module). */
class InMemorySubscriptionRegistryTest extends SubscriptionRegistryContractTest {

    @Override
    protected SubscriptionRegistry create() {
        return SubscriptionRegistry.inMemory();
    }
}
