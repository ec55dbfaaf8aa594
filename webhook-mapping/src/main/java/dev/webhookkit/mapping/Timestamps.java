package dev.webhookkit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Optional;

/**
 * Lenient timestamp parsing for the many shapes senders use. Never throws: text that is none of the
 * shapes below gives an empty result.
 *
 * <ul>
 *   <li>ISO-8601 with {@code Z}, {@code +00:00}, {@code +0000} or {@code +00} offsets, {@code T} or a
 *       space between date and time, 0 to 9 fraction digits ({@code 2026-03-04T14:00:12.845+0000});</li>
 *   <li>the same followed by {@code UTC} or {@code GMT} ({@code 2016-08-12 15:23:28 UTC}, GitLab);</li>
 *   <li>no zone at all: read as UTC ({@code 2026-03-04 22:00:31.412}, Uptime Kuma; Pingdom);</li>
 *   <li>a date alone: midnight UTC;</li>
 *   <li>epoch numbers, as JSON numbers or digit strings, with the unit picked by magnitude: below
 *       10<sup>11</sup> seconds (fractions allowed), below 10<sup>14</sup> milliseconds, below
 *       10<sup>17</sup> microseconds, else nanoseconds;</li>
 *   <li>{@code java.util.Date#toString()} text ({@code Wed Mar 04 17:02:11 UTC 2026}, AppDynamics) and
 *       RFC 1123 ({@code Tue, 3 Jun 2008 11:05:30 GMT}).</li>
 * </ul>
 *
 * <p>Go's zero time {@code 0001-01-01T00:00:00Z} (Alertmanager's "not ended") parses as year 1;
 * callers that mean "absent" check for it. Thread-safe.
 */
public final class Timestamps {
    private static final double SECONDS_LIMIT = 1e11;
    private static final double MILLIS_LIMIT = 1e14;
    private static final double MICROS_LIMIT = 1e17;
    /** ZoneOffset's bound, +/-18:00. */
    private static final int MAX_OFFSET_SECONDS = 18 * 3_600;
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    /** Date, 'T', time with optional seconds and fraction, then an optional offset in one of three spellings. */
    private static final DateTimeFormatter ISO_LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter DATE_TO_STRING =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz uuuu", Locale.ENGLISH);

    private Timestamps() {
    }

    /** Parses a JSON value: a number (epoch, unit by magnitude) or text; anything else is empty. */
    public static Optional<Instant> parse(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            try {
                return fromEpoch(node.decimalValue());
            } catch (DateTimeException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        if (node.isTextual()) {
            return parse(node.asText());
        }
        return Optional.empty();
    }

    /** Parses text in any of the shapes in the class description; empty for anything else, and for null. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (looksNumeric(s)) {
                return fromEpoch(new BigDecimal(s));
            }
            if (s.length() >= 10 && Character.isDigit(s.charAt(0)) && s.charAt(4) == '-') {
                Instant fast = fastIso(s);
                return fast != null ? Optional.of(fast) : isoLike(s);
            }
            if (Character.isLetter(s.charAt(0))) {
                return named(s);
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            // not one of the shapes we know: absent, never an error
        }
        return Optional.empty();
    }

    private static boolean looksNumeric(String s) {
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        boolean dot = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Optional<Instant> fromEpoch(BigDecimal value) {
        double magnitude = Math.abs(value.doubleValue());
        BigDecimal nanos;
        if (magnitude < SECONDS_LIMIT) {
            nanos = value.movePointRight(9);
        } else if (magnitude < MILLIS_LIMIT) {
            nanos = value.movePointRight(6);
        } else if (magnitude < MICROS_LIMIT) {
            nanos = value.movePointRight(3);
        } else {
            nanos = value;
        }
        BigInteger[] secondsAndNanos = nanos.toBigInteger().divideAndRemainder(BILLION);
        return Optional.of(Instant.ofEpochSecond(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact()));
    }

    /**
     * The shape nearly every sender uses, {@code 2026-03-04T09:12:41.371Z} (or with a {@code +hh:mm}
     * offset), read without a formatter: the formatter costs a microsecond per call on a hot path.
     * Null for anything else, which then goes through the lenient formatter.
     */
    private static Instant fastIso(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return null;
            }
            nanos = digits(s, start, i);
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, i + 3);
            int om = digits(s, i + 4, i + 6);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        // the same checks as LocalDateTime.of (month 13, day 32 … throw and are caught by parse),
        // without building the date-time and looking the offset up
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        ChronoField.HOUR_OF_DAY.checkValidValue(hour);
        ChronoField.MINUTE_OF_HOUR.checkValidValue(minute);
        ChronoField.SECOND_OF_MINUTE.checkValidValue(second);
        if (Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS) {
            throw new DateTimeException("offset out of range: " + s);
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The decimal value of s[from, to), or -1 when a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Optional<Instant> isoLike(String s) {
        String t = s;
        // "2016-08-12 15:23:28 UTC" and friends: a trailing zone name that means UTC
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.endsWith("UTC") || upper.endsWith("GMT")) {
            t = t.substring(0, t.length() - 3).trim() + "Z";
        }
        if (t.length() == 10) {
            return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        if (t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        // "+00:00 " or " +0000" style separators between time and offset
        t = t.replace(" +", "+").replace(" -", "-").replace(" Z", "Z");
        TemporalAccessor parsed = ISO_LENIENT.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return Optional.of(odt.toInstant());
        }
        return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
    }

    private static Optional<Instant> named(String s) {
        if (s.indexOf(',') > 0) {
            return Optional.of(ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        }
        return Optional.of(ZonedDateTime.parse(s, DATE_TO_STRING).toInstant());
    }
}
