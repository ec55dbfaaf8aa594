package dev.webhookkit.spring;

import dev.webhookkit.micrometer.WebhookMetrics;
import dev.webhookkit.outbound.WebhookDispatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * With a {@link MeterRegistry} in the application (Spring Boot Actuator makes one): the webhookkit
 * meters ({@code webhookkit.receive}, {@code webhookkit.verify}, {@code webhookkit.delivery.*},
 * {@code webhookkit.dedup.duplicates}) in that registry, and Observations in the app's
 * {@link ObservationRegistry} when it has one, so its tracing bridge makes spans. The receiver and
 * the dispatcher pick the {@link WebhookMetrics} bean up.
 */
@AutoConfiguration(before = {WebhookkitAutoConfiguration.class, WebhookkitOutboundAutoConfiguration.class},
        afterName = {"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnProperty(prefix = "webhookkit", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnClass(name = {"dev.webhookkit.micrometer.WebhookMetrics", "io.micrometer.core.instrument.MeterRegistry"})
@ConditionalOnBean(MeterRegistry.class)
public class WebhookkitMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public WebhookMetrics webhookkitMetrics(MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
        ObservationRegistry registry = observations.getIfAvailable();
        return registry == null ? WebhookMetrics.bind(meters) : WebhookMetrics.bind(meters, registry);
    }

    /** The backlog gauges, removed again when the context closes. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "webhookkitBacklogGauges")
    public AutoCloseable webhookkitBacklogGauges(WebhookMetrics metrics, ObjectProvider<WebhookDispatcher> dispatcher) {
        WebhookDispatcher d = dispatcher.getIfAvailable();
        return d == null ? () -> { } : metrics.monitor(d);
    }
}
