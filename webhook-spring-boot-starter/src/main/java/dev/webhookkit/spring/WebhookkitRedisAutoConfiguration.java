package dev.webhookkit.spring;

import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.redis.RedisDeduplicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import dev.webhookkit.core.ConfigurationException;
import java.net.URI;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code webhookkit.redis.url} with webhook-redis on the classpath: a delivery deduplicator that
 * every replica shares, in place of the in-memory one.
 */
@AutoConfiguration(before = WebhookkitAutoConfiguration.class)
@ConditionalOnProperty(prefix = "webhookkit", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnClass(name = {"dev.webhookkit.redis.RedisDeduplicator", "redis.clients.jedis.RedisClient"})
@ConditionalOnProperty(prefix = "webhookkit.redis", name = "url")
@EnableConfigurationProperties(WebhookkitProperties.class)
public class WebhookkitRedisAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "webhookkitRedis")
    public UnifiedJedis webhookkitRedis(WebhookkitProperties properties) {
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
    public Deduplicator webhookkitDeduplicator(UnifiedJedis webhookkitRedis) {
        return RedisDeduplicator.builder(webhookkitRedis).build();
    }
}
