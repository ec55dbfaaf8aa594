package dev.webhookkit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the event history: what arrived, what the pipeline decided and what the handler
 * answered. An asynchronous event is recorded twice under the same id: ACCEPTED, then its outcome.
 *
 * @param eventId the pipeline's id for the request
 * @param endpoint the endpoint name as asked for
 * @param receivedAt when it arrived
 * @param status the HTTP status answered (for async outcomes: the handler's result)
 * @param reason the machine-readable outcome
 * @param eventType the sender's event type, "" when unknown
 * @param deliveryKey the dedup key, "" when the pipeline stopped before dedup
 * @param remoteAddress the client address
 * @param body the raw body, possibly truncated by the log (see {@link #bodyTruncated()})
 * @param bodyTruncated whether {@code body} is a prefix of what arrived
 * @param alerts the normalized alerts
 * @param message the rendered message, "" when none
 * @param handlerResponse what the handler answered, empty when none
 * @param error a short description of a failure (exception class and message), "" when none
 * @param matchedKeyId the secret that verified the request, "" when none
 * @param duration time spent in the pipeline (for async outcomes: including the handler)
 */
public record EventRecord(
        String eventId,
        String endpoint,
        Instant receivedAt,
        int status,
        Reason reason,
        String eventType,
        String deliveryKey,
        String remoteAddress,
        byte[] body,
        boolean bodyTruncated,
        List<Alert> alerts,
        String message,
        HandlerResponse handlerResponse,
        String error,
        String matchedKeyId,
        Duration duration) {

    public EventRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(body, "body");
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(handlerResponse, "handlerResponse");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(matchedKeyId, "matchedKeyId");
        Objects.requireNonNull(duration, "duration");
    }

    /** The body as UTF-8 text. */
    public String bodyAsString() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The same record with the body cut to {@code maxBytes}. */
    public EventRecord truncatedTo(int maxBytes) {
        if (body.length <= maxBytes) {
            return this;
        }
        return new EventRecord(eventId, endpoint, receivedAt, status, reason, eventType, deliveryKey, remoteAddress,
                java.util.Arrays.copyOf(body, maxBytes), true, alerts, message, handlerResponse, error, matchedKeyId, duration);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventRecord r && r.eventId.equals(eventId) && r.reason == reason && r.status == status
                && r.endpoint.equals(endpoint) && java.util.Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return eventId.hashCode();
    }

    @Override
    public String toString() {
        return "EventRecord[" + eventId + " " + endpoint + " " + status + " " + reason
                + (eventType.isEmpty() ? "" : " " + eventType) + ", " + alerts.size() + " alerts]";
    }
}
