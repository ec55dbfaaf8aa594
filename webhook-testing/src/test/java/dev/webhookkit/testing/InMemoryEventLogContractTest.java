package dev.webhookkit.testing;

import dev.webhookkit.core.spi.EventLog;

/** Core's in-memory event log against the kit (its two rings and truncation are tested in webhook-core). */
class InMemoryEventLogContractTest extends EventLogContractTest {
    @Override
    protected EventLog create() {
        return EventLog.inMemory(100, 1024);
    }
}
