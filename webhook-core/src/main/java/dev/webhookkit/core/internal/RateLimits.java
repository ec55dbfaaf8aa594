package dev.webhookkit.core.internal;

import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.RateLimitDecision;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;

/** Takes a permit and turns a refusal or an unreachable limiter into the answer. */
final class RateLimits {
    private RateLimits() {
    }

    /** Empty when the permit was granted. */
    static Optional<ReceiveResult> take(Exchange ex, Supplier<RateLimitDecision> take, Logger log) {
        RateLimitDecision decision;
        try {
            decision = take.get();
        } catch (DependencyUnavailableException e) {
            return Optional.of(ex.unavailable("rate limiter", e, log));
        }
        return decision.allowed() ? Optional.empty()
                : Optional.of(ex.answer(Reason.RATE_LIMITED, HandlerResponse.empty(), Optional.of(decision.retryAfter())));
    }
}
