package dev.webhookkit.core.internal;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.TrustedProxies;
import dev.webhookkit.core.spi.RateLimiter;
import java.net.InetAddress;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Body size, IP allowlist, and the rate limit before verification: on a signed endpoint a source
 * spends only its own bucket here (the endpoint's budget is spent after verification), so forged
 * requests cannot use up the real sender's limit. An unsigned endpoint spends its budget here.
 */
final class GuardStage implements Stage {
    private final TrustedProxies trustedProxies;
    private final RateLimiter rateLimiter;
    private final Logger log;

    GuardStage(TrustedProxies trustedProxies, RateLimiter rateLimiter, Logger log) {
        this.trustedProxies = trustedProxies;
        this.rateLimiter = rateLimiter;
        this.log = log;
    }

    @Override
    public StageName name() {
        return StageName.GUARD;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        if (ex.isReplay()) {
            return next.proceed(ex); // an operator's replay is not the sender's traffic: no allowlist, no rate limit
        }
        Endpoint endpoint = ex.endpoint;
        if (ex.request.bodyLength() > endpoint.maxBodyBytes()) {
            ex.error = "body of " + ex.request.bodyLength() + " bytes exceeds maxBodyBytes " + endpoint.maxBodyBytes();
            return ex.answer(Reason.PAYLOAD_TOO_LARGE);
        }
        boolean allowlisted = !endpoint.ipAllowlist().isAllowAll();
        boolean limitsSources = endpoint.rateLimit().isPresent() && endpoint.isSigned();
        Optional<InetAddress> client = allowlisted || limitsSources ? trustedProxies.clientAddress(ex.request) : Optional.empty();
        if (allowlisted && !endpoint.ipAllowlist().allows(client)) {
            return ex.answer(Reason.IP_NOT_ALLOWED);
        }
        if (endpoint.rateLimit().isPresent()) {
            Optional<ReceiveResult> limited;
            if (limitsSources) {
                String source = client.map(InetAddress::getHostAddress).orElse("unknown");
                limited = RateLimits.take(ex, () -> rateLimiter.tryAcquireForSource(endpoint.name(), source, endpoint.rateLimit().get()), log);
            } else {
                limited = RateLimits.take(ex, () -> rateLimiter.tryAcquire(endpoint.name(), endpoint.rateLimit().get()), log);
            }
            if (limited.isPresent()) {
                return limited.get();
            }
        }
        return next.proceed(ex);
    }
}
