package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.DeliveryAttempt;
import java.util.Optional;

/** One attempt and the answer's Retry-After header, if any. */
public record AttemptResult(DeliveryAttempt attempt, Optional<String> retryAfter) {
}
