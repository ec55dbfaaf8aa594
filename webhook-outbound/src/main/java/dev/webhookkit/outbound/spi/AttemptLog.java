package dev.webhookkit.outbound.spi;

import dev.webhookkit.outbound.DeliveryAttempt;
import java.util.List;

/**
 * The log of delivery attempts: every HTTP call the dispatcher made, kept per message and per
 * subscription. Attempts are kept as recorded, every field; a log may bound how many it keeps per
 * subscription (the in-memory one keeps the latest 1,000), never within one message.
 *
 * <p>A {@link DeliveryStore} also records the attempt given to each settling call of its
 * {@link DeliveryQueue}; {@link #recordAttempt} is for attempts that change no stored message
 * (a {@code sendTest}). Implementations must be thread-safe and pass {@code AttemptLogContractTest}
 * (webhook-testing).
 */
public interface AttemptLog {

    /** Records an attempt that changes no stored message (a {@code sendTest} attempt). */
    void recordAttempt(DeliveryAttempt attempt);

    /** Every recorded attempt of a message, oldest first; empty for an unknown one. */
    List<DeliveryAttempt> attempts(String messageId);

    /** The subscription's attempts, newest first, at most {@code limit}. */
    List<DeliveryAttempt> attemptsForSubscription(String subscriptionId, int limit);
}
