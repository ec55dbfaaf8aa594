package dev.webhookkit.spring.internal;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The {@code webhookkit} contributor in Spring Boot 3's health API ({@code org.springframework.boot.actuate.health}). */
public final class Boot3HealthIndicator extends AbstractHealthIndicator {
    private final WebhookkitHealth health;

    public Boot3HealthIndicator(WebhookkitHealth health) {
        super("webhookkit health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        WebhookkitHealth.Report report = health.check();
        builder.withDetails(report.details());
        if (report.up()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
