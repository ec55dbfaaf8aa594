package dev.webhookkit.testing;

import dev.webhookkit.outbound.spi.EndpointHealthStore;

/** webhook-outbound's in-memory endpoint health against the contract (one store per process, so "again" is the same one). */
class InMemoryEndpointHealthStoreTest extends EndpointHealthStoreContractTest {
    private EndpointHealthStore current;

    @Override
    protected EndpointHealthStore createStore() {
        current = EndpointHealthStore.inMemory();
        return current;
    }

    @Override
    protected EndpointHealthStore sameStoreAgain() {
        return current;
    }
}
