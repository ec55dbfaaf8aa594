package dev.webhookkit.outbound;

/** What the retry policy makes of an attempt. */
public enum Disposition {
    /** 2xx: the message is delivered. */
    DELIVERED,
    /** A retryable failure with attempts left: the message is rescheduled. */
    RETRY,
    /** A final failure, or the last attempt failed: the message is dead-lettered. */
    DEAD_LETTER,
    /** 410 Gone: the message is dead-lettered and the subscription disabled at once. */
    GONE
}
