package dev.webhookkit.redis;

import dev.webhookkit.core.spi.Deduplicator;
import java.time.Duration;

/** Checks the contract kit itself against core's in-memory deduplicator: runs without Redis. */
class InMemoryDeduplicatorContractTest extends DeduplicatorContract {
    private MutableClock clock;

    @Override
    Deduplicator create() {
        clock = MutableClock.at("2026-11-22T10:00:00Z");
        return Deduplicator.inMemory(10_000, clock);
    }

    @Override
    void advance(Duration d) {
        clock.advance(d);
    }
}
