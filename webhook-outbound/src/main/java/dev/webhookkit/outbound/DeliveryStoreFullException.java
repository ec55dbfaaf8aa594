package dev.webhookkit.outbound;

import dev.webhookkit.core.WebhookException;

/**
 * The delivery store holds as many undelivered messages as it may, so a publish was refused as a
 * whole (backpressure). Nothing of that publish was stored; the caller may retry later or shed load.
 */
public class DeliveryStoreFullException extends WebhookException {
    private static final long serialVersionUID = 1L;

    private final long capacity;

    public DeliveryStoreFullException(long capacity, int requested) {
        super("delivery store is full: it holds at most " + capacity + " pending messages and could not take " + requested + " more");
        this.capacity = capacity;
    }

    /** The number of pending messages the store may hold. */
    public long capacity() {
        return capacity;
    }
}
