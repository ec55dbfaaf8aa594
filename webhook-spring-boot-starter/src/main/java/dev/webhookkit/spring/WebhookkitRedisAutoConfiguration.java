package dev.webhookkit.spring;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.redis.RedisDeduplicator;
import java.net.URI;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code webhookkit.redis.url} with webhook-redis on the classpath: a delivery deduplicator that
 * every replica shares, in place of the in-memory one. The URL without webhook-redis stops the
 * start (a silent fall-back to per-instance dedup would let replicas process a redelivery twice).
 */
@AutoConfiguration(before = WebhookkitAutoConfiguration.class)
@ConditionalOnProperty(prefix = "webhookkit", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(prefix = "webhookkit.redis", name = "url")
@EnableConfigurationProperties(WebhookkitProperties.class)
public class WebhookkitRedisAutoConfiguration {

    /** webhook-redis and Jedis present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.webhookkit.redis.RedisDeduplicator", "redis.clients.jedis.RedisClient"})
    static class Jedis {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(name = "webhookkitRedis")
        UnifiedJedis webhookkitRedis(WebhookkitProperties properties) {
            URI url;
            try {
                url = URI.create(properties.getRedis().getUrl());
            } catch (IllegalArgumentException e) {
                // Not the value: a Redis URL may carry a password.
                throw new ConfigurationException("webhookkit.redis.url is not a valid URI (redis://host:port)");
            }
            return RedisClient.create(url);
        }

        @Bean
        @ConditionalOnMissingBean
        Deduplicator webhookkitDeduplicator(UnifiedJedis webhookkitRedis) {
            return RedisDeduplicator.builder(webhookkitRedis).build();
        }
    }

    /** webhookkit.redis.url without webhook-redis: say so instead of deduplicating per instance. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("dev.webhookkit.redis.RedisDeduplicator")
    static class RedisMissing {
        @Bean
        Deduplicator webhookkitDeduplicator() {
            throw new ConfigurationException("webhookkit.redis.url needs dev.webhookkit:webhook-redis on the classpath");
        }
    }
}
