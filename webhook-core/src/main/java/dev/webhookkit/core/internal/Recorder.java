package dev.webhookkit.core.internal;

import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Writes an exchange's outcome to the event log and tells the receiver's record listeners. A refused, unauthenticated request keeps no body
 * and no headers, and passes the {@link RejectedRecordGate}: forged traffic must not fill the history. Other records keep the headers
 * with their credentials redacted here, before any store or listener sees them ({@link RecordedHeaders}).
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
                ex.matchedKeyId, took, keepBody ? headers(ex) : Headers.empty(), ex.verified, ex.replayOf,
                tenant(ex), ex.verified && ex.acceptedUnsigned, result.response().actions());
        try {
            eventLog.record(record);
        } catch (RuntimeException e) {
            // The answer to the sender does not depend on the history; losing a record is logged, not fatal.
            log.error("event {} on {}: event log failed to record {}", ex.eventId, ex.loggedEndpoint(), result.reason(), e);
        }
        if (!listeners.isEmpty()) {
            listeners.tell(l -> l.onRecord(record), "event " + ex.eventId);
        }
    }

    /** The endpoint's tenant now, at record time; "" without one (or without an endpoint). */
    private static String tenant(Exchange ex) {
        return ex.endpoint == null ? "" : ex.endpoint.tenant().orElse("");
    }

    /**
     * Without the endpoint (a registry that threw), or when its verifier cannot say which headers
     * are secret, nobody knows what is safe to keep: keep none.
     */
    private Headers headers(Exchange ex) {
        if (ex.endpoint == null) {
            return Headers.empty();
        }
        if (ex.recordedHeaders == null) {
            try {
                ex.recordedHeaders = RecordedHeaders.of(ex.request.headers(), ex.endpoint.verifier().secretHeaders());
            } catch (RuntimeException e) {
                log.warn("event {} on {}: verifier {} failed to name its secret headers, recording no headers: {}", ex.eventId,
                        ex.loggedEndpoint(), ex.endpoint.verifier().schemeId(), e.toString());
                ex.recordedHeaders = Headers.empty();
            }
        }
        return ex.recordedHeaders;
    }

    private void debug(Exchange ex, ReceiveResult result, Duration took) {
        if (log.isDebugEnabled()) {
            log.debug("event {} on {}: {} {} at stage {} in {} µs", ex.eventId, ex.loggedEndpoint(), result.status(), result.reason(),
                    ex.stage, took.toNanos() / 1000);
        }
    }
}
