package dev.webhookkit.core;

import java.util.Objects;

/**
 * {@link WebhookReceiver#replay} will not run this recorded event again; {@link #refusal()} says
 * why (an admin API answers it 409 or 422). The message names the event, never its content.
 */
public class ReplayRefusedException extends WebhookException {
    private static final long serialVersionUID = 1L;

    /** Why a replay was refused. */
    public enum Refusal {
        /** The event log cut the body (or never kept it): the event cannot be rebuilt as it arrived. */
        BODY_NOT_KEPT,
        /**
         * The event never passed signature verification (refused before or at verify, or a handshake
         * answered in its place): replaying it would let a forged request in.
         */
        NOT_VERIFIED,
        /** The event's endpoint no longer exists. */
        ENDPOINT_GONE,
        /** The event's endpoint is disabled. */
        ENDPOINT_DISABLED
    }

    private final String eventId;
    private final Refusal refusal;

    public ReplayRefusedException(String eventId, Refusal refusal, String message) {
        super(message);
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    /** The event whose replay was refused. */
    public String eventId() {
        return eventId;
    }

    public Refusal refusal() {
        return refusal;
    }
}
