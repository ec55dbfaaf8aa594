package dev.webhookkit.outbound.internal;

import java.time.Instant;
import java.util.concurrent.locks.Condition;

/**
 * How an idle worker waits for work. The real one waits on the wake-up condition with a timeout;
 * tests put in one that waits on the test clock instead, so that they step time and can observe
 * that every worker is idle, rather than sleeping and hoping.
 */
public interface Sleeper {
    /** Waits on {@code wake} for up to {@code nanos}, returning early when it is signalled. */
    Sleeper REAL = (wake, lookedAt, nanos) -> wake.awaitNanos(nanos);

    /**
     * Called with the condition's lock held, like {@link Condition#awaitNanos}; may return early
     * (the worker then just looks at the store again).
     *
     * @param wake signalled on a publish, a freed in-flight slot or close
     * @param lookedAt when the worker last looked at the store and found nothing to do
     * @param nanos how long to wait at most: until the store's next due time or the poll interval
     */
    void sleep(Condition wake, Instant lookedAt, long nanos) throws InterruptedException;
}
