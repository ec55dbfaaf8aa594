package dev.webhookkit.outbound.spi;

import dev.webhookkit.outbound.internal.InMemoryDeliveryStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The outbox of outbound webhooks: the four parts a dispatcher needs, over the same messages.
 * <ul>
 *   <li>{@link DeliveryQueue}: the state machine (enqueue, claim with a lease token, complete,
 *       reschedule, dead-letter, release, redeliver);</li>
 *   <li>{@link AttemptLog}: every attempt, per message and per subscription;</li>
 *   <li>{@link DeliveryQueries}: one message, a subscription's messages, a status's messages, counts;</li>
 *   <li>{@link DeliveryRetention}: purging finished messages.</li>
 * </ul>
 * Each part has its own contract; together they promise more: every settling call of the queue
 * records its attempt in the log in the same step (also when the change is refused because the
 * claimant lost its lease), the queries show every change of the queue, and a purge deletes the
 * messages' attempts with them.
 *
 * <p>Implementations must be thread-safe. The in-memory default is {@link #inMemory(int, Clock)};
 * the durable one lives in webhook-jdbc. Every implementation passes the part kits
 * ({@code DeliveryQueueContractTest}, {@code AttemptLogContractTest}, {@code DeliveryQueriesContractTest},
 * {@code DeliveryRetentionContractTest}) and {@code DeliveryStoreContractTest} for the promises
 * across parts (webhook-testing). A store that cannot be reached throws
 * {@link dev.webhookkit.core.DependencyUnavailableException}.
 */
public interface DeliveryStore extends DeliveryQueue, AttemptLog, DeliveryQueries, DeliveryRetention {

    /**
     * The store's own durable {@link EndpointHealthStore}, over the same database, which a
     * dispatcher on this store uses unless it is given another; empty (the default) when it has
     * none, and the dispatcher keeps endpoint health in memory.
     */
    default Optional<EndpointHealthStore> endpointHealthStore() {
        return Optional.empty();
    }

    /** Default number of pending messages the in-memory store holds. */
    int DEFAULT_CAPACITY = 100_000;
    /** Default number of finished (delivered or dead-lettered) messages the in-memory store keeps for queries. */
    int DEFAULT_FINISHED_RETENTION = 10_000;

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
