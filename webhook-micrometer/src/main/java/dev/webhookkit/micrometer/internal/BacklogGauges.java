package dev.webhookkit.micrometer.internal;

import dev.webhookkit.micrometer.WebhookMetrics;
import dev.webhookkit.outbound.DispatcherHealth;
import dev.webhookkit.outbound.WebhookDispatcher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The backlog gauges of one dispatcher. Both read one {@link DispatcherHealth}, taken at most once
 * a second: a scrape reads two gauges, and the health of a JDBC store is a query.
 */
public final class BacklogGauges {
    private static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final WebhookDispatcher dispatcher;
    private volatile DispatcherHealth health;
    private volatile long takenAt;

    private BacklogGauges(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Registers both gauges (holding the dispatcher strongly: the registry is their only reference); closing the result removes them. */
    public static AutoCloseable register(MeterRegistry meters, WebhookDispatcher dispatcher) {
        BacklogGauges g = new BacklogGauges(dispatcher);
        Meter pending = Gauge.builder(WebhookMetrics.DELIVERY_PENDING, g, BacklogGauges::pending)
                .description("Outbound messages waiting for delivery").strongReference(true).register(meters);
        Meter oldest = TimeGauge.builder(WebhookMetrics.DELIVERY_OLDEST_AGE, g, TimeUnit.SECONDS, BacklogGauges::oldestSeconds)
                .description("Age of the oldest outbound message waiting for delivery").strongReference(true).register(meters);
        List<Meter> registered = List.of(pending, oldest);
        return () -> registered.forEach(meters::remove);
    }

    private double pending() {
        return health().backlog();
    }

    private double oldestSeconds() {
        return health().oldestPendingAge().orElse(Duration.ZERO).toNanos() / 1e9;
    }

    private DispatcherHealth health() {
        long now = System.nanoTime();
        DispatcherHealth h = health;
        if (h == null || now - takenAt > MAX_AGE_NANOS) {
            h = dispatcher.health();
            health = h;
            takenAt = now;
        }
        return h;
    }
}
