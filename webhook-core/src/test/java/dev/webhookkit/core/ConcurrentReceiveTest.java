package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.spi.EventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads receiving at once: every delivery is processed exactly once, every copy is a DUPLICATE. */
class ConcurrentReceiveTest {

    @Test
    void duplicatesAcrossThreadsAreSuppressedExactlyOnce() throws Exception {
        Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint(Endpoint.builder("hot").allowUnsigned().handler(EventHandler.of(e ->
                        processed.computeIfAbsent(e.request().header("webhook-id").orElseThrow(), k -> new AtomicInteger()).incrementAndGet())).build())
                .build();
        int threads = 8;
        int deliveries = 500;
        int copies = 4; // each thread sends each delivery this many times
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int c = 0; c < copies; c++) {
                        for (int d = 0; d < deliveries; d++) {
                            WebhookRequest req = WebhookRequest.post(("{\"n\":" + d + "}").getBytes(), Headers.of("webhook-id", "msg_" + d));
                            Reason reason = receiver.receive("hot", req).reason();
                            // A copy that arrives while the first is still in its handler is IN_PROGRESS (retry later).
                            if (reason == Reason.DUPLICATE || reason == Reason.IN_PROGRESS) {
                                duplicates.incrementAndGet();
                            } else if (reason != Reason.PROCESSED) {
                                other.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(other.get()).isZero();
        assertThat(processed).hasSize(deliveries);
        assertThat(processed.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(duplicates.get()).isEqualTo(threads * copies * deliveries - deliveries);
    }
}
