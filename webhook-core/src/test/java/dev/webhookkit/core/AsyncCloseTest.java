package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.EventLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a 202 promises: the handler runs, or close() records the event as failed and lets its retry through. */
class AsyncCloseTest {
    private final EventLog log = EventLog.inMemory();
    private final Deduplicator dedup = Deduplicator.inMemory();

    private WebhookReceiver receiver(dev.webhookkit.core.spi.EventHandler handler, Duration shutdownTimeout) {
        return WebhookReceiver.builder().eventLog(log).deduplicator(dedup).shutdownTimeout(shutdownTimeout)
                .endpoint(Endpoint.builder("async").allowUnsigned().mode(HandlerMode.ASYNC).handler(handler).build())
                .build();
    }

    private static WebhookRequest delivery(int n) {
        return WebhookRequest.post(("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), Headers.of());
    }

    @Test
    void closeWaitsForAcceptedEventsToFinish() {
        AtomicInteger done = new AtomicInteger();
        List<String> ids = new ArrayList<>();
        WebhookReceiver r = receiver(e -> {
            Thread.sleep(50);
            done.incrementAndGet();
            return HandlerResponse.empty();
        }, Duration.ofSeconds(10));
        for (int i = 0; i < 12; i++) {
            ids.add(r.receive("async", delivery(i)).eventId());
        }
        r.close();
        assertThat(done).hasValue(12);
        assertThat(ids).allSatisfy(id -> assertThat(log.find(id).orElseThrow().reason()).isEqualTo(Reason.PROCESSED));
        assertThat(r.receive("async", delivery(99)).reason()).as("after close").isEqualTo(Reason.OVERLOADED);
    }

    @Test
    void eventsUnfinishedAfterTheTimeoutAreRecordedAsFailedAndTheirRetriesProcessed() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        List<String> ids = new ArrayList<>();
        WebhookReceiver r = receiver(e -> {
            never.await(30, TimeUnit.SECONDS);
            return HandlerResponse.empty();
        }, Duration.ofMillis(200));
        for (int i = 0; i < 10; i++) { // more than the pool's threads: some are still queued
            ReceiveResult accepted = r.receive("async", delivery(i));
            assertThat(accepted.reason()).isEqualTo(Reason.ACCEPTED);
            ids.add(accepted.eventId());
        }
        long start = System.nanoTime();
        r.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        assertThat(ids).allSatisfy(id -> {
            EventRecord rec = log.find(id).orElseThrow();
            assertThat(rec.reason()).isEqualTo(Reason.HANDLER_FAILED);
            assertThat(rec.error()).contains("receiver closed");
        });
        // Their delivery keys were released: a redelivery to the next receiver is processed, not a duplicate.
        AtomicInteger handled = new AtomicInteger();
        try (WebhookReceiver next = WebhookReceiver.builder().eventLog(log).deduplicator(dedup)
                .endpoint(Endpoint.builder("async").allowUnsigned().handler(e -> {
                    handled.incrementAndGet();
                    return HandlerResponse.empty();
                }).build()).build()) {
            for (int i = 0; i < 10; i++) {
                assertThat(next.receive("async", delivery(i)).reason()).isEqualTo(Reason.PROCESSED);
            }
        }
        assertThat(handled).hasValue(10);
    }
}
