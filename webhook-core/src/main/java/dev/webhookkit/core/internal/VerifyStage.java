package dev.webhookkit.core.internal;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.spi.RateLimiter;
import dev.webhookkit.core.spi.ReceiveListener;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;

/** The endpoint's verifier over the raw bytes; once authenticated, the endpoint's rate budget. */
final class VerifyStage implements Stage {
    private final RateLimiter rateLimiter;
    private final Logger log;
    private final ReceiveListener listener;

    VerifyStage(RateLimiter rateLimiter, ReceiveListener listener, Logger log) {
        this.rateLimiter = rateLimiter;
        this.listener = listener;
        this.log = log;
    }

    @Override
    public StageName name() {
        return StageName.VERIFY;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        if (ex.isReplay()) {
            return next.proceed(ex); // verified when it first arrived; the operator asking is authorized by the caller
        }
        Endpoint endpoint = ex.endpoint;
        VerificationResult verification;
        if (listener == ReceiveListener.NONE || !endpoint.isSigned()) {
            verification = endpoint.verifier().verify(ex.request, endpoint.secrets());
        } else { // timed only for a listener, and only when there is a signature to check: a clock read costs more than no check
            long start = System.nanoTime();
            verification = endpoint.verifier().verify(ex.request, endpoint.secrets());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            boolean valid = verification.isValid();
            Chain.notify(() -> listener.verified(ex.eventId, endpoint.verifier().schemeId(), valid, took));
        }
        if (!verification.isValid()) {
            return ex.answer(verification.failure().orElseThrow());
        }
        ex.verification = verification;
        ex.verified = true;
        ex.acceptedUnsigned = !endpoint.isSigned();
        ex.matchedKeyId = verification.matchedKeyId().orElse("");
        if (endpoint.isSigned() && endpoint.rateLimit().isPresent()) {
            Optional<ReceiveResult> limited = RateLimits.take(ex, () -> rateLimiter.tryAcquire(endpoint.name(), endpoint.rateLimit().get()), log);
            if (limited.isPresent()) {
                return limited.get();
            }
        }
        return next.proceed(ex);
    }
}
