package dev.webhookkit.outbound.internal;

/**
 * One step of an attempt, in the manner of OkHttp's interceptors: it looks at (or changes) the
 * request, then either hands it on with {@link Chain#proceed} and may look at the result, or
 * answers itself, which ends the attempt there (a refused URL, a signing error). The built-in
 * steps run in the fixed order of {@link AttemptRunner}; a tracing or metrics step is one more.
 */
public interface DeliveryInterceptor {
    /**
     * @return the attempt's result; the attempt counts as made whether or not a request was sent
     * @throws InterruptedException only when the dispatcher is shutting down past its deadline
     */
    AttemptResult intercept(Chain chain) throws InterruptedException;

    /** The request so far and the rest of the steps. */
    interface Chain {
        DeliveryRequest request();

        /** Runs the remaining steps with {@code request} (this step's version of it). */
        AttemptResult proceed(DeliveryRequest request) throws InterruptedException;
    }
}
