package dev.webhookkit.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the receiver decided about one request, ready to be written as the HTTP answer: the status,
 * a machine-readable {@link Reason}, the event id, the normalized alerts and the handler's response.
 *
 * @param status the HTTP status to answer with
 * @param reason why
 * @param eventId the pipeline's id for this request (in every log line and the event log)
 * @param endpoint the endpoint name as asked for
 * @param alerts the normalized alerts (empty when the pipeline stopped before mapping)
 * @param message the rendered message template, "" when none
 * @param response the synchronous handler's (or handshake's) response; empty otherwise
 * @param retryAfter set for {@link Reason#RATE_LIMITED} and {@link Reason#IN_PROGRESS}: the wait to send as {@code Retry-After}
 * @param matchedKeyId the id of the secret that verified the request, "" when none
 */
public record ReceiveResult(
        int status,
        Reason reason,
        String eventId,
        String endpoint,
        List<Alert> alerts,
        String message,
        HandlerResponse response,
        Optional<Duration> retryAfter,
        String matchedKeyId) {

    public ReceiveResult {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(endpoint, "endpoint");
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(matchedKeyId, "matchedKeyId");
    }

    /** A result that stopped at a stage, with the reason's own status. */
    public static ReceiveResult rejected(Reason reason, String eventId, String endpoint) {
        return new ReceiveResult(reason.httpStatus(), reason, eventId, endpoint, List.of(), "", HandlerResponse.empty(), Optional.empty(), "");
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** {@code Retry-After} in whole seconds, rounded up, when the result asks the sender to wait. */
    public Optional<Long> retryAfterSeconds() {
        return retryAfter.map(d -> Math.max(1, (d.toMillis() + 999) / 1000));
    }

    /**
     * The small JSON body a server answers with when the handler gave none:
     * {@code {"status":200,"reason":"PROCESSED","eventId":"…"}}.
     */
    public String toJson() {
        return "{\"status\":" + status + ",\"reason\":\"" + reason.name() + "\",\"eventId\":\"" + eventId + "\"}";
    }
}
