package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.DeliveryClaim;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/** One request in flight: what the stages learned so far, written into its event record at the end. */
final class Exchange {
    private static final int MAX_ERROR_CHARS = 500;

    final String eventId;
    final String endpointName;
    final WebhookRequest request;
    final long startNanos;
    StageName stage = StageName.RECORD;
    Endpoint endpoint;
    VerificationResult verification;
    JsonNode payload;
    WebhookEvent event;
    String eventType = "";
    /** How the handler runs: the endpoint's mode, or the one the request chose where the endpoint allows it (PARSE). */
    HandlerMode mode;
    String deliveryKey = "";
    String matchedKeyId = "";
    List<Alert> alerts = List.of();
    String message = "";
    String error = "";
    /** Set by VERIFY when the request passed it (or, for a replay, when the original did). */
    boolean verified;
    /** Set by VERIFY when it let the request in without a signature (an unsigned endpoint), or for a replay of such an event. */
    boolean acceptedUnsigned;
    /** The event a replay runs again, "" for a request from a sender; a replay skips guard, verify, handshake and dedup. */
    String replayOf = "";
    /** The redacted headers, computed once (an async event is recorded twice). */
    Headers recordedHeaders;
    /** Set once the outcome was recorded out of band (an async ACCEPTED), so RECORD does not record it again. */
    boolean recorded;
    private DeliveryClaim claim;
    private String failedAt;

    /** The endpoint's name for log lines: a name that routed nowhere is the sender's text ({@link LoggedNames}). */
    String loggedEndpoint() {
        return endpoint != null ? endpoint.name() : LoggedNames.endpoint(endpointName);
    }

    Exchange(String eventId, String endpointName, WebhookRequest request, long startNanos) {
        this.eventId = eventId;
        this.endpointName = endpointName;
        this.request = request;
        this.startNanos = startNanos;
    }

    boolean isReplay() {
        return !replayOf.isEmpty();
    }

    ReceiveResult answer(Reason reason) {
        return answer(reason, HandlerResponse.empty(), Optional.empty());
    }

    ReceiveResult answer(Reason reason, HandlerResponse response, Optional<Duration> retryAfter) {
        return new ReceiveResult(reason.httpStatus(), reason, eventId, endpointName, alerts, message, response, retryAfter,
                matchedKeyId);
    }

    /** A shared store could not be reached: 503, logged without the store's details in the answer. */
    ReceiveResult unavailable(String what, DependencyUnavailableException e, Logger log) {
        log.warn("event {} on {}: {} unavailable, answering 503: {}", eventId, loggedEndpoint(), what, e.getMessage());
        error = what + " unavailable";
        return answer(Reason.DEPENDENCY_UNAVAILABLE);
    }

    ReceiveResult fail(Reason reason, Throwable cause) {
        error = describe(cause);
        return answer(reason);
    }

    /** Names the stage a failure came from: the first (innermost) call wins. */
    void failedAt(String stage) {
        if (failedAt == null) {
            failedAt = stage;
        }
    }

    String failedAt() {
        return failedAt != null ? failedAt : stage.name();
    }

    synchronized void holdClaim(DeliveryClaim claim) {
        this.claim = claim;
    }

    /** The claim still to settle, taken so it is settled exactly once (close() may race the handler). */
    synchronized DeliveryClaim takeClaim() {
        DeliveryClaim c = claim;
        claim = null;
        return c;
    }

    static String describe(Throwable e) {
        String s = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        return s.length() > MAX_ERROR_CHARS ? s.substring(0, MAX_ERROR_CHARS) : s;
    }
}
