package dev.webhookkit.core.spi;

import dev.webhookkit.core.EventQuery;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Page;
import dev.webhookkit.core.internal.InMemoryEventLog;
import java.util.List;
import java.util.Optional;

/**
 * The history of received events: storage and queries. {@link #record} replaces an earlier record
 * with the same event id (an async event's ACCEPTED, then its outcome). Live listeners belong to
 * the receiver ({@link dev.webhookkit.core.WebhookReceiver#addRecordListener}), not to the store.
 * Thread-safe; implementations pass {@code EventLogContractTest} (webhook-testing).
 */
public interface EventLog {

    /** Default number of records the in-memory log keeps. */
    int DEFAULT_CAPACITY = 1_000;
    /** Default number of body bytes the in-memory log keeps per record. */
    int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /** Stores (or replaces) a record. Must not throw for a store outage: log it. */
    void record(EventRecord record);

    /** The newest records first, at most {@code limit}. */
    List<EventRecord> recent(int limit);

    Optional<EventRecord> find(String eventId);

    /**
     * The records that pass the query's filters, newest first, one page at a time.
     * @throws dev.webhookkit.core.ConfigurationException for a cursor this log did not hand out
     */
    default Page<EventRecord> query(EventQuery query) {
        throw new UnsupportedOperationException(getClass().getName() + " does not answer queries");
    }

    /**
     * As {@link #query}, for lists that show no payload: a log may leave each record's body, handler
     * body, headers and actions empty, so that a page of summaries does not read every payload.
     * The default answers {@link #query}.
     */
    default Page<EventRecord> querySummaries(EventQuery query) {
        return query(query);
    }

    /** A bounded in-memory ring of the last {@link #DEFAULT_CAPACITY} records. */
    static EventLog inMemory() {
        return new InMemoryEventLog(DEFAULT_CAPACITY, DEFAULT_MAX_BODY_BYTES);
    }

    /** A bounded in-memory ring; bodies longer than {@code maxBodyBytes} are truncated. */
    static EventLog inMemory(int capacity, int maxBodyBytes) {
        return new InMemoryEventLog(capacity, maxBodyBytes);
    }
}
