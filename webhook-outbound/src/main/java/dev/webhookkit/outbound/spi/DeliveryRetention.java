package dev.webhookkit.outbound.spi;

import java.time.Instant;

/**
 * Forgetting finished messages, so an outbox does not grow without end: the host calls
 * {@link #purgeFinished} on its own schedule (the dispatcher never purges). Pending messages are
 * never touched. Implementations must be thread-safe and pass {@code DeliveryRetentionContractTest}
 * (webhook-testing).
 */
public interface DeliveryRetention {

    /**
     * Deletes finished (delivered or dead-lettered) messages last changed before {@code before}, and
     * their attempts.
     *
     * @return the number of messages deleted
     */
    int purgeFinished(Instant before);
}
