package dev.webhookkit.testing;

import dev.webhookkit.core.EndpointRegistry;

/** Core's in-memory endpoints against the endpoint registry kit (here: webhook-core's tests cannot depend on this module). */
class InMemoryEndpointRegistryTest extends EndpointRegistryContractTest {

    @Override
    protected EndpointRegistry create() {
        return EndpointRegistry.inMemory();
    }
}
