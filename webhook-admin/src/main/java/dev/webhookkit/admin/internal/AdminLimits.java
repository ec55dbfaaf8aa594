package dev.webhookkit.admin.internal;

import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.spi.RateLimiter;

/**
 * What the host bounds: the largest endpoint body limit the API sets, and the replays an endpoint takes.
 *
 * @param maxEndpointBodyBytes the ceiling on an endpoint's {@code maxBodyBytes}
 * @param replayBudget replays per endpoint
 * @param replayLimiter where the budget is counted
 */
public record AdminLimits(int maxEndpointBodyBytes, RateLimit replayBudget, RateLimiter replayLimiter) {
}
