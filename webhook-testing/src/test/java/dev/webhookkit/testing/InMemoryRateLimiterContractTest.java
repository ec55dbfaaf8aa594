package dev.webhookkit.testing;

import dev.webhookkit.core.spi.RateLimiter;

/** Core's in-memory token buckets against the kit (the bound on per-source buckets is tested in webhook-core). */
class InMemoryRateLimiterContractTest extends RateLimiterContractTest {
    @Override
    protected RateLimiter create() {
        return RateLimiter.inMemory(clock);
    }
}
