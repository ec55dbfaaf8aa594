package dev.webhookkit.outbound;

/** Why the dispatcher disabled a subscription. */
public enum DisableReason {
    /** The subscriber answered 410 Gone: it asked for no more events. */
    GONE,
    /** Every attempt failed for longer than the configured period (default 5 days). */
    FAILING_TOO_LONG,
    /** The configured number of messages in a row were dead-lettered without a success between them. */
    TOO_MANY_FAILED_MESSAGES
}
