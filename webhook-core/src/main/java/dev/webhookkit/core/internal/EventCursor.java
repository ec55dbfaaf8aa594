package dev.webhookkit.core.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventRecord;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Objects;

/**
 * A position in the event history's order — newest first by {@link EventRecord#receivedAt()}, then
 * by event id, highest first — as the opaque cursor every event log hands out: base64url of
 * {@code e1:<epoch seconds>:<nanos>:<event id>}. A page continues strictly after its cursor, so
 * records with equal times are neither repeated nor skipped.
 *
 * @param receivedAt the last record's arrival
 * @param eventId the last record's id
 */
public record EventCursor(Instant receivedAt, String eventId) {
    /** Newest first, ties broken by the event id's code units, highest first (SQL: {@code COLLATE "C" DESC}). */
    public static final Comparator<EventRecord> NEWEST_FIRST = Comparator.comparing(EventRecord::receivedAt)
            .thenComparing(EventRecord::eventId).reversed();

    private static final String TAG = "e1:";
    /** Far above any cursor handed out (event ids are at most 255 characters); longer input is not decoded. */
    private static final int MAX_CURSOR_CHARS = 1024;

    public EventCursor {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(eventId, "eventId");
    }

    /** The cursor that continues after {@code last}. */
    public static String after(EventRecord last) {
        return new EventCursor(last.receivedAt(), last.eventId()).encode();
    }

    public String encode() {
        String text = TAG + receivedAt.getEpochSecond() + ":" + receivedAt.getNano() + ":" + eventId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ConfigurationException when {@code cursor} is not one an event log handed out (its
     *     content is not repeated in the message)
     */
    public static EventCursor decode(String cursor) {
        Objects.requireNonNull(cursor, "cursor");
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_CHARS) {
            throw invalid();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!text.startsWith(TAG)) {
            throw invalid();
        }
        String[] parts = text.substring(TAG.length()).split(":", 3);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw invalid();
        }
        try {
            long seconds = Long.parseLong(parts[0]);
            int nanos = Integer.parseInt(parts[1]);
            if (nanos < 0 || nanos > 999_999_999) {
                throw invalid();
            }
            return new EventCursor(Instant.ofEpochSecond(seconds, nanos), parts[2]);
        } catch (NumberFormatException | DateTimeException e) {
            throw invalid();
        }
    }

    /** True when {@code record} comes after this position in {@link #NEWEST_FIRST} order. */
    public boolean precedes(EventRecord record) {
        int byTime = record.receivedAt().compareTo(receivedAt);
        return byTime < 0 || (byTime == 0 && record.eventId().compareTo(eventId) < 0);
    }

    private static ConfigurationException invalid() {
        return new ConfigurationException("cursor is not one this event log handed out: "
                + "pass the 'next' of the previous page unchanged, or no cursor for the first page");
    }
}
