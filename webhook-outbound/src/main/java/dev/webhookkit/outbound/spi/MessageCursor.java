package dev.webhookkit.outbound.spi;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Page;
import dev.webhookkit.outbound.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A place in the outbox's paging order, (creation time, id): the key after which the next page of
 * {@link DeliveryQueries#messages} starts, and where a batch redelivery resumes. Its
 * {@link #encode() text form} is what callers see as an opaque cursor; stores decode it with
 * {@link #decode}, which refuses anything it did not produce.
 *
 * @param createdAt the message's creation time
 * @param id the message's id
 */
public record MessageCursor(Instant createdAt, String id) {
    /** Versioned, so that a later format can still refuse (or read) today's cursors. */
    private static final String PREFIX = "m1:";
    private static final int MAX_TEXT = 1024;

    /** The paging order, oldest first: by creation time, then id. {@link DeliveryQueries#messages} pages it reversed. */
    public static final Comparator<OutboundMessage> OLDEST_FIRST =
            Comparator.comparing(OutboundMessage::createdAt).thenComparing(OutboundMessage::id);

    public MessageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    /** The place of a message. */
    public static MessageCursor of(OutboundMessage message) {
        return new MessageCursor(message.createdAt(), message.id());
    }

    /** The opaque text form: URL-safe base64, no padding. */
    public String encode() {
        String place = createdAt.getEpochSecond() + "." + createdAt.getNano() + ":" + id;
        String plain = PREFIX + checksum(place) + ":" + place;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads {@link #encode()}'s answer.
     *
     * @throws ConfigurationException when {@code cursor} is not one (the message does not repeat it)
     */
    public static MessageCursor decode(String cursor) {
        Objects.requireNonNull(cursor, "cursor");
        if (cursor.length() > MAX_TEXT) {
            throw invalid();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        // PREFIX, the checksum of the rest, seconds "." nanos ":" id
        int sum = plain.indexOf(':', PREFIX.length());
        if (!plain.startsWith(PREFIX) || sum < 0 || !plain.substring(PREFIX.length(), sum).equals(checksum(plain.substring(sum + 1)))) {
            throw invalid();
        }
        String place = plain.substring(sum + 1);
        int dot = place.indexOf('.');
        int idStart = place.indexOf(':');
        if (dot < 0 || idStart < dot || idStart == place.length() - 1) {
            throw invalid();
        }
        try {
            long seconds = Long.parseLong(place.substring(0, dot));
            long nanos = Long.parseLong(place.substring(dot + 1, idStart));
            if (nanos < 0 || nanos > 999_999_999L) {
                throw invalid();
            }
            return new MessageCursor(Instant.ofEpochSecond(seconds, nanos), place.substring(idStart + 1));
        } catch (NumberFormatException | DateTimeException e) {
            throw invalid();
        }
    }

    /** Catches cursors changed by hand or cut short; not a secret, since a cursor only says where a page starts. */
    private static String checksum(String place) {
        CRC32 crc = new CRC32();
        crc.update(place.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static ConfigurationException invalid() {
        return new ConfigurationException("cursor is not a cursor of this message list: pass the 'next' of the previous page unchanged");
    }

    /**
     * The page of a query that read one message more than {@code limit}, newest first: the first
     * {@code limit}, and a cursor after the last of them when the extra one shows that more follow.
     */
    public static Page<OutboundMessage> page(List<OutboundMessage> newestFirst, int limit) {
        if (newestFirst.size() <= limit) {
            return Page.last(newestFirst);
        }
        List<OutboundMessage> items = newestFirst.subList(0, limit);
        return new Page<>(items, of(items.get(limit - 1)).encode());
    }

    /** Compares two places in (creation time, id) order. */
    public int compareTo(MessageCursor other) {
        int byTime = createdAt.compareTo(other.createdAt);
        return byTime != 0 ? byTime : id.compareTo(other.id);
    }

    /** Compares this place with a message's, in (creation time, id) order: negative when the message is later. */
    public int compareTo(OutboundMessage message) {
        int byTime = createdAt.compareTo(message.createdAt());
        return byTime != 0 ? byTime : id.compareTo(message.id());
    }
}
