package dev.webhookkit.outbound.spi;

import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.internal.InMemoryDeliveryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox of outbound webhooks: messages waiting for delivery, their state and the log of every
 * attempt. Several dispatcher instances may share one store (a database): each claims due messages
 * with a lease, and a message whose lease ran out without being completed is claimable again, so a
 * crashed instance's messages are picked up by another one. Delivery is therefore at least once.
 *
 * <p>The life of a message: {@link #enqueue} (pending, due at once) → {@link #claim} (leased to one
 * claimant) → after an attempt one of {@link #complete} (delivered), {@link #reschedule} (pending,
 * due later) or {@link #deadLetter} (given up), or {@link #release} (pending, unchanged, when the
 * claimant stops before trying). {@link #redeliver} puts a finished message back by hand.
 *
 * <p>Every claim writes a fresh {@linkplain OutboundMessage.Lease#token() lease token} with its lease;
 * every change of a claimed message takes the {@link OutboundMessage.Lease} the claim returned and
 * is applied only while that token is the message's current one. So two claims never both settle a
 * message, even two claims by the same instance, and a claimant whose lease ran out and was taken
 * over cannot overwrite the newer attempt. (A lease that ran out but that nobody took over still
 * belongs to its token.)
 *
 * <p>Every state change after an attempt takes the attempt and records it in the same step; the
 * attempt is recorded even when the change is refused because the claimant lost its lease.
 * Times are always passed in by the caller, so every instance works on its own injected clock.
 *
 * <p>Implementations must be thread-safe. The in-memory default is {@link #inMemory(int, Clock)};
 * the durable one lives in webhook-jdbc. Every implementation passes
 * {@code DeliveryStoreContractTest} (webhook-outbound's test jar). A store that cannot be reached
 * throws {@link dev.webhookkit.core.DependencyUnavailableException}.
 */
public interface DeliveryStore {

    /** Default number of pending messages the in-memory store holds. */
    int DEFAULT_CAPACITY = 100_000;
    /** Default number of finished (delivered or dead-lettered) messages the in-memory store keeps for queries. */
    int DEFAULT_FINISHED_RETENTION = 10_000;

    /**
     * Stores new pending messages, all or none.
     *
     * @throws dev.webhookkit.outbound.DeliveryStoreFullException when they do not all fit (backpressure)
     * @throws dev.webhookkit.core.ConfigurationException when a message id is already stored or a message is not pending
     */
    void enqueue(List<OutboundMessage> messages);

    /**
     * Leases up to {@code request.limit()} pending messages that are due at {@code request.now()} and
     * not leased by anyone at that time, earliest due first, skipping the excluded subscriptions.
     *
     * @return the claimed messages, each with its lease set to the claimant until {@link ClaimRequest#leaseUntil()}
     *     and a lease token no earlier claim had
     */
    List<OutboundMessage> claim(ClaimRequest request);

    /**
     * Marks a claimed message delivered and records the attempt.
     *
     * @param lease the lease the claim returned ({@code message.lease().orElseThrow()})
     * @return false (and the message unchanged) when {@code lease}'s token is not the message's current
     *     one or the message is not pending
     */
    boolean complete(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt);

    /**
     * Records the failed attempt and makes the message due again at {@code nextAttemptAt}, without lease.
     *
     * @return false (and the message unchanged) when {@code lease}'s token is not current or the message is not pending
     */
    boolean reschedule(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt, Instant nextAttemptAt);

    /**
     * Records the last attempt and gives the message up (dead letter); it can be redelivered by hand.
     *
     * @return false (and the message unchanged) when {@code lease}'s token is not current or the message is not pending
     */
    boolean deadLetter(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt);

    /**
     * Gives a claimed message back untried: it stays pending with the same due time and is claimable at once.
     *
     * @return false when {@code lease}'s token is not current
     */
    boolean release(String messageId, OutboundMessage.Lease lease);

    /**
     * Puts a finished (dead-lettered or delivered) message back as pending, due at {@code dueAt}, with
     * its attempt count reset to 0; its earlier attempts stay in the log.
     *
     * @return false when the message is unknown or still pending
     * @throws dev.webhookkit.outbound.DeliveryStoreFullException when no pending message fits any more
     */
    boolean redeliver(String messageId, Instant dueAt);

    /** Records an attempt that changes no stored message (a {@code sendTest} attempt). */
    void recordAttempt(DeliveryAttempt attempt);

    Optional<OutboundMessage> message(String messageId);

    /** The subscription's messages, newest first (by creation time), at most {@code limit}. */
    List<OutboundMessage> messagesForSubscription(String subscriptionId, int limit);

    /** Messages in a status, newest first (by last change), at most {@code limit}: the dead-letter list for {@link DeliveryStatus#DEAD_LETTERED}. */
    List<OutboundMessage> messagesWithStatus(DeliveryStatus status, int limit);

    /** Every recorded attempt of a message, oldest first. */
    List<DeliveryAttempt> attempts(String messageId);

    /** The subscription's attempts, newest first, at most {@code limit}. */
    List<DeliveryAttempt> attemptsForSubscription(String subscriptionId, int limit);

    /** How many messages are in a status now. */
    long count(DeliveryStatus status);

    /**
     * Deletes finished (delivered or dead-lettered) messages last changed before {@code before}, and
     * their attempts.
     *
     * @return the number of messages deleted
     */
    int purgeFinished(Instant before);

    /**
     * When the earliest pending, unleased message is due, so a dispatcher can sleep until then; empty
     * when unknown or none (the dispatcher then polls). The default is empty.
     */
    default Optional<Instant> nextDueAt() {
        return Optional.empty();
    }

    /**
     * An in-memory store of at most {@link #DEFAULT_CAPACITY} pending messages on the UTC system clock.
     * Not durable: pending messages die with the process.
     */
    static DeliveryStore inMemory() {
        return inMemory(DEFAULT_CAPACITY, Clock.systemUTC());
    }

    /**
     * An in-memory store that holds at most {@code capacity} pending messages (enqueue fails beyond that)
     * and keeps the last {@link #DEFAULT_FINISHED_RETENTION} finished ones for queries; {@code clock}
     * stamps its changes.
     */
    static DeliveryStore inMemory(int capacity, Clock clock) {
        return new InMemoryDeliveryStore(capacity, DEFAULT_FINISHED_RETENTION, clock);
    }

    /** As {@link #inMemory(int, Clock)}, keeping {@code finishedRetention} finished messages. */
    static DeliveryStore inMemory(int capacity, int finishedRetention, Clock clock) {
        return new InMemoryDeliveryStore(capacity, finishedRetention, clock);
    }
}
