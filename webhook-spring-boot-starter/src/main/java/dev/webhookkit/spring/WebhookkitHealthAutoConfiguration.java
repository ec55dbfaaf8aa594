package dev.webhookkit.spring;

import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.spring.internal.WebhookkitHealthIndicator;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import redis.clients.jedis.UnifiedJedis;

/**
 * With Spring Boot Actuator: the {@code webhookkit} health contributor (the dispatcher's store
 * and backlog, and Redis when {@code webhookkit.redis.url} is set).
 */
@AutoConfiguration(after = {WebhookkitAutoConfiguration.class, WebhookkitOutboundAutoConfiguration.class, WebhookkitRedisAutoConfiguration.class})
@ConditionalOnProperty(prefix = "webhookkit", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
public class WebhookkitHealthAutoConfiguration {

    /** Named so that the contributor is {@code webhookkit}. */
    @Bean
    @ConditionalOnMissingBean(name = "webhookkitHealthIndicator")
    public HealthIndicator webhookkitHealthIndicator(ObjectProvider<WebhookDispatcher> dispatcher,
            org.springframework.beans.factory.BeanFactory beans) {
        Supplier<Boolean> redis = null;
        if (beans.containsBean("webhookkitRedis")) {
            redis = () -> ping(beans);
        }
        return new WebhookkitHealthIndicator(dispatcher.getIfAvailable(), redis);
    }

    private static boolean ping(org.springframework.beans.factory.BeanFactory beans) {
        try {
            return "PONG".equalsIgnoreCase(beans.getBean("webhookkitRedis", UnifiedJedis.class).ping());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
