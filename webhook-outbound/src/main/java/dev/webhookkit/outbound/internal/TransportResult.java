package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.AttemptOutcome;
import java.util.Optional;

/**
 * What one HTTP request came to: an answer (status, snippet, Retry-After) or a failure (outcome
 * and error), and how long it took.
 */
record TransportResult(int statusCode, String snippet, Optional<String> retryAfter, AttemptOutcome failure, String error, long latencyNanos) {

    static TransportResult answered(int statusCode, String snippet, Optional<String> retryAfter, long latencyNanos) {
        return new TransportResult(statusCode, snippet, retryAfter, null, "", latencyNanos);
    }

    static TransportResult failed(AttemptOutcome outcome, String error, long latencyNanos) {
        return new TransportResult(0, "", Optional.empty(), outcome, error, latencyNanos);
    }

    boolean answered() {
        return failure == null;
    }
}
