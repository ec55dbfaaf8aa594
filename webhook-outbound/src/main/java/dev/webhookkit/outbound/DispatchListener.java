package dev.webhookkit.outbound;


/**
 * Told of what the dispatcher does, for live delivery logs (SSE), metrics and alerts. Every hook
 * defaults to doing nothing. Called on the dispatcher's worker threads: keep it quick. Exceptions
 * are logged and ignored.
 */
public interface DispatchListener {
    /** A listener that does nothing. */
    DispatchListener NONE = new DispatchListener() {
    };

    /**
     * A worker is about to attempt {@code message} for the {@code attemptNumber}th time, on the
     * thread that then makes the attempt and tells {@link #onAttempt} (for timing, spans, the MDC).
     * Test sends are not announced.
     */
    default void onAttemptStarting(OutboundMessage message, int attemptNumber) {
    }

    /** After every attempt is recorded (test sends included). */
    default void onAttempt(DeliveryAttempt attempt) {
    }

    /** A message was delivered. */
    default void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
    }

    /** A message will be tried again at {@code message.nextAttemptAt()}. */
    default void onRetryScheduled(OutboundMessage message, DeliveryAttempt attempt) {
    }

    /** A message was given up; it can be redelivered by hand. */
    default void onDeadLettered(OutboundMessage message, DeliveryAttempt attempt) {
    }

    /** The dispatcher disabled a subscription; {@code subscription} is the disabled version. */
    default void onSubscriptionDisabled(Subscription subscription, DisableReason reason) {
    }
}
