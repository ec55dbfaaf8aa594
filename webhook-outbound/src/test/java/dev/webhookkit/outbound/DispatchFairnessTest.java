package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One subscriber that holds every request until the attempt times out (a tarpit) must not starve
 * the others: it gets at most its {@code maxInFlight} workers, and the healthy subscribers'
 * latency stays close to what it is without the tarpit. Figures in docs/outbound.md.
 */
class DispatchFairnessTest extends DispatcherTestSupport {
    private static final int WORKERS = 8;
    private static final int HEALTHY = 20;
    private static final int ROUNDS = 8;
    private static final int PACE_MILLIS = 10;
    private static final Duration TARPIT_TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, Long> publishedNanos = new ConcurrentHashMap<>();

    @Test
    void aTarpitSubscriberDoesNotStarveTheHealthyOnes() throws Exception {
        // No body: a body written after the headers meets Nagle and delayed ACKs (40 ms) and would swamp the figures.
        Receiver healthy = receiver((n, r) -> Receiver.Answer.status(204).body(""));
        Receiver tarpit = receiver((n, r) -> Receiver.Answer.hang());
        for (int i = 0; i < HEALTHY; i++) {
            subscribe(Subscription.builder("healthy-" + i, healthy.url("/h" + i)).secret(SECRET).eventTypes(List.of("healthy." + i)));
        }
        subscribe(Subscription.builder("tarpit", tarpit.url()).secret(SECRET).eventTypes(List.of("slow")).timeout(TARPIT_TIMEOUT));
        start(b -> b.workers(WORKERS).httpClients(2));

        healthyP99(healthy, 0); // warm-up: connections, JIT
        long p99Alone = healthyP99(healthy, HEALTHY * ROUNDS);

        int tarpitMessages = 5 * WORKERS;
        for (int i = 0; i < tarpitMessages; i++) {
            dispatcher.publish("slow", Map.of("n", i));
        }
        Poll.until("the tarpit to hold its share of workers", () -> tarpit.count() >= Math.min(WORKERS, Subscription.DEFAULT_MAX_IN_FLIGHT));
        Thread.sleep(200); // well within the tarpit's timeout: no request of it has ended yet
        assertThat(tarpit.count()).as("tarpit requests in flight").isEqualTo(Subscription.DEFAULT_MAX_IN_FLIGHT);
        long busySince = System.nanoTime();
        long p99WithTarpit = healthyP99(healthy, 2 * HEALTHY * ROUNDS);
        long healthyDoneAfter = System.nanoTime() - busySince;

        System.out.printf("healthy p99 without tarpit %.1f ms, with tarpit %.1f ms (%d workers, tarpit maxInFlight %d)%n",
                p99Alone / 1e6, p99WithTarpit / 1e6, WORKERS, Subscription.DEFAULT_MAX_IN_FLIGHT);
        // The tarpit is still busy: every healthy message got through while it held its workers.
        assertThat(store.messagesForSubscription("tarpit", tarpitMessages).stream()
                .filter(m -> m.status() == DeliveryStatus.PENDING).count()).isPositive();
        assertThat(healthyDoneAfter).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(p99WithTarpit).isLessThan(2 * p99Alone + TimeUnit.MILLISECONDS.toNanos(50));
    }

    /**
     * Publishes {@code ROUNDS} events to every healthy subscriber, one every {@code PACE_MILLIS} (a
     * steady load the workers keep up with, rather than a burst that measures queueing), waits for
     * all and returns the 99th percentile from publish to arrival.
     */
    private long healthyP99(Receiver healthy, int alreadyReceived) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < HEALTHY; i++) {
                long at = System.nanoTime();
                String id = dispatcher.publish("healthy." + i, Map.of("round", round)).get(0);
                publishedNanos.put(id, at);
                ids.add(id);
                Thread.sleep(PACE_MILLIS);
            }
        }
        int expected = alreadyReceived + ids.size();
        Poll.until("every healthy message to arrive", () -> healthy.count() >= expected);
        List<Long> latencies = new ArrayList<>();
        for (Receiver.Received r : healthy.received().subList(alreadyReceived, expected)) {
            String id = r.headers().first("X-Webhook-Id").orElseThrow();
            latencies.add(r.arrivedNanos() - publishedNanos.get(id));
        }
        latencies.sort(Long::compare);
        System.out.printf("healthy latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", latencies.get(latencies.size() / 2) / 1e6,
                latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1e6, latencies.get(latencies.size() - 1) / 1e6);
        return latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
    }
}
