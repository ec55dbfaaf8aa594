package dev.webhookkit.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A search of the event history: every filter is optional; answers come newest first (by
 * {@link EventRecord#receivedAt()}, then event id) in pages of at most {@link #limit()}.
 *
 * @param endpoint only this endpoint's events, null for all
 * @param reason only events with this outcome, null for all
 * @param since only events received at or after this instant, null for no lower bound
 * @param until only events received before this instant, null for no upper bound
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param cursor the {@link Page#next()} of the previous page, null for the first page
 */
public record EventQuery(String endpoint, Reason reason, Instant since, Instant until, int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public EventQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ConfigurationException("limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
        }
    }

    /** Every event, newest first, {@link #DEFAULT_LIMIT} a page. */
    public static EventQuery all() {
        return new EventQuery(null, null, null, null, DEFAULT_LIMIT, null);
    }

    public EventQuery withEndpoint(String endpoint) {
        return new EventQuery(endpoint, reason, since, until, limit, cursor);
    }

    public EventQuery withReason(Reason reason) {
        return new EventQuery(endpoint, reason, since, until, limit, cursor);
    }

    public EventQuery withSince(Instant since) {
        return new EventQuery(endpoint, reason, since, until, limit, cursor);
    }

    public EventQuery withUntil(Instant until) {
        return new EventQuery(endpoint, reason, since, until, limit, cursor);
    }

    public EventQuery withLimit(int limit) {
        return new EventQuery(endpoint, reason, since, until, limit, cursor);
    }

    public EventQuery withCursor(String cursor) {
        return new EventQuery(endpoint, reason, since, until, limit, cursor);
    }

    /** Whether a record passes the filters (not the cursor). */
    public boolean matches(EventRecord record) {
        Objects.requireNonNull(record, "record");
        return (endpoint == null || endpoint.equals(record.endpoint()))
                && (reason == null || reason == record.reason())
                && (since == null || !record.receivedAt().isBefore(since))
                && (until == null || record.receivedAt().isBefore(until));
    }

    public Optional<String> cursorValue() {
        return Optional.ofNullable(cursor);
    }
}
