package dev.webhookkit.actions.notify;

import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * Escapes text for a format and keeps it within the format's length limit. The text is cut before
 * it is escaped, one code point at a time, so an escape sequence ({@code &amp;lt;}, {@code \_}) and a
 * surrogate pair are never split; a cut text ends with {@link #ELLIPSIS}.
 */
final class Budget {
    /** Marks a cut text; no format gives it a meaning. */
    static final String ELLIPSIS = "\u2026";

    /** How a format counts its limit. */
    enum Measure {
        /** UTF-16 units: at least the code points Slack, Discord and Telegram count, so never over. */
        CHARS,
        /** UTF-8 bytes (Webex's 7439-byte message). */
        UTF8_BYTES;

        int of(String s) {
            return this == CHARS ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private Budget() {
    }

    /**
     * {@code raw} escaped with {@code escape} (code point → its escaped text), at most {@code max}
     * long by {@code measure}.
     */
    static String escape(String raw, int max, Measure measure, IntFunction<String> escape) {
        StringBuilder all = new StringBuilder(raw.length() + 16);
        raw.codePoints().forEach(cp -> all.append(escape.apply(cp)));
        String full = all.toString();
        if (measure.of(full) <= max) {
            return full;
        }
        int room = max - measure.of(ELLIPSIS);
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            String piece = escape.apply(cp);
            int cost = measure.of(piece);
            if (used + cost > room) {
                break;
            }
            out.append(piece);
            used += cost;
            i += Character.charCount(cp);
        }
        return out.append(ELLIPSIS).toString();
    }

    /** As {@link #escape} with no escaping: a plain text cut to {@code max}. */
    static String plain(String raw, int max, Measure measure) {
        return escape(raw, max, measure, Character::toString);
    }
}
