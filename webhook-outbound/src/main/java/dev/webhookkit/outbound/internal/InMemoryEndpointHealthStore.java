package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.EndpointHealthState;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link EndpointHealthStore}: one immutable state per subscription in a concurrent
 * map, each change one atomic {@code compute}. Subscriptions with nothing to remember have no entry.
 */
public final class InMemoryEndpointHealthStore implements EndpointHealthStore {
    private final ConcurrentHashMap<String, EndpointHealthState> states = new ConcurrentHashMap<>();

    @Override
    public EndpointHealthState recordFailure(String subscriptionId, Instant at, boolean messageGivenUp) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(at, "at");
        return states.compute(subscriptionId, (id, s) -> {
            EndpointHealthState was = s == null ? EndpointHealthState.healthy(id) : s;
            return new EndpointHealthState(id, was.failures() + 1, Optional.of(was.failingSince().orElse(at)),
                    was.failedMessages() + (messageGivenUp ? 1 : 0), was.disabledReason(), was.disabledAt());
        });
    }

    @Override
    public void recordSuccess(String subscriptionId) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        states.computeIfPresent(subscriptionId, (id, s) -> s.disabledReason().isEmpty() ? null
                : new EndpointHealthState(id, 0, Optional.empty(), 0, s.disabledReason(), s.disabledAt()));
    }

    @Override
    public void recordDisabled(String subscriptionId, DisableReason reason, Instant at) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        states.put(subscriptionId, new EndpointHealthState(subscriptionId, 0, Optional.empty(), 0, Optional.of(reason), Optional.of(at)));
    }

    @Override
    public void clear(String subscriptionId) {
        states.remove(Objects.requireNonNull(subscriptionId, "subscriptionId"));
    }

    @Override
    public EndpointHealthState find(String subscriptionId) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        EndpointHealthState s = states.get(subscriptionId);
        return s != null ? s : EndpointHealthState.healthy(subscriptionId);
    }

    @Override
    public String toString() {
        return "InMemoryEndpointHealthStore[" + states.size() + " subscriptions]";
    }
}
