package dev.webhookkit.spring.internal;

import dev.webhookkit.outbound.DispatcherHealth;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code webhookkit} health contributor: the dispatcher's store and backlog, and Redis when
 * configured. DOWN when the store or Redis cannot be reached or the dispatcher stopped; the
 * backlog is reported, not judged.
 */
public final class WebhookkitHealthIndicator extends AbstractHealthIndicator {
    private final WebhookDispatcher dispatcher;
    private final Supplier<Boolean> redisUp;

    /**
     * @param dispatcher null when no outbound subscription is configured
     * @param redisUp null when no Redis is configured
     */
    public WebhookkitHealthIndicator(WebhookDispatcher dispatcher, Supplier<Boolean> redisUp) {
        super("webhookkit health check failed");
        this.dispatcher = dispatcher;
        this.redisUp = redisUp;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean up = true;
        if (dispatcher != null) {
            DispatcherHealth h = dispatcher.health();
            builder.withDetail("store", h.storeReachable() ? "UP" : "DOWN")
                    .withDetail("dispatcher", h.running() ? "running" : "stopped")
                    .withDetail("backlog", h.backlog());
            h.oldestPendingAge().ifPresent(age -> builder.withDetail("oldestPendingAge", age.toString()));
            up = h.storeReachable() && h.running();
        }
        if (redisUp != null) {
            boolean redis = redisUp.get();
            builder.withDetail("redis", redis ? "UP" : "DOWN");
            up &= redis;
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
