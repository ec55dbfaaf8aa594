package dev.webhookkit.core.internal;

import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.DeliveryClaim;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Claims the delivery key and settles the claim in one place: committed when the rest answered
 * 2xx, released when it failed or threw (so the sender's retry is processed); an ACCEPTED async
 * event's claim is settled by its outcome ({@link #settle}).
 */
final class DedupStage implements Stage {
    private final Deduplicator deduplicator;
    private final Logger log;

    DedupStage(Deduplicator deduplicator, Logger log) {
        this.deduplicator = deduplicator;
        this.log = log;
    }

    @Override
    public StageName name() {
        return StageName.DEDUP;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        if (ex.isReplay()) {
            return next.proceed(ex); // a replay runs again on purpose
        }
        if (ex.endpoint.dedupWindow().isZero()) {
            return next.proceed(ex);
        }
        Optional<String> key = DeliveryKeys.of(ex.endpoint, ex.request, ex.verification);
        if (key.isEmpty()) {
            return next.proceed(ex);
        }
        ex.deliveryKey = key.get();
        DeliveryClaim claim;
        try {
            claim = deduplicator.claim(ex.deliveryKey, ex.endpoint.dedupWindow());
        } catch (DependencyUnavailableException e) {
            return ex.unavailable("deduplicator", e, log);
        }
        switch (claim.status()) {
            case DUPLICATE:
                return ex.answer(Reason.DUPLICATE);
            case IN_PROGRESS:
                return ex.answer(Reason.IN_PROGRESS, HandlerResponse.empty(), Optional.of(atLeastASecond(claim.retryAfter())));
            default:
                break;
        }
        ex.holdClaim(claim);
        ReceiveResult result;
        try {
            result = next.proceed(ex);
        } catch (RuntimeException | Error e) {
            settle(ex, false, log);
            throw e;
        }
        if (result.reason() != Reason.ACCEPTED) {
            settle(ex, result.isSuccess(), log);
        }
        return result;
    }

    /** Commits ({@code done}) or releases the exchange's claim, once; a store failure is logged (the lease still ends). */
    static void settle(Exchange ex, boolean done, Logger log) {
        DeliveryClaim claim = ex.takeClaim();
        if (claim == null) {
            return;
        }
        try {
            if (done) {
                claim.commit();
            } else {
                claim.release();
            }
        } catch (RuntimeException e) {
            log.warn("event {} on {}: could not {} delivery key: {}", ex.eventId, ex.loggedEndpoint(), done ? "commit" : "release",
                    e.toString());
        }
    }

    private static Duration atLeastASecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }
}
