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
    /** The earliest {@code since}/{@code until} taken: every store (SQL timestamps among them) can compare with it. */
    public static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest {@code since}/{@code until} taken. */
    public static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** @throws ConfigurationException for a limit out of range, a time outside {@link #MIN_TIME}..{@link #MAX_TIME}, or an endpoint holding a NUL */
    public EventQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ConfigurationException("limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
        }
        checkTime("since", since);
        checkTime("until", until);
        if (endpoint != null && endpoint.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL; no endpoint name does either.
            throw new ConfigurationException("endpoint must not contain a NUL character");
        }
    }

    /** @throws ConfigurationException for an instant outside {@link #MIN_TIME}..{@link #MAX_TIME} (the message starts with {@code name}) */
    public static void checkTime(String name, Instant value) {
        if (value != null && (value.isBefore(MIN_TIME) || value.isAfter(MAX_TIME))) {
            throw new ConfigurationException(name + " must be between " + MIN_TIME + " and " + MAX_TIME);
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

    /**
     * The cursor that continues after {@code last}, as an event log hands it out: for a caller that
     * pages over a log but shows only some records (an admin API filtering by tenant) and must hand
     * out a position it may reveal.
     */
    public static String cursorAfter(EventRecord last) {
        return dev.webhookkit.core.internal.EventCursor.after(Objects.requireNonNull(last, "last"));
    }

    /**
     * A cursor that continues with the events received at or before {@code at} (and, harmlessly,
     * any received in the nanosecond after it): a position that names no event.
     */
    public static String cursorAtOrBefore(Instant at) {
        return new dev.webhookkit.core.internal.EventCursor(Objects.requireNonNull(at, "at").plusNanos(1), "~").encode();
    }

    public Optional<String> cursorValue() {
        return Optional.ofNullable(cursor);
    }
}
