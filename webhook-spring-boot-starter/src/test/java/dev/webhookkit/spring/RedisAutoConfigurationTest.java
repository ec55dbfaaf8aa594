package dev.webhookkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Reason;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.redis.RedisDeduplicator;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** webhookkit.redis.url against the local Redis (services tests). */
@Tag("services")
class RedisAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebhookkitRedisAutoConfiguration.class, WebhookkitAutoConfiguration.class,
                    WebhookkitHealthAutoConfiguration.class))
            .withUserConfiguration(WebhookkitAutoConfigurationTest.Listeners.class)
            .withPropertyValues("webhookkit.receiver.endpoints.github.scheme=github",
                    "webhookkit.receiver.endpoints.github.secrets[0]=" + Signed.SECRET);

    @Test
    void redisUrlMakesTheSharedDeduplicatorAndAHealthDetail() {
        runner.withPropertyValues("webhookkit.redis.url=redis://127.0.0.1:6379").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Deduplicator.class)).isInstanceOf(RedisDeduplicator.class);
            // Redis outlives the test run, and without a trusted delivery-id header the key is the signed
            // body's hash: a body of this run only, so an earlier run's key cannot make it a duplicate.
            String delivery = "redis-" + UUID.randomUUID();
            String body = "{\"action\":\"opened\",\"issue\":{\"number\":7,\"title\":\"" + delivery + "\"}}";
            WebhookReceiver receiver = context.getBean(WebhookReceiver.class);
            assertThat(receiver.receive("github", Signed.github(body, delivery)).reason()).isEqualTo(Reason.PROCESSED);
            assertThat(receiver.receive("github", Signed.github(body, delivery)).reason()).isEqualTo(Reason.DUPLICATE);
            TestHealth health = TestHealth.of(context);
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.details()).containsEntry("redis", "UP");
        });
    }

    @Test
    void unreachableRedisMakesHealthDown() {
        runner.withPropertyValues("webhookkit.redis.url=redis://127.0.0.1:1").run(context -> {
            TestHealth health = TestHealth.of(context);
            assertThat(health.status()).isEqualTo("DOWN");
            assertThat(health.details()).containsEntry("redis", "DOWN");
        });
    }
}
