package dev.webhookkit.core.spi;

import dev.webhookkit.core.EventRecord;

/**
 * Told of every record as it is written, for live streams (SSE) and metrics. Called on the
 * thread that recorded the event: keep it quick. Exceptions are logged and ignored.
 */
@FunctionalInterface
public interface EventLogListener {

    void onRecord(EventRecord record);
}
