package dev.webhookkit.spring.internal;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** The {@code webhookkit} contributor in Spring Boot 4's health API ({@code org.springframework.boot.health.contributor}, spring-boot-health). */
public final class Boot4HealthIndicator extends AbstractHealthIndicator {
    private final WebhookkitHealth health;

    public Boot4HealthIndicator(WebhookkitHealth health) {
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
