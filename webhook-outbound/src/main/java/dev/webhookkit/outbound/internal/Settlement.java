package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.Disposition;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.SettleRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles an attempt: decides retry or not, completes, reschedules or dead-letters the message under
 * its lease token (together with the other workers' settlements, {@link SettlementBatcher}), tells the listeners, tracks the endpoint's health (disabling it when it crossed a
 * limit), and caps the sends of a message whose outcome the store keeps failing to record.
 */
final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultWebhookDispatcher.class);
    private static final RetryPolicy.Decision DEAD_LETTER = new RetryPolicy.Decision(Disposition.DEAD_LETTER, Optional.empty());

    private final DeliveryStore store;
    private final SubscriptionRegistry subscriptions;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Listeners listeners;
    private final EndpointHealth health;
    private final String claimant;
    private final StoreWarnings storeWarnings;
    private final SettlementFailures settlementFailures = new SettlementFailures();
    private final SettlementBatcher settlements;

    /** Tells the listeners an attempt begins (see {@link DispatchListener#onAttemptStarting}). */
    void attemptStarting(OutboundMessage m, int number) {
        listeners.onAttemptStarting(m, number);
    }

    Settlement(DeliveryStore store, SubscriptionRegistry subscriptions, RetryPolicy policy, Clock clock, Listeners listeners,
            EndpointHealth health, String claimant, StoreWarnings storeWarnings) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.policy = policy;
        this.clock = clock;
        this.listeners = listeners;
        this.health = health;
        this.claimant = claimant;
        this.storeWarnings = storeWarnings;
        this.settlements = new SettlementBatcher(store);
    }

    /** True when the store failed to record this message's outcome too often for it to be sent again. */
    boolean exhausted(OutboundMessage m) {
        return settlementFailures.exhausted(m.id());
    }

    /** Records a sent (or refused) attempt and what follows from it under the retry policy. */
    void settle(OutboundMessage m, Subscription sub, AttemptResult sent) {
        int maxAttempts = sub.maxAttempts().orElse(policy.maxAttempts());
        Instant end = clock.instant();
        RetryPolicy.Decision decision = policy.decide(sent.attempt(), maxAttempts,
                sent.retryAfter().flatMap(v -> RetryAfterHeader.parse(v, end)), end);
        finish(m, sent.attempt(), decision, sub);
    }

    /** The subscription is gone or disabled: the message is dead-lettered unsent. */
    void unsendable(OutboundMessage m, int number, Optional<Subscription> found) {
        String why = found.isEmpty() ? "subscription deleted" : "subscription disabled";
        DeliveryAttempt attempt = DeliveryAttempt.failed(m.id(), m.subscriptionId(), number, found.map(s -> s.url().toString()).orElse(""),
                clock.instant(), Duration.ZERO, AttemptOutcome.NOT_SENT, why);
        finish(m, attempt, DEAD_LETTER, null);
    }

    /**
     * The store failed to record this message's outcome {@link SettlementFailures#LIMIT} times, so
     * it may well have been delivered that often already: dead-letter it instead of sending again.
     */
    void giveUpUnsettled(OutboundMessage m, int number) {
        String url = subscriptions.get(m.subscriptionId()).map(s -> s.url().toString()).orElse("");
        LOG.warn("dispatcher {} does not send message {} again: the store failed to record its outcome {} times; dead-lettering it",
                claimant, m.id(), SettlementFailures.LIMIT);
        DeliveryAttempt attempt = DeliveryAttempt.failed(m.id(), m.subscriptionId(), number, url, clock.instant(), Duration.ZERO,
                AttemptOutcome.NOT_SENT, "not sent again: recording the outcome failed " + SettlementFailures.LIMIT + " times");
        finish(m, attempt, DEAD_LETTER, null);
    }

    private void finish(OutboundMessage m, DeliveryAttempt attempt, RetryPolicy.Decision decision, Subscription sub) {
        OutboundMessage.Builder after = m.toBuilder().attemptCount(attempt.attemptNumber()).lease(null);
        OutboundMessage.Lease lease = Claimer.leaseOf(m);
        boolean applied;
        try {
            switch (decision.disposition()) {
                case DELIVERED -> {
                    applied = settlements.settle(SettleRequest.complete(m.id(), lease, attempt));
                    after.status(DeliveryStatus.DELIVERED);
                }
                case RETRY -> {
                    Instant next = decision.nextAttemptAt().orElseThrow();
                    applied = settlements.settle(SettleRequest.reschedule(m.id(), lease, attempt, next));
                    after.nextAttemptAt(next);
                }
                default -> {
                    applied = settlements.settle(SettleRequest.deadLetter(m.id(), lease, attempt));
                    after.status(DeliveryStatus.DEAD_LETTERED);
                }
            }
        } catch (RuntimeException e) {
            // The message stays leased and is claimed again after the lease: counted, so that it is not resent forever.
            int failures = settlementFailures.failed(m.id());
            storeWarnings.failed("could not record attempt " + attempt.attemptNumber() + " of message " + m.id() + " (failure " + failures
                    + "; after " + SettlementFailures.LIMIT + " it is not sent again)", e);
            listeners.onAttempt(attempt);
            return;
        }
        settlementFailures.settled(m.id());
        listeners.onAttempt(attempt);
        if (!applied) {
            LOG.warn("dispatcher {} lost the lease of message {} during attempt {}; another instance owns it now",
                    claimant, m.id(), attempt.attemptNumber());
            return;
        }
        OutboundMessage now = after.build();
        switch (decision.disposition()) {
            case DELIVERED -> listeners.onDelivered(now, attempt);
            case RETRY -> listeners.onRetryScheduled(now, attempt);
            default -> listeners.onDeadLettered(now, attempt);
        }
        if (sub != null) {
            trackHealth(sub, attempt, decision.disposition());
        }
    }

    private void trackHealth(Subscription sub, DeliveryAttempt attempt, Disposition disposition) {
        if (disposition == Disposition.DELIVERED) {
            health.succeeded(sub.id());
            return;
        }
        if (disposition == Disposition.GONE) {
            disable(sub.id(), DisableReason.GONE);
            return;
        }
        health.failed(sub.id(), clock.instant(), disposition == Disposition.DEAD_LETTER)
                .ifPresent(reason -> disable(sub.id(), reason));
    }

    private void disable(String subscriptionId, DisableReason reason) {
        health.forget(subscriptionId);
        Optional<Subscription> current = subscriptions.get(subscriptionId);
        if (current.isEmpty() || !current.get().enabled()) {
            return;
        }
        Subscription disabled = current.get().toBuilder().enabled(false).build();
        health.disabled(subscriptionId, reason, clock.instant()); // before the update, so whoever sees it disabled sees why
        try {
            subscriptions.update(disabled);
        } catch (NotFoundException e) {
            return; // deleted meanwhile
        }
        LOG.warn("dispatcher {} disabled subscription {} ({})", claimant, subscriptionId, reason);
        listeners.onSubscriptionDisabled(disabled, reason);
    }
}
