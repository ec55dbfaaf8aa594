package dev.webhookkit.core;

/**
 * Why the receiver answered as it did: the one table of reason → HTTP status.
 *
 * <p>2xx reasons tell the sender to stop retrying, 4xx ones that retrying the same request will
 * not help (except {@link #RATE_LIMITED}), 5xx ones that it should retry later.
 */
public enum Reason {
    /** Verified and handled synchronously. */
    PROCESSED(200),
    /** Verified and queued for an asynchronous handler. */
    ACCEPTED(202),
    /** A provider handshake (Slack url_verification, GitHub ping, SNS confirmation) was answered. */
    HANDSHAKE(200),
    /** The same delivery was seen within the endpoint's window: acknowledged, not processed again. */
    DUPLICATE(200),
    /** The endpoint's filters excluded the event: acknowledged and recorded, not handled. */
    FILTERED(202),
    /** No endpoint of that name (or path). */
    UNKNOWN_ENDPOINT(404),
    /** The endpoint exists but is disabled; answered like an unknown one so it reveals nothing. */
    ENDPOINT_DISABLED(404),
    /** Webhooks are POSTed; any other method is refused. */
    METHOD_NOT_ALLOWED(405),
    /** The body is larger than the endpoint's limit. */
    PAYLOAD_TOO_LARGE(413),
    /** The client address is not on the endpoint's allowlist. */
    IP_NOT_ALLOWED(403),
    /** The endpoint's rate limit is exhausted; see {@link ReceiveResult#retryAfter()}. */
    RATE_LIMITED(429),
    /** The signature header (or token) is absent. */
    MISSING_SIGNATURE(401),
    /** The signature header is present but cannot be parsed. */
    MALFORMED_SIGNATURE(401),
    /** No active secret produces the signature that was sent. */
    SIGNATURE_MISMATCH(401),
    /** A timestamped scheme's timestamp header is absent. */
    MISSING_TIMESTAMP(401),
    /** The signed timestamp is outside the tolerance (too old or too far in the future). */
    TIMESTAMP_EXPIRED(401),
    /**
     * The key to check the signature with could not be obtained in time (an SNS signing certificate
     * whose download failed or timed out): answered 503 so the sender retries later.
     */
    CERTIFICATE_UNAVAILABLE(503),
    /** The body is not valid JSON (or form data), is empty, or is nested too deeply. */
    MALFORMED_PAYLOAD(400),
    /**
     * A forwarded request has passed the hop limit (webhook-actions' {@code Webhookkit-Forwarded-Hops}
     * header): refused so that a forwarding loop ends. Senders should not retry it.
     */
    LOOP_DETECTED(508),
    /** The handler threw: answered 500 so the sender retries; the delivery is not marked as seen. */
    HANDLER_FAILED(500),
    /** The asynchronous executor refused the work (queue full or shut down): retry later. */
    OVERLOADED(503),
    /**
     * The same delivery is being processed right now (another attempt holds its dedup lease):
     * retry after {@link ReceiveResult#retryAfter()}. If that attempt fails, the retry is processed.
     */
    IN_PROGRESS(503),
    /** A shared dependency (Redis, a database) was unreachable and the policy is to fail closed. */
    DEPENDENCY_UNAVAILABLE(503),
    /** A pipeline stage broke its contract; the log names the stage. */
    INTERNAL_ERROR(500);

    private final int httpStatus;

    Reason(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status this reason is answered with. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * True for the answers given before the request was authenticated or that refused it unread
     * (routing, guards, rate limits, signature checks): their records keep no body and live in the
     * event log's separately capped space, so forged requests never evict verified history.
     */
    public boolean isPreAuthentication() {
        switch (this) {
            case UNKNOWN_ENDPOINT: case ENDPOINT_DISABLED: case METHOD_NOT_ALLOWED: case PAYLOAD_TOO_LARGE:
            case IP_NOT_ALLOWED: case RATE_LIMITED: case MISSING_SIGNATURE: case MALFORMED_SIGNATURE: case SIGNATURE_MISMATCH:
            case MISSING_TIMESTAMP: case TIMESTAMP_EXPIRED: case CERTIFICATE_UNAVAILABLE:
                return true;
            default:
                return false;
        }
    }

    /** True for the reasons under which the event was accepted (2xx). */
    public boolean isSuccess() {
        return httpStatus >= 200 && httpStatus < 300;
    }

    /** True for the outcomes of signature verification: the 401 reasons and {@link #CERTIFICATE_UNAVAILABLE}. */
    public boolean isVerificationFailure() {
        return httpStatus == 401 || this == CERTIFICATE_UNAVAILABLE;
    }
}
