package dev.webhookkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Two receivers — two instances of one service — each with its own Redis client, sharing one Redis
 * through the same key prefix, hammered with copies of the same deliveries from several threads.
 */
@Tag("services")
class SharedRedisReceiversTest {
    private static final int DELIVERIES = 1_000;
    private static final int COPIES = 4;
    private static final int THREADS = 8;

    private final String prefix = RedisTestServer.uniquePrefix("receivers");
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private RedisClient redisA;
    private RedisClient redisB;
    private WebhookReceiver instanceA;
    private WebhookReceiver instanceB;

    @BeforeEach
    void startTwoInstances() {
        redisA = RedisTestServer.client();
        redisB = RedisTestServer.client();
        instanceA = receiver(redisA);
        instanceB = receiver(redisB);
    }

    @AfterEach
    void stop() {
        instanceA.close();
        instanceB.close();
        redisA.keys(prefix + "*").forEach(redisA::del);
        redisA.close();
        redisB.close();
    }

    private WebhookReceiver receiver(RedisClient redis) {
        EventHandler countingHandler = event -> {
            String id = event.request().header("webhook-id").orElseThrow();
            if (failOnce.remove(id)) {
                throw new IllegalStateException("downstream hiccup for " + id);
            }
            handled.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return null;
        };
        return WebhookReceiver.builder()
                .deduplicator(RedisDeduplicator.builder(redis).keyPrefix(prefix).build())
                .endpoint(Endpoint.builder("orders").allowUnsigned().handler(countingHandler).build())
                .build();
    }

    private static WebhookRequest delivery(String id) {
        return WebhookRequest.post(("{\"type\":\"order.created\",\"id\":\"" + id + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Headers.of("webhook-id", id, "content-type", "application/json"));
    }

    @Test
    void everyDeliveryIsProcessedExactlyOnceAcrossInstancesAndThreads() throws Exception {
        List<String> sends = new ArrayList<>();
        for (int d = 0; d < DELIVERIES; d++) {
            for (int c = 0; c < COPIES; c++) {
                sends.add("msg_" + d);
            }
        }
        Collections.shuffle(sends, new Random(42));

        Map<Reason, Integer> outcomes = sendConcurrently(sends);

        assertThat(handled).hasSize(DELIVERIES);
        assertThat(handled.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        // A copy that arrives while the first is in its handler is IN_PROGRESS (503: the sender retries).
        assertThat(outcomes).containsEntry(Reason.PROCESSED, DELIVERIES);
        assertThat(outcomes.getOrDefault(Reason.DUPLICATE, 0) + outcomes.getOrDefault(Reason.IN_PROGRESS, 0))
                .isEqualTo(DELIVERIES * (COPIES - 1));
        assertThat(outcomes.keySet()).isSubsetOf(Reason.PROCESSED, Reason.DUPLICATE, Reason.IN_PROGRESS);
    }

    @Test
    void deliveryWhoseHandlerFailedIsProcessedOnRetryByTheOtherInstance() {
        failOnce.add("msg_retry");

        ReceiveResult failed = instanceA.receive("orders", delivery("msg_retry"));
        ReceiveResult retried = instanceB.receive("orders", delivery("msg_retry"));
        ReceiveResult again = instanceA.receive("orders", delivery("msg_retry"));

        assertThat(failed.reason()).isEqualTo(Reason.HANDLER_FAILED);
        assertThat(retried.reason()).isEqualTo(Reason.PROCESSED);
        assertThat(again.reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(handled.get("msg_retry")).hasValue(1);
    }

    private Map<Reason, Integer> sendConcurrently(List<String> sends) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Map<Reason, AtomicInteger> counts = new ConcurrentHashMap<>();
        Concurrently.run(THREADS, thread -> {
            for (int i = next.getAndIncrement(); i < sends.size(); i = next.getAndIncrement()) {
                WebhookReceiver instance = i % 2 == 0 ? instanceA : instanceB;
                ReceiveResult r = instance.receive("orders", delivery(sends.get(i)));
                counts.computeIfAbsent(r.reason(), k -> new AtomicInteger()).incrementAndGet();
            }
        });
        Map<Reason, Integer> out = new EnumMap<>(Reason.class);
        counts.forEach((reason, n) -> out.put(reason, n.get()));
        return out;
    }
}
