package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread's loop: claim a batch, try its messages one after the other on this worker's
 * HttpClient lane, hand back what is left when stopping, sleep when there is nothing to do.
 */
final class Worker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultWebhookDispatcher.class);

    private final int lane;
    private final Clock clock;
    private final SubscriptionRegistry subscriptions;
    private final Claimer claimer;
    private final AttemptRunner attempts;
    private final Settlement settlement;
    private final Wakeup wakeup;
    private final StoreWarnings storeWarnings;
    private final Duration pollInterval;
    private final String claimant;

    Worker(int lane, Clock clock, SubscriptionRegistry subscriptions, Claimer claimer, AttemptRunner attempts, Settlement settlement,
            Wakeup wakeup, StoreWarnings storeWarnings, Duration pollInterval, String claimant) {
        this.lane = lane;
        this.clock = clock;
        this.subscriptions = subscriptions;
        this.claimer = claimer;
        this.attempts = attempts;
        this.settlement = settlement;
        this.wakeup = wakeup;
        this.storeWarnings = storeWarnings;
        this.pollInterval = pollInterval;
        this.claimant = claimant;
    }

    @Override
    public void run() {
        while (wakeup.running()) {
            long epoch = wakeup.epoch();
            Instant now = clock.instant();
            List<OutboundMessage> batch;
            try {
                batch = claimer.claim(now);
            } catch (RuntimeException e) {
                storeWarnings.failed("could not claim messages (trying again every " + pollInterval + ")", e);
                batch = List.of();
            }
            if (batch.isEmpty()) {
                if (!wakeup.awaitWork(epoch, now)) {
                    return;
                }
                continue;
            }
            int next = 0;
            while (next < batch.size() && wakeup.running()) {
                OutboundMessage m = batch.get(next++);
                try {
                    deliver(m);
                } catch (InterruptedException e) {
                    // Shutdown past its deadline: the message in flight goes back untried, like the rest.
                    claimer.giveBack(m, false);
                    claimer.giveBack(batch.subList(next, batch.size()));
                    return;
                } catch (RuntimeException e) {
                    LOG.error("dispatcher {} failed delivering message {}; it stays in the store and is retried after its lease",
                            claimant, m.id(), e);
                } finally {
                    claimer.done(m);
                }
            }
            claimer.giveBack(batch.subList(next, batch.size()));
        }
    }

    private void deliver(OutboundMessage m) throws InterruptedException {
        int number = m.attemptCount() + 1;
        if (settlement.exhausted(m)) {
            settlement.giveUpUnsettled(m, number);
            return;
        }
        Optional<Subscription> found = subscriptions.get(m.subscriptionId());
        if (found.isEmpty() || !found.get().enabled()) {
            settlement.unsendable(m, number, found);
            return;
        }
        Subscription sub = found.get();
        settlement.attemptStarting(m, number);
        settlement.settle(m, sub, attempts.run(sub, m.id(), m.eventType(), m.body(), m.headers(), number, lane));
    }
}
