package dev.webhookkit.testing;

import dev.webhookkit.core.spi.Deduplicator;

/** Core's in-memory deduplicator against the kit (its bounds are tested in webhook-core's InMemoryDeduplicatorTest). */
class InMemoryDeduplicatorContractTest extends DeduplicatorContractTest {
    @Override
    protected Deduplicator create() {
        return Deduplicator.inMemory(10_000, clock);
    }
}
