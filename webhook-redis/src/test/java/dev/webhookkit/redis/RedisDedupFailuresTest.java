package dev.webhookkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * Two-stage marks against the real Redis when something fails halfway: a claim whose reply is
 * lost, and a receiver process killed in its handler. Either way the sender's retry is processed,
 * exactly once.
 */
@Tag("services")
class RedisDedupFailuresTest {

    static WebhookReceiver receiver(RedisClient redis, String prefix, Duration lease, EventHandler handler) {
        RedisDeduplicator dedup = RedisDeduplicator.builder(redis).keyPrefix(prefix).processingLease(lease)
                .pauseAfterFailure(Duration.ZERO).build();
        return WebhookReceiver.builder().deduplicator(dedup)
                .endpoint(Endpoint.builder("orders").allowUnsigned().handler(handler).build())
                .build();
    }

    private static WebhookRequest delivery(String body) {
        return WebhookRequest.post(body.getBytes(StandardCharsets.UTF_8), Headers.of());
    }

    @Test
    void aClaimWhoseReplyWasLostDoesNotTurnTheRetryIntoADuplicate() throws Exception {
        String prefix = RedisTestServer.uniquePrefix("dedup-lost-reply");
        AtomicInteger handled = new AtomicInteger();
        String body = "{\"id\":\"" + UUID.randomUUID() + "\"}";
        try (ReplyHoldingProxy proxy = new ReplyHoldingProxy();
             RedisClient viaProxy = RedisClient.builder().hostAndPort(RedisTestServer.HOST, proxy.port())
                     .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(300).build())
                     .build();
             RedisClient direct = RedisTestServer.client()) {
            WebhookReceiver receiver = receiver(viaProxy, prefix, Duration.ofMinutes(5), EventHandler.of(e -> handled.incrementAndGet()));

            proxy.holdReplies(true);
            ReceiveResult lost = receiver.receive("orders", delivery(body));
            assertThat(lost.reason()).isEqualTo(Reason.DEPENDENCY_UNAVAILABLE);
            // The claim did land in Redis: only its answer was lost.
            assertThat(direct.keys(prefix + "*")).singleElement()
                    .satisfies(key -> assertThat(direct.get(key)).startsWith("p:"));

            proxy.holdReplies(false);
            assertThat(receiver.receive("orders", delivery(body)).reason()).isEqualTo(Reason.PROCESSED);
            assertThat(receiver.receive("orders", delivery(body)).reason()).isEqualTo(Reason.DUPLICATE);
            assertThat(handled).hasValue(1);
        }
    }

    @Test
    void aReceiverKilledInItsHandlerBlocksTheKeyOnlyForTheLease() throws Exception {
        String prefix = RedisTestServer.uniquePrefix("dedup-sigkill");
        Duration lease = Duration.ofSeconds(2);
        String body = "{\"id\":\"" + UUID.randomUUID() + "\"}";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                DedupReceiverProcess.class.getName(), prefix, Long.toString(lease.toMillis()), body)
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (String line; (line = out.readLine()) != null && !line.equals(DedupReceiverProcess.IN_HANDLER); ) {
                seen.append(line).append('\n');
                assertThat(System.nanoTime()).as("child never reached its handler:\n%s", seen).isLessThan(deadline);
            }
            assertThat(child.isAlive()).as("child output:\n%s", seen).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: the claim is never settled
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        AtomicInteger handled = new AtomicInteger();
        try (RedisClient redis = RedisTestServer.client()) {
            WebhookReceiver receiver = receiver(redis, prefix, lease, EventHandler.of(e -> handled.incrementAndGet()));
            ReceiveResult early = receiver.receive("orders", delivery(body));
            assertThat(early.reason()).isEqualTo(Reason.IN_PROGRESS);
            assertThat(early.retryAfterSeconds()).hasValueSatisfying(s -> assertThat(s).isBetween(1L, 2L));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            ReceiveResult retry = early;
            while (retry.reason() == Reason.IN_PROGRESS && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
                retry = receiver.receive("orders", delivery(body));
            }
            assertThat(retry.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(handled).hasValue(1);
        }
    }
}
