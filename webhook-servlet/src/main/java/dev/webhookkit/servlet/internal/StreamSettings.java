package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.servlet.EventStreamAuthorizer;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated settings of one event stream servlet.
 *
 * @param eventLog the log whose records are streamed
 * @param replay how many recent records a new client gets first (at most; a client may ask for fewer)
 * @param heartbeat how often an idle stream gets a comment line, which also detects clients that left
 * @param queueCapacity how many records wait per client before newer ones are dropped
 * @param authorizer who may open a stream
 * @param maxClients how many streams may be open at once; more are answered 503
 * @param maxConnectionLifetime how long one stream stays open before the servlet ends it
 */
public record StreamSettings(EventLog eventLog, int replay, Duration heartbeat, int queueCapacity,
                             EventStreamAuthorizer authorizer, int maxClients, Duration maxConnectionLifetime) {
    public StreamSettings {
        Objects.requireNonNull(eventLog, "eventLog");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(maxConnectionLifetime, "maxConnectionLifetime");
    }
}
