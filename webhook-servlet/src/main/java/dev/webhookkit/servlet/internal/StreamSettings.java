package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.Registration;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import dev.webhookkit.servlet.EventStreamAuthorizer;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The validated settings of one event stream servlet.
 *
 * @param eventLog the history a new client's replay is read from
 * @param live subscribes a listener to the records written from now on (the receiver's)
 * @param replay how many recent records a new client gets first (at most; a client may ask for fewer)
 * @param heartbeat how often an idle stream gets a comment line, which also detects clients that left
 * @param queueCapacity how many records wait per client before newer ones are dropped
 * @param authorizer who may open a stream
 * @param maxClients how many streams may be open at once; more are answered 503
 * @param maxConnectionLifetime how long one stream stays open before the servlet ends it
 */
public record StreamSettings(EventLog eventLog, Function<EventLogListener, Registration> live, int replay, Duration heartbeat, int queueCapacity,
                             EventStreamAuthorizer authorizer, int maxClients, Duration maxConnectionLifetime) {
    public StreamSettings {
        Objects.requireNonNull(eventLog, "eventLog");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(maxConnectionLifetime, "maxConnectionLifetime");
    }
}
