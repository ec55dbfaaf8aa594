package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.spi.EventLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventLog} promises: a record is found by its event id, a record with a known id
 * replaces the earlier one in its place, {@link EventLog#recent} is newest first and limited, and
 * concurrent records are all kept. Each implementation's test extends this and returns a fresh,
 * empty log (with room for at least 100 records and bodies of 1 KiB) from {@link #create()}; a log
 * that is {@link AutoCloseable} is closed after each test. What a log keeps when full is its own
 * business and not checked here.
 */
public abstract class EventLogContractTest {
    /** Records in the kit are received one second apart from here, in the order they are recorded. */
    protected static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    protected EventLog log;

    /** A new, empty event log. */
    protected abstract EventLog create();

    @BeforeEach
    void createLog() {
        log = create();
    }

    @AfterEach
    void closeLog() throws Exception {
        if (log instanceof AutoCloseable c) {
            c.close();
        }
    }

    /** A record of event {@code id} received at {@code receivedAt}, with a small JSON body naming it. */
    protected static EventRecord record(String id, Reason reason, Instant receivedAt) {
        return new EventRecord(id, "orders", receivedAt, reason.httpStatus(), reason, "order.created", "orders:webhook-id:" + id,
                "203.0.113.9", ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), false, List.of(), "",
                HandlerResponse.empty(), "", "", Duration.ofMillis(3));
    }

    private static List<String> ids(List<EventRecord> records) {
        return records.stream().map(EventRecord::eventId).toList();
    }

    @Test
    void aRecordedEventIsFoundByItsIdWithWhatArrived() {
        EventRecord sent = record("ev-1", Reason.PROCESSED, T0);

        log.record(sent);
        EventRecord found = log.find("ev-1").orElseThrow();

        assertThat(found).isEqualTo(sent);
        assertThat(found.endpoint()).isEqualTo("orders");
        assertThat(found.receivedAt()).isEqualTo(T0);
        assertThat(found.status()).isEqualTo(Reason.PROCESSED.httpStatus());
        assertThat(found.eventType()).isEqualTo("order.created");
        assertThat(found.deliveryKey()).isEqualTo("orders:webhook-id:ev-1");
        assertThat(found.remoteAddress()).isEqualTo("203.0.113.9");
        assertThat(found.bodyAsString()).isEqualTo("{\"id\":\"ev-1\"}");
        assertThat(found.bodyTruncated()).isFalse();
    }

    @Test
    void anUnknownIdIsNotFound() {
        log.record(record("ev-1", Reason.PROCESSED, T0));
        assertThat(log.find("ev-2")).isEmpty();
    }

    @Test
    void anEmptyLogHasNoRecentRecords() {
        assertThat(log.recent(10)).isEmpty();
    }

    @Test
    void recentIsNewestFirstAndLimited() {
        for (int i = 1; i <= 5; i++) {
            log.record(record("ev-" + i, Reason.PROCESSED, T0.plusSeconds(i)));
        }

        assertThat(ids(log.recent(3))).containsExactly("ev-5", "ev-4", "ev-3");
        assertThat(ids(log.recent(10))).containsExactly("ev-5", "ev-4", "ev-3", "ev-2", "ev-1");
        assertThat(log.recent(0)).isEmpty();
    }

    @Test
    void aRecordWithAKnownIdReplacesTheEarlierOneAndKeepsItsPlace() {
        log.record(record("ev-1", Reason.ACCEPTED, T0));
        log.record(record("ev-2", Reason.PROCESSED, T0.plusSeconds(1)));
        EventRecord outcome = new EventRecord("ev-1", "orders", T0, 500, Reason.HANDLER_FAILED, "order.created", "orders:webhook-id:ev-1",
                "203.0.113.9", new byte[0], false, List.of(), "", HandlerResponse.empty(), "IllegalStateException: boom", "",
                Duration.ofSeconds(2));

        log.record(outcome); // an async event's outcome after its ACCEPTED

        EventRecord found = log.find("ev-1").orElseThrow();
        assertThat(found.reason()).isEqualTo(Reason.HANDLER_FAILED);
        assertThat(found.status()).isEqualTo(500);
        assertThat(found.error()).isEqualTo("IllegalStateException: boom");
        assertThat(ids(log.recent(10))).containsExactly("ev-2", "ev-1");
    }

    @Test
    void aRefusedRequestIsRecordedAndFoundLikeAnyOther() {
        log.record(record("ev-ok", Reason.PROCESSED, T0));
        log.record(record("ev-forged", Reason.SIGNATURE_MISMATCH, T0.plusSeconds(1)));

        assertThat(log.find("ev-forged").orElseThrow().reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(ids(log.recent(10))).containsExactly("ev-forged", "ev-ok");
    }

    @Test
    void recordsFromManyThreadsAreAllKept() throws Exception {
        int threads = 4;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        log.record(record("ev-" + thread + "-" + i, Reason.PROCESSED, T0.plusSeconds(i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(log.recent(1_000)).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(log.find("ev-3-24")).isPresent();
    }
}
