package dev.webhookkit.outbound.spi;

import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.EndpointHealthState;
import dev.webhookkit.outbound.internal.InMemoryEndpointHealthStore;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps each subscription's endpoint health — failures since the last success, messages given up,
 * and why the dispatcher disabled it — where every dispatcher instance and the admin API see it,
 * so that a restart or another instance goes on from the same counts. The dispatcher decides; the
 * store only counts and remembers.
 *
 * <p>Several instances record failures of the same subscription at the same time: each change is
 * atomic, so no count is lost. Implementations must be thread-safe and pass
 * {@code EndpointHealthStoreContractTest} (webhook-testing). The in-memory default is
 * {@link #inMemory()}; a {@link DeliveryStore} may provide its own durable one
 * ({@link DeliveryStore#endpointHealthStore()}, as webhook-jdbc's does), which the dispatcher then
 * uses. A store that cannot be reached throws {@link dev.webhookkit.core.DependencyUnavailableException}.
 */
public interface EndpointHealthStore {

    /**
     * Counts a failed attempt at {@code at}: one more failure, {@code failingSince} set if it was
     * empty, and one more failed message when {@code messageGivenUp}. Atomic.
     *
     * @return the state after this failure
     */
    EndpointHealthState recordFailure(String subscriptionId, Instant at, boolean messageGivenUp);

    /** An attempt succeeded: the failure counts start again from zero (a disabled reason stays). */
    void recordSuccess(String subscriptionId);

    /** The dispatcher disabled the subscription at {@code at}: keeps the reason and clears the failure counts. */
    void recordDisabled(String subscriptionId, DisableReason reason, Instant at);

    /** Forgets everything about the subscription: it was enabled again by hand, or deleted. */
    void clear(String subscriptionId);

    /** What is known of the subscription; {@link EndpointHealthState#healthy} when nothing is. */
    EndpointHealthState find(String subscriptionId);

    /** A store in this process's memory: counts die with it and are not shared with other instances. */
    static EndpointHealthStore inMemory() {
        return new InMemoryEndpointHealthStore();
    }
}
