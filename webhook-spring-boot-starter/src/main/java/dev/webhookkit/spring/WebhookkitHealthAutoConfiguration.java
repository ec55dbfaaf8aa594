package dev.webhookkit.spring;

import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.spring.internal.Boot3HealthIndicator;
import dev.webhookkit.spring.internal.Boot4HealthIndicator;
import dev.webhookkit.spring.internal.WebhookkitHealth;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/**
 * With Spring Boot Actuator: the {@code webhookkit} health contributor (the dispatcher's store
 * and backlog, and Redis when {@code webhookkit.redis.url} is set), in the health API of the Boot
 * line the application runs: {@code org.springframework.boot.actuate.health} on Boot 3,
 * {@code org.springframework.boot.health.contributor} (spring-boot-health) on Boot 4.
 */
@AutoConfiguration(after = {WebhookkitAutoConfiguration.class, WebhookkitOutboundAutoConfiguration.class, WebhookkitRedisAutoConfiguration.class})
@ConditionalOnProperty(prefix = "webhookkit", name = "enabled", havingValue = "true", matchIfMissing = true)
public class WebhookkitHealthAutoConfiguration {
    /** The bean name, which makes the contributor's name {@code webhookkit}. */
    public static final String BEAN_NAME = "webhookkitHealthIndicator";

    /** Spring Boot 3.x. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Boot3 {
        @Bean(BEAN_NAME)
        @ConditionalOnMissingBean(name = BEAN_NAME)
        Boot3HealthIndicator webhookkitHealthIndicator(ObjectProvider<WebhookDispatcher> dispatcher, BeanFactory beans) {
            return new Boot3HealthIndicator(health(dispatcher, beans));
        }
    }

    /** Spring Boot 4.x, whose health types moved to spring-boot-health. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4 {
        @Bean(BEAN_NAME)
        @ConditionalOnMissingBean(name = BEAN_NAME)
        Boot4HealthIndicator webhookkitHealthIndicator(ObjectProvider<WebhookDispatcher> dispatcher, BeanFactory beans) {
            return new Boot4HealthIndicator(health(dispatcher, beans));
        }
    }

    static WebhookkitHealth health(ObjectProvider<WebhookDispatcher> dispatcher, BeanFactory beans) {
        BooleanSupplier redis = beans.containsBean("webhookkitRedis") ? () -> ping(beans) : null;
        return new WebhookkitHealth(dispatcher.getIfAvailable(), redis);
    }

    private static boolean ping(BeanFactory beans) {
        try {
            return "PONG".equalsIgnoreCase(beans.getBean("webhookkitRedis", UnifiedJedis.class).ping());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
