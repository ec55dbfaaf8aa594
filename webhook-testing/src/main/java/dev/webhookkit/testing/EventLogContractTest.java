package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventQuery;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Page;
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
 * replaces the earlier one in its place, {@link EventLog#recent} is newest first and limited,
 * concurrent records are all kept, recorded headers and replay ids come back as written, and
 * {@link EventLog#query} filters by endpoint, reason and time and pages newest first with a cursor
 * that neither repeats nor skips a record (equal times included) and refuses one it did not hand out. Each implementation's test extends this and returns a fresh,
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
        return record(id, "orders", reason, receivedAt);
    }

    /** A record of event {@code id} on {@code endpoint}; refused unauthenticated ones keep no body and no headers, like the receiver's. */
    protected static EventRecord record(String id, String endpoint, Reason reason, Instant receivedAt) {
        boolean refused = reason.isPreAuthentication();
        Headers headers = refused ? Headers.empty()
                : Headers.of("Content-Type", "application/json", "webhook-id", id, "Authorization", EventRecord.REDACTED);
        return new EventRecord(id, endpoint, receivedAt, reason.httpStatus(), reason, "order.created",
                refused ? "" : endpoint + ":webhook-id:" + id, "203.0.113.9",
                refused ? new byte[0] : ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), refused, List.of(), "",
                HandlerResponse.empty(), "", refused ? "" : "k1", Duration.ofMillis(3), headers, !refused, "");
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
        assertThat(found.headers().toMap()).containsExactly(entry("Content-Type", List.of("application/json")),
                entry("webhook-id", List.of("ev-1")), entry("Authorization", List.of(EventRecord.REDACTED)));
        assertThat(found.verified()).isTrue();
        assertThat(found.replayOf()).isEmpty();
    }

    @Test
    void theTenantAndUnsignedAcceptanceAreKeptAsRecorded() {
        EventRecord owned = new EventRecord("ev-t", "orders", T0, 200, Reason.PROCESSED, "order.created", "", "",
                new byte[] {'{', '}'}, false, List.of(), "", HandlerResponse.empty(), "", "", Duration.ZERO, Headers.empty(), true, "",
                "acme", true);

        log.record(owned);

        EventRecord found = log.find("ev-t").orElseThrow();
        assertThat(found.tenant()).isEqualTo("acme");
        assertThat(found.acceptedUnsigned()).isTrue();
        assertThat(found).isEqualTo(owned);
        log.record(record("ev-u", Reason.PROCESSED, T0.plusSeconds(1)));
        assertThat(log.find("ev-u").orElseThrow().tenant()).isEmpty();
        assertThat(log.find("ev-u").orElseThrow().acceptedUnsigned()).isFalse();
    }

    @Test
    void aReplayKeepsTheIdOfTheEventItReplaysAndRepeatedHeaders() {
        Headers repeated = Headers.builder().add("X-Tag", "a").add("x-tag", "b").add("Accept", "*/*").build();
        EventRecord replay = new EventRecord("ev-2", "orders", T0, 200, Reason.PROCESSED, "order.created", "", "",
                new byte[] {'{', '}'}, false, List.of(), "", HandlerResponse.empty(), "", "k1", Duration.ZERO, repeated, true, "ev-1");

        log.record(replay);

        EventRecord found = log.find("ev-2").orElseThrow();
        assertThat(found.replayOf()).isEqualTo("ev-1");
        assertThat(found.isReplay()).isTrue();
        assertThat(found.headers().all("X-Tag")).containsExactly("a", "b");
        assertThat(found.headers().names()).containsExactly("X-Tag", "Accept");
        assertThat(found).isEqualTo(replay);
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
    void actionOutcomesAreKeptInOrderAndReplacedWithTheRecord() {
        List<ActionOutcome> accepted = List.of();
        List<ActionOutcome> ran = List.of(
                ActionOutcome.ok("triage", "route critical → pager, db-team", Duration.ofNanos(12_345)),
                ActionOutcome.failed("pager", "IllegalStateException: chat down", Duration.ofMillis(3)),
                ActionOutcome.ok("db-team", "queued msg_01 to forward.db.1", Duration.ofMillis(1)),
                ActionOutcome.skipped("audit", "no route matched and there is no default", Duration.ZERO));
        log.record(withActions(record("ev-1", Reason.ACCEPTED, T0), accepted));
        log.record(withActions(record("ev-1", Reason.PROCESSED, T0), ran));

        EventRecord found = log.find("ev-1").orElseThrow();
        assertThat(found.actions()).containsExactlyElementsOf(ran);
        assertThat(found.actions()).extracting(ActionOutcome::status)
                .containsExactly(ActionOutcome.Status.OK, ActionOutcome.Status.FAILED, ActionOutcome.Status.OK, ActionOutcome.Status.SKIPPED);
        assertThat(log.recent(1).get(0).actions()).hasSize(4);
    }

    private static EventRecord withActions(EventRecord r, List<ActionOutcome> actions) {
        return new EventRecord(r.eventId(), r.endpoint(), r.receivedAt(), r.status(), r.reason(), r.eventType(), r.deliveryKey(),
                r.remoteAddress(), r.body(), r.bodyTruncated(), r.alerts(), r.message(), r.handlerResponse(), r.error(), r.matchedKeyId(),
                r.duration(), r.headers(), r.verified(), r.replayOf(), actions);
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

    // ---- query(EventQuery): filters, newest first, cursor paging ----

    /** Every page of {@code query}, following the cursors (bounded, so a cursor that loops fails the test). */
    protected List<EventRecord> allPages(EventQuery query) {
        List<EventRecord> out = new ArrayList<>();
        EventQuery next = query;
        for (int pages = 0; pages < 1_000; pages++) {
            Page<EventRecord> page = log.query(next);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(query.limit());
            out.addAll(page.items());
            if (page.next() == null) {
                return out;
            }
            assertThat(page.items()).as("a page with a next cursor is full").hasSize(query.limit());
            next = next.withCursor(page.next());
        }
        throw new AssertionError("more than 1,000 pages: the cursor does not advance");
    }

    /** Three endpoints, several reasons, one second apart from {@link #T0}: ev-01 … ev-12. */
    private List<EventRecord> mixedHistory() {
        String[] endpoints = {"orders", "billing", "orders", "shipping"};
        Reason[] reasons = {Reason.PROCESSED, Reason.HANDLER_FAILED, Reason.SIGNATURE_MISMATCH, Reason.DUPLICATE, Reason.PROCESSED,
            Reason.FILTERED};
        List<EventRecord> written = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            EventRecord r = record(String.format("ev-%02d", i), endpoints[i % endpoints.length], reasons[i % reasons.length],
                    T0.plusSeconds(i));
            log.record(r);
            written.add(r);
        }
        return written;
    }

    private static List<String> newestFirst(List<EventRecord> records, java.util.function.Predicate<EventRecord> filter) {
        return records.stream().filter(filter)
                .sorted(java.util.Comparator.comparing(EventRecord::receivedAt).thenComparing(EventRecord::eventId).reversed())
                .map(EventRecord::eventId).toList();
    }

    @Test
    void anEmptyLogAnswersAnEmptyLastPage() {
        Page<EventRecord> page = log.query(EventQuery.all());
        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isNull();
    }

    @Test
    void queryWithoutFiltersIsNewestFirstIncludingRefusedRequests() {
        List<EventRecord> written = mixedHistory();

        Page<EventRecord> page = log.query(EventQuery.all());

        assertThat(ids(page.items())).isEqualTo(newestFirst(written, r -> true)).hasSize(12);
        assertThat(ids(page.items())).contains("ev-02", "ev-08"); // SIGNATURE_MISMATCH: the rejected ones too
        assertThat(page.next()).isNull();
    }

    @Test
    void queryFiltersByEndpoint() {
        List<EventRecord> written = mixedHistory();

        assertThat(ids(allPages(EventQuery.all().withEndpoint("orders").withLimit(2))))
                .isEqualTo(newestFirst(written, r -> r.endpoint().equals("orders"))).hasSize(6);
        assertThat(ids(allPages(EventQuery.all().withEndpoint("shipping")))).containsExactly("ev-11", "ev-07", "ev-03");
        assertThat(log.query(EventQuery.all().withEndpoint("nobody")).items()).isEmpty();
    }

    @Test
    void queryFiltersByReasonInBothTheVerifiedAndTheRefusedHistory() {
        List<EventRecord> written = mixedHistory();

        assertThat(ids(allPages(EventQuery.all().withReason(Reason.PROCESSED))))
                .isEqualTo(newestFirst(written, r -> r.reason() == Reason.PROCESSED)).hasSize(4);
        assertThat(ids(allPages(EventQuery.all().withReason(Reason.SIGNATURE_MISMATCH).withLimit(1)))).containsExactly("ev-08", "ev-02");
        assertThat(log.query(EventQuery.all().withReason(Reason.RATE_LIMITED)).items()).isEmpty();
    }

    @Test
    void sinceIsInclusiveAndUntilExclusive() {
        mixedHistory();

        assertThat(ids(allPages(EventQuery.all().withSince(T0.plusSeconds(10))))).containsExactly("ev-12", "ev-11", "ev-10");
        assertThat(ids(allPages(EventQuery.all().withUntil(T0.plusSeconds(3))))).containsExactly("ev-02", "ev-01");
        assertThat(ids(allPages(EventQuery.all().withSince(T0.plusSeconds(4)).withUntil(T0.plusSeconds(6)))))
                .containsExactly("ev-05", "ev-04");
        assertThat(log.query(EventQuery.all().withSince(T0.plusSeconds(5)).withUntil(T0.plusSeconds(5))).items()).isEmpty();
    }

    @Test
    void filtersCombine() {
        List<EventRecord> written = mixedHistory();
        Instant since = T0.plusSeconds(3);

        assertThat(ids(allPages(EventQuery.all().withEndpoint("orders").withReason(Reason.PROCESSED).withSince(since))))
                .isEqualTo(newestFirst(written, r -> r.endpoint().equals("orders") && r.reason() == Reason.PROCESSED
                        && !r.receivedAt().isBefore(since)))
                .isNotEmpty();
    }

    @Test
    void pagingThroughEqualTimestampsNeitherRepeatsNorMissesARecord() {
        List<EventRecord> written = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // five records per instant, ids not in time order and of mixed case and punctuation, so the
            // tie-break on the id (in code-unit order, whatever the database's collation) is what pages
            String id = (i % 3 == 0 ? "EV-" : i % 3 == 1 ? "ev_" : "ev-") + (char) ('a' + (i * 7) % 23);
            EventRecord r = record(id, Reason.PROCESSED, T0.plusSeconds(i / 5));
            log.record(r);
            written.add(r);
        }

        for (int limit : new int[] {1, 2, 4, 5, 7, 23, 50}) {
            List<EventRecord> paged = allPages(EventQuery.all().withLimit(limit));
            assertThat(ids(paged)).as("limit " + limit).doesNotHaveDuplicates().isEqualTo(newestFirst(written, r -> true));
        }
    }

    @Test
    void summariesPageLikeTheQueryWithTheSameFieldsButPerhapsNoPayload() {
        List<EventRecord> written = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            EventRecord r = record("ev-" + (char) ('a' + i), i % 4 == 0 ? Reason.SIGNATURE_MISMATCH : Reason.PROCESSED, T0.plusSeconds(i / 3));
            log.record(r);
            written.add(r);
        }
        EventQuery query = EventQuery.all().withReason(Reason.PROCESSED).withLimit(4);
        List<EventRecord> full = allPages(query);
        List<EventRecord> summaries = new ArrayList<>();
        EventQuery next = query;
        for (int pages = 0; pages < 10; pages++) {
            Page<EventRecord> page = log.querySummaries(next);
            summaries.addAll(page.items());
            if (page.next() == null) {
                break;
            }
            next = next.withCursor(page.next());
        }

        assertThat(ids(summaries)).isEqualTo(ids(full)).hasSize(9);
        for (int i = 0; i < full.size(); i++) {
            EventRecord f = full.get(i);
            EventRecord s = summaries.get(i);
            assertThat(List.of(s.endpoint(), s.receivedAt(), s.status(), s.reason(), s.eventType(), s.alerts(), s.tenant()))
                    .isEqualTo(List.of(f.endpoint(), f.receivedAt(), f.status(), f.reason(), f.eventType(), f.alerts(), f.tenant()));
            assertThat(s.body().length == 0 || java.util.Arrays.equals(s.body(), f.body())).as("empty or the payload").isTrue();
        }
    }

    @Test
    void aPageThatEndsTheHistoryHasNoNextCursor() {
        for (int i = 1; i <= 4; i++) {
            log.record(record("ev-" + i, Reason.PROCESSED, T0.plusSeconds(i)));
        }

        Page<EventRecord> first = log.query(EventQuery.all().withLimit(2));
        Page<EventRecord> second = log.query(EventQuery.all().withLimit(2).withCursor(first.next()));

        assertThat(ids(first.items())).containsExactly("ev-4", "ev-3");
        assertThat(first.next()).isNotNull();
        assertThat(ids(second.items())).containsExactly("ev-2", "ev-1");
        assertThat(second.next()).isNull();
    }

    @Test
    void recordsWrittenBetweenPagesDoNotShiftTheRest() {
        for (int i = 1; i <= 10; i++) {
            log.record(record(String.format("ev-%02d", i), Reason.PROCESSED, T0.plusSeconds(i)));
        }
        Page<EventRecord> first = log.query(EventQuery.all().withLimit(3));
        assertThat(ids(first.items())).containsExactly("ev-10", "ev-09", "ev-08");

        log.record(record("ev-11", Reason.PROCESSED, T0.plusSeconds(11))); // newer: belongs before the first page
        log.record(record("ev-00", Reason.PROCESSED, T0)); // older: belongs on a later page
        log.record(record("ev-08b", Reason.PROCESSED, T0.plusSeconds(8))); // same time as the cursor, id after it: later
        List<EventRecord> rest = allPages(EventQuery.all().withLimit(3).withCursor(first.next()));

        assertThat(ids(rest)).containsExactly("ev-07", "ev-06", "ev-05", "ev-04", "ev-03", "ev-02", "ev-01", "ev-00")
                .doesNotContain("ev-11", "ev-08b");
    }

    @Test
    void aCursorThatNoEventLogHandedOutIsAConfigurationError() {
        mixedHistory();
        String foreign = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("m1:2026-11-22T10:00:00Z:msg_1".getBytes(StandardCharsets.UTF_8));
        String noTime = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("e1:x:y:ev-1".getBytes(StandardCharsets.UTF_8));

        for (String bad : new String[] {"not a cursor!", "", foreign, noTime, "A".repeat(5_000)}) {
            assertThatThrownBy(() -> log.query(EventQuery.all().withCursor(bad)))
                    .as("cursor '%s'", bad.length() > 20 ? bad.substring(0, 20) + "…" : bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("cursor is not one this event log handed out");
        }
    }

    @Test
    void aPageHoldsOneToFiveHundredRecords() {
        for (int i = 1; i <= 3; i++) {
            log.record(record("ev-" + i, Reason.PROCESSED, T0.plusSeconds(i)));
        }

        assertThat(ids(log.query(EventQuery.all().withLimit(1)).items())).containsExactly("ev-3");
        assertThat(log.query(EventQuery.all().withLimit(EventQuery.MAX_LIMIT)).items()).hasSize(3);
        assertThatThrownBy(() -> EventQuery.all().withLimit(0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("limit must be between 1 and 500 but was 0");
        assertThatThrownBy(() -> EventQuery.all().withLimit(EventQuery.MAX_LIMIT + 1)).isInstanceOf(ConfigurationException.class)
                .hasMessage("limit must be between 1 and 500 but was 501");
    }

    @Test
    void aReplacedRecordIsQueriedWithItsNewOutcome() {
        log.record(record("ev-1", Reason.ACCEPTED, T0));
        log.record(record("ev-1", Reason.HANDLER_FAILED, T0));

        assertThat(ids(log.query(EventQuery.all().withReason(Reason.HANDLER_FAILED)).items())).containsExactly("ev-1");
        assertThat(log.query(EventQuery.all().withReason(Reason.ACCEPTED)).items()).isEmpty();
        assertThat(log.query(EventQuery.all()).items()).hasSize(1);
    }
}
