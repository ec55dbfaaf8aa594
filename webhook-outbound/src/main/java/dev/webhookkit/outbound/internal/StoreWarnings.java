package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.internal.ThrottledLog;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports failed store calls through a throttled log: during an outage every worker fails every
 * poll, and one line per interval (with the count of those left out) says as much.
 */
final class StoreWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultWebhookDispatcher.class);

    private final String claimant;
    private final ThrottledLog throttled;

    StoreWarnings(String claimant, Clock clock, Duration interval, Consumer<String> sink) {
        this.claimant = claimant;
        this.throttled = new ThrottledLog(clock, interval, sink);
    }

    void failed(String what, RuntimeException e) {
        throttled.failed("dispatcher " + claimant + " " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        LOG.debug("dispatcher {} store failure", claimant, e);
    }
}
