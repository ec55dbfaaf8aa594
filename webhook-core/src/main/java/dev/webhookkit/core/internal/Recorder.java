package dev.webhookkit.core.internal;

import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Writes an exchange's outcome to the event log and tells the receiver's record listeners. A refused, unauthenticated request keeps no body
 * and passes the {@link RejectedRecordGate}: forged traffic must not fill the history.
 */
final class Recorder {
    private static final byte[] NO_BODY = new byte[0];

    private final EventLog eventLog;
    private final Clock clock;
    private final RejectedRecordGate rejectedRecords;
    private final Fanout<EventLogListener> listeners;
    private final Logger log;

    Recorder(EventLog eventLog, Fanout<EventLogListener> listeners, Clock clock, Logger log) {
        this.eventLog = eventLog;
        this.listeners = listeners;
        this.clock = clock;
        this.log = log;
        this.rejectedRecords = new RejectedRecordGate(clock, RejectedRecordGate.DEFAULT_PER_MINUTE, log);
    }

    void record(Exchange ex, ReceiveResult result) {
        Duration took = Duration.ofNanos(System.nanoTime() - ex.startNanos);
        debug(ex, result, took);
        boolean keepBody = !result.reason().isPreAuthentication();
        if (!keepBody && !rejectedRecords.admit()) {
            return;
        }
        EventRecord record = new EventRecord(ex.eventId, ex.endpointName, clock.instant(), result.status(), result.reason(),
                ex.eventType, ex.deliveryKey, ex.request.remoteAddress(), keepBody ? ex.request.body() : NO_BODY,
                !keepBody && ex.request.bodyLength() > 0, ex.alerts, ex.message, result.response(), ex.error,
                ex.matchedKeyId, took);
        try {
            eventLog.record(record);
        } catch (RuntimeException e) {
            // The answer to the sender does not depend on the history; losing a record is logged, not fatal.
            log.error("event {} on {}: event log failed to record {}", ex.eventId, ex.endpointName, result.reason(), e);
        }
        if (!listeners.isEmpty()) {
            listeners.tell(l -> l.onRecord(record), "event " + ex.eventId);
        }
    }

    private void debug(Exchange ex, ReceiveResult result, Duration took) {
        if (log.isDebugEnabled()) {
            log.debug("event {} on {}: {} {} at stage {} in {} µs", ex.eventId, ex.endpointName, result.status(), result.reason(),
                    ex.stage, took.toNanos() / 1000);
        }
    }
}
