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
 * @param headers the request's headers as received, with every credential-bearing value replaced
 *     by {@link #REDACTED} when it was recorded (see {@link #MAX_HEADER_CHARS}); empty for refused,
 *     unauthenticated requests ({@link Reason#isPreAuthentication()}), like the body
 * @param verified whether the request passed the verify stage (a valid signature, or an endpoint
 *     that opted into unsigned requests); only such events can be replayed
 * @param replayOf the id of the event this one replays ({@link WebhookReceiver#replay}), "" when it arrived from a sender
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
        Duration duration,
        Headers headers,
        boolean verified,
        String replayOf) {

    /** What a credential-bearing header value is recorded as. */
    public static final String REDACTED = "[redacted]";
    /**
     * Header text kept per record: name and value lengths (in chars) plus 4 per value, in arrival
     * order; headers past it are dropped. Servers refuse request headers above 8 KiB by default, so
     * only hostile requests reach it.
     */
    public static final int MAX_HEADER_CHARS = 16 * 1024;

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
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(replayOf, "replayOf");
    }

    /** A record without headers, not verified, not a replay (for tests and imported history). */
    public EventRecord(String eventId, String endpoint, Instant receivedAt, int status, Reason reason, String eventType,
                       String deliveryKey, String remoteAddress, byte[] body, boolean bodyTruncated, List<Alert> alerts,
                       String message, HandlerResponse handlerResponse, String error, String matchedKeyId, Duration duration) {
        this(eventId, endpoint, receivedAt, status, reason, eventType, deliveryKey, remoteAddress, body, bodyTruncated, alerts,
                message, handlerResponse, error, matchedKeyId, duration, Headers.empty(), false, "");
    }

    /** True when this event is an operator's replay of an earlier one. */
    public boolean isReplay() {
        return !replayOf.isEmpty();
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
                java.util.Arrays.copyOf(body, maxBytes), true, alerts, message, handlerResponse, error, matchedKeyId, duration,
                headers, verified, replayOf);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventRecord r && r.eventId.equals(eventId) && r.reason == reason && r.status == status
                && r.endpoint.equals(endpoint) && java.util.Arrays.equals(r.body, body) && r.headers.equals(headers)
                && r.verified == verified && r.replayOf.equals(replayOf);
    }

    @Override
    public int hashCode() {
        return eventId.hashCode();
    }

    @Override
    public String toString() {
        return "EventRecord[" + eventId + " " + endpoint + " " + status + " " + reason
                + (eventType.isEmpty() ? "" : " " + eventType) + (replayOf.isEmpty() ? "" : " replay of " + replayOf) + ", "
                + alerts.size() + " alerts]";
    }
}
