package dev.webhookkit.spring.internal;

import dev.webhookkit.outbound.DispatcherHealth;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the {@code webhookkit} health contributor reports: the dispatcher's store and backlog, and
 * Redis when configured. DOWN when the store or Redis cannot be reached or the dispatcher stopped;
 * the backlog is reported, not judged. Free of Spring Boot's health types, which moved between
 * Boot 3 and Boot 4: each Boot line has its own thin indicator over this. Thread-safe.
 */
public final class WebhookkitHealth {
    private final WebhookDispatcher dispatcher;
    private final BooleanSupplier redisUp;

    /**
     * @param dispatcher null when no outbound subscription is configured
     * @param redisUp null when no Redis is configured
     */
    public WebhookkitHealth(WebhookDispatcher dispatcher, BooleanSupplier redisUp) {
        this.dispatcher = dispatcher;
        this.redisUp = redisUp;
    }

    /** One check: whether all is up, and the details in a stable order. */
    public Report check() {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        if (dispatcher != null) {
            DispatcherHealth h = dispatcher.health();
            details.put("store", h.storeReachable() ? "UP" : "DOWN");
            details.put("dispatcher", h.running() ? "running" : "stopped");
            details.put("backlog", h.backlog());
            h.oldestPendingAge().ifPresent(age -> details.put("oldestPendingAge", age.toString()));
            up = h.storeReachable() && h.running();
        }
        if (redisUp != null) {
            boolean redis = redisUp.getAsBoolean();
            details.put("redis", redis ? "UP" : "DOWN");
            up &= redis;
        }
        return new Report(up, details);
    }

    /** The outcome of one {@link #check()}. */
    public record Report(boolean up, Map<String, Object> details) {
    }
}
