package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.spi.EventLog;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated settings of one event stream servlet.
 *
 * @param eventLog the log whose records are streamed
 * @param replay how many recent records a new client gets first (at most; a client may ask for fewer)
 * @param heartbeat how often an idle stream gets a comment line, which also detects clients that left
 * @param queueCapacity how many records wait per client before newer ones are dropped
 */
public record StreamSettings(EventLog eventLog, int replay, Duration heartbeat, int queueCapacity) {
    public StreamSettings {
        Objects.requireNonNull(eventLog, "eventLog");
        Objects.requireNonNull(heartbeat, "heartbeat");
    }
}
