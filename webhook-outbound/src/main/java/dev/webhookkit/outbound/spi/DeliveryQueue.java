package dev.webhookkit.outbound.spi;

import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox's state machine: messages waiting for delivery and who holds each one. Several
 * dispatcher instances may share one queue (a database): each claims due messages with a lease,
 * and a message whose lease ran out without being settled is claimable again, so a crashed
 * instance's messages are picked up by another one. Delivery is therefore at least once.
 *
 * <p>The life of a message: {@link #enqueue} (pending, due at once) → {@link #claim} (leased to one
 * claimant) → after an attempt one of {@link #complete} (delivered), {@link #reschedule} (pending,
 * due later) or {@link #deadLetter} (given up), or {@link #release} (pending, unchanged, when the
 * claimant stops before trying). While a claimant works, {@link #renew} extends its leases.
 * {@link #redeliver} puts a finished message back by hand. {@link #settleAll} makes many of the
 * settling calls at once.
 *
 * <p>Every claim writes a fresh {@linkplain OutboundMessage.Lease#token() lease token} with its lease;
 * every change of a claimed message takes the {@link OutboundMessage.Lease} the claim returned and
 * is applied only while that token is the message's current one. So two claims never both settle a
 * message, even two claims by the same instance, and a claimant whose lease ran out and was taken
 * over cannot overwrite the newer attempt. (A lease that ran out but that nobody took over still
 * belongs to its token.)
 *
 * <p>The settling calls take the attempt that led to them. A queue that is also an {@link AttemptLog}
 * (every {@link DeliveryStore}) records it in the same step as the change, even when the change is
 * refused because the claimant lost its lease. Times are always passed in by the caller, so every
 * instance works on its own injected clock.
 *
 * <p>Implementations must be thread-safe and pass {@code DeliveryQueueContractTest} (webhook-testing).
 * A queue that cannot be reached throws {@link dev.webhookkit.core.DependencyUnavailableException}.
 */
public interface DeliveryQueue {

    /**
     * Stores new pending messages, all or none.
     *
     * @throws dev.webhookkit.outbound.DeliveryStoreFullException when they do not all fit (backpressure)
     * @throws dev.webhookkit.core.AlreadyExistsException when a message id is already stored (nothing is stored)
     * @throws IllegalArgumentException when a message is not pending and unleased
     */
    void enqueue(List<OutboundMessage> messages);

    /**
     * Leases up to {@code request.limit()} pending messages that are due at {@code request.now()} and
     * not leased by anyone at that time, earliest due first, skipping the excluded subscriptions.
     * Of an {@linkplain ClaimRequest#orderedSubscriptions() ordered subscription} only the earliest
     * pending message by enqueue order is claimable (a rescheduled one keeps the later ones waiting
     * until it is delivered or dead-lettered), and only while no message of that subscription is
     * leased at {@code request.now()}.
     *
     * @return the claimed messages, each with its lease set to the claimant until {@link ClaimRequest#leaseUntil()}
     *     and a lease token no earlier claim had
     */
    List<OutboundMessage> claim(ClaimRequest request);

    /**
     * Marks a claimed message delivered after {@code attempt}.
     *
     * @param lease the lease the claim returned ({@code message.lease().orElseThrow()})
     * @return false (and the message unchanged) when {@code lease}'s token is not the message's current
     *     one or the message is not pending
     */
    boolean complete(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt);

    /**
     * After the failed {@code attempt}, makes the message due again at {@code nextAttemptAt}, without lease.
     *
     * @return false (and the message unchanged) when {@code lease}'s token is not current or the message is not pending
     */
    boolean reschedule(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt, Instant nextAttemptAt);

    /**
     * After the last {@code attempt}, gives the message up (dead letter); it can be redelivered by hand.
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
     * Extends the leases a claimant still holds, all in one step: every message of {@code held}
     * (message id → the lease its claim returned) that is pending and whose current lease token is
     * still that lease's gets its lease extended to {@code until}; the others are left alone. A lease
     * that ran out but that nobody took over is still the token's and is extended too. A dispatcher
     * calls this while its workers hold claimed messages, so that leases can be short (a crashed
     * instance's messages are taken over soon) and still outlast a busy worker.
     *
     * <p>The default throws {@link UnsupportedOperationException}: a dispatcher on such a queue keeps
     * long leases that cover a worker's whole batch and renews nothing.
     *
     * @return the ids of the messages whose leases were extended (still held); a message missing
     *     from it was taken over by another claim or settled, and must not be sent
     */
    default Set<String> renew(Map<String, OutboundMessage.Lease> held, Instant until) {
        throw new UnsupportedOperationException(getClass().getName() + " does not renew leases");
    }

    /**
     * Applies many settling changes at once (group commit): each as the single call its
     * {@linkplain SettleRequest#kind() kind} names would, under the same lease rule, with its
     * attempt recorded as that call records it (also when the change is refused). A store that
     * can should apply them in one round trip; the default applies them one by one.
     *
     * @return whether each request was applied, in the order of {@code requests}: false where the
     *     lease was not current or the message not pending, as the single call would answer
     * @throws dev.webhookkit.core.DependencyUnavailableException when the store cannot be reached; a
     *     store that applies the batch in one statement applies none of it then, the default may have
     *     applied the requests before the one that failed
     */
    default List<Boolean> settleAll(List<SettleRequest> requests) {
        List<Boolean> applied = new java.util.ArrayList<>(requests.size());
        for (SettleRequest r : requests) {
            applied.add(r.applyTo(this));
        }
        return applied;
    }

    /**
     * Puts a finished (dead-lettered or delivered) message back as pending, due at {@code dueAt}, with
     * its attempt count reset to 0; its earlier attempts stay in the log.
     *
     * @return false when the message is unknown or still pending
     * @throws dev.webhookkit.outbound.DeliveryStoreFullException when no pending message fits any more
     */
    boolean redeliver(String messageId, Instant dueAt);

    /**
     * One step of a batch redelivery: takes the first {@code limit} messages in {@code state} (of
     * {@code subscriptionId}, or of every subscription when null) that come after {@code after} in
     * oldest-first order ({@link MessageCursor#OLDEST_FIRST}; from the start when null), and puts
     * each back as pending, due at {@code dueAt}, with its attempt count reset to 0, as
     * {@link #redeliver} does. {@link MessageQuery.State#DEAD DEAD} messages are the dead-lettered
     * ones; {@link MessageQuery.State#FAILED FAILED} ones are pending after a failed attempt and not
     * claimed now (a claimed one is being attempted and is left alone). The caller continues from
     * {@link RedeliveryBatch#last()} until a step scans none: the place only
     * moves forward, so a message re-queued once and given up again is not taken a second time.
     * Each step is atomic against the settling calls: a message settled meanwhile is re-checked,
     * not overwritten.
     *
     * @param limit 1 to {@link RedeliveryBatch#MAX_LIMIT}
     *
     * @throws dev.webhookkit.core.ConfigurationException for a state other than DEAD or FAILED
     * @throws dev.webhookkit.outbound.DeliveryStoreFullException when the step's dead messages do not
     *     fit (this step changes nothing; earlier steps stay)
     */
    default RedeliveryBatch redeliverBatch(String subscriptionId, MessageQuery.State state, MessageCursor after, int limit, Instant dueAt) {
        throw new UnsupportedOperationException(getClass().getName() + " does not redeliver in batches");
    }

    /**
     * When the earliest pending, unleased message is due, so a dispatcher can sleep until then; empty
     * when unknown or none (the dispatcher then polls). The default is empty.
     */
    default Optional<Instant> nextDueAt() {
        return Optional.empty();
    }
}
