package dev.webhookkit.spring;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.jdbc.JdbcDeliveryStore;
import dev.webhookkit.jdbc.JdbcSchema;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.spring.internal.OnSubscriptionsCondition;
import dev.webhookkit.spring.internal.TransactionJoiningDataSource;
import dev.webhookkit.micrometer.WebhookMetrics;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Outbound webhooks, when at least one {@code webhookkit.outbound.subscriptions.<id>} is set: the
 * subscriptions, a {@link DeliveryStore} ({@code webhookkit.store=memory}, or {@code jdbc}: the
 * webhook-jdbc outbox in the application's {@link DataSource}, whose enqueues join the caller's
 * Spring transaction), the strict {@link SsrfGuard} and a {@link WebhookDispatcher}. Each bean backs off
 * when the application defines its own (define an {@code SsrfGuard} bean to allow private targets).
 */
@AutoConfiguration(afterName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnProperty(prefix = "webhookkit", name = "enabled", havingValue = "true", matchIfMissing = true)
@Conditional(OnSubscriptionsCondition.class)
@EnableConfigurationProperties(WebhookkitProperties.class)
public class WebhookkitOutboundAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public SubscriptionRegistry webhookkitSubscriptions(WebhookkitProperties properties) {
        SubscriptionRegistry registry = SubscriptionRegistry.inMemory();
        properties.getOutbound().getSubscriptions().forEach((id, p) -> {
            String where = "webhookkit.outbound.subscriptions." + id;
            if (p.getUrl() == null || p.getUrl().isBlank()) {
                throw new ConfigurationException(where + ".url must be set");
            }
            if (p.getSecret() == null || p.getSecret().isBlank()) {
                throw new ConfigurationException(where + ".secret must be set: messages are always signed");
            }
            Subscription.Builder b = Subscription.builder(id, p.getUrl()).secret(p.getSecret()).ordered(p.isOrdered());
            if (!p.getEventTypes().isEmpty()) {
                b.eventTypes(p.getEventTypes());
            }
            registry.create(b.build());
        });
        return registry;
    }

    /** Refuses loopback, private and metadata addresses; an application bean replaces it. */
    @Bean
    @ConditionalOnMissingBean
    public SsrfGuard webhookkitSsrfGuard() {
        return SsrfGuard.strict();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public WebhookDispatcher webhookDispatcher(DeliveryStore store, SubscriptionRegistry subscriptions, SsrfGuard ssrfGuard,
            ObjectProvider<WebhookMetrics> metrics) {
        WebhookDispatcher.Builder b = WebhookDispatcher.builder().store(store).subscriptions(subscriptions).ssrfGuard(ssrfGuard);
        metrics.ifAvailable(m -> b.listener(m.dispatchListener()).publishHeaders(m.publishHeaders()));
        return b.build();
    }

    /** webhookkit.store=memory (the default). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "webhookkit", name = "store", havingValue = "memory", matchIfMissing = true)
    static class Memory {
        @Bean
        @ConditionalOnMissingBean
        DeliveryStore webhookkitDeliveryStore() {
            return DeliveryStore.inMemory();
        }
    }

    /** webhookkit.store=jdbc with webhook-jdbc and a DataSource; webhookkit.outbound.retention purges it on a schedule. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "webhookkit", name = "store", havingValue = "jdbc")
    @ConditionalOnClass(name = {"dev.webhookkit.jdbc.JdbcDeliveryStore", "org.springframework.jdbc.datasource.DelegatingDataSource"})
    static class Jdbc {
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(DataSource.class)
        DeliveryStore webhookkitDeliveryStore(DataSource dataSource, WebhookkitProperties properties) {
            String prefix = properties.getJdbc().getTablePrefix();
            Duration retention = properties.getOutbound().getRetention();
            // Before the schema is touched: a bad value stops the start naming the property.
            if (retention != null && (retention.isNegative() || retention.isZero())) {
                throw new ConfigurationException("webhookkit.outbound.retention must be > 0 but was " + retention);
            }
            if (properties.getJdbc().isInitializeSchema()) {
                JdbcSchema.create(dataSource, prefix);
            }
            JdbcDeliveryStore.Builder store = JdbcDeliveryStore.builder(new TransactionJoiningDataSource(dataSource)).tablePrefix(prefix);
            if (retention != null) {
                store.retention(retention);
            }
            return store.build();
        }
    }

    /** webhookkit.store=jdbc without webhook-jdbc: say so instead of a missing-bean error. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "webhookkit", name = "store", havingValue = "jdbc")
    @ConditionalOnMissingClass("dev.webhookkit.jdbc.JdbcDeliveryStore")
    static class JdbcMissing {
        @Bean
        DeliveryStore webhookkitDeliveryStore() {
            throw new ConfigurationException("webhookkit.store=jdbc needs dev.webhookkit:webhook-jdbc and spring-jdbc on the classpath");
        }
    }
}
