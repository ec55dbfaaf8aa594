package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.DisableReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tracks, per subscription, how long its attempts have failed without a success and how many
 * messages were given up meanwhile. Kept in this dispatcher's memory: with several instances each
 * judges from the attempts it made.
 */
final class EndpointHealth {
    private final Duration failingPeriod;
    private final int failedMessagesLimit;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    EndpointHealth(Duration failingPeriod, int failedMessagesLimit) {
        this.failingPeriod = failingPeriod;
        this.failedMessagesLimit = failedMessagesLimit;
    }

    void succeeded(String subscriptionId) {
        states.remove(subscriptionId);
    }

    /**
     * Records a failed attempt (and whether it was the message's last).
     *
     * @return the reason to disable the subscription now, if it crossed a limit
     */
    Optional<DisableReason> failed(String subscriptionId, Instant at, boolean messageGivenUp) {
        State s = states.computeIfAbsent(subscriptionId, k -> new State(at));
        synchronized (s) {
            if (messageGivenUp) {
                s.failedMessages++;
            }
            if (failedMessagesLimit > 0 && s.failedMessages >= failedMessagesLimit) {
                states.remove(subscriptionId, s);
                return Optional.of(DisableReason.TOO_MANY_FAILED_MESSAGES);
            }
            if (!failingPeriod.isZero() && !at.isBefore(s.failingSince.plus(failingPeriod))) {
                states.remove(subscriptionId, s);
                return Optional.of(DisableReason.FAILING_TOO_LONG);
            }
            return Optional.empty();
        }
    }

    void forget(String subscriptionId) {
        states.remove(subscriptionId);
    }

    private static final class State {
        final Instant failingSince;
        int failedMessages;

        State(Instant failingSince) {
            this.failingSince = failingSince;
        }
    }
}
