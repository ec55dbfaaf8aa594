package dev.webhookkit.core.spi;

import dev.webhookkit.core.Reason;
import dev.webhookkit.core.StageName;
import java.time.Duration;

/**
 * Told of each request's progress through the stages, for metrics and tracing (OkHttp's
 * {@code EventListener} is the model). Every method does nothing by default. Calls come on the
 * request thread (an async handler's outcome on the executor's); they must be quick and must not
 * throw — what one throws is logged and ignored.
 */
public interface ReceiveListener {

    /** Does nothing. */
    ReceiveListener NONE = new ReceiveListener() {
    };

    /** A request arrived for {@code endpointName}; {@code eventId} names it in every later call. */
    default void requestStarted(String eventId, String endpointName) {
    }

    /**
     * ROUTE found an enabled endpoint named {@code endpointName} that takes the request: from here
     * on the request belongs to a registered endpoint, so the name is safe as a metric tag. Not
     * called for an unknown or disabled endpoint, nor for a method the endpoint refuses.
     */
    default void routed(String eventId, String endpointName) {
    }

    /**
     * Whether {@link #stageStarted} and {@link #stageEnded} are wanted. Timing a stage reads the
     * clock twice, for each of the eleven stages of every request; a listener that needs only the
     * request and verify times answers false and the stages run untimed. Asked once, when the
     * receiver is built. Default true.
     */
    default boolean observesStages() {
        return true;
    }

    /** A built-in stage begins. */
    default void stageStarted(String eventId, StageName stage) {
    }

    /** A built-in stage ended (it and everything it ran after itself), after {@code took}. */
    default void stageEnded(String eventId, StageName stage, Duration took) {
    }

    /**
     * The endpoint's verifier ran for {@code schemeId} and found the request {@code valid} or not,
     * after {@code took} (the verifier alone, not the stages after it). Replays are not verified again,
     * and an endpoint without a verifier ({@code allowUnsigned()} with no scheme) checks nothing,
     * so neither is reported.
     */
    default void verified(String eventId, String schemeId, boolean valid, Duration took) {
    }

    /**
     * The request was answered with {@code reason} after {@code took}. An async event is answered
     * ACCEPTED, and {@link #asyncCompleted} follows when its handler ends.
     */
    default void requestEnded(String eventId, String endpointName, Reason reason, Duration took) {
    }

    /** An async event's handler ended with {@code reason} (PROCESSED or HANDLER_FAILED). */
    default void asyncCompleted(String eventId, String endpointName, Reason reason, Duration took) {
    }
}
