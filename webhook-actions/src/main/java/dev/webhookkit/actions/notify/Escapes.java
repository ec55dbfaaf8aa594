package dev.webhookkit.actions.notify;

/**
 * Per-format escaping of one code point of untrusted text (alert titles and descriptions come from
 * whoever sent the webhook): after it, the text shows literally and cannot mention, ping or format.
 */
final class Escapes {
    /** ASCII punctuation CommonMark lets a backslash escape, and that Markdown dialects give a meaning. */
    private static final String MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~";
    /** The punctuation of the small Markdown subset Adaptive Cards render (emphasis, links, lists), '<' and '\\'. */
    private static final String ADAPTIVE_CARD_SPECIALS = "\\`*_[]()<>#-.~";
    /** What Telegram's MarkdownV2 requires escaped outside code and links (its documentation's list), and '\' itself. */
    private static final String TELEGRAM_MARKDOWN_V2 = "_*[]()~`>#+-=|{}.!\\";

    private Escapes() {
    }

    /** Slack's three control characters become entities, the only escaping Slack has. */
    static String slack(int cp) {
        String entity = entity(cp);
        return entity != null ? entity : Character.toString(cp);
    }

    /** HTML text and attribute escaping (Telegram's HTML parse mode). */
    static String html(int cp) {
        if (cp == '"') {
            return "&quot;";
        }
        return slack(cp);
    }

    /** The entity of '&', '<' or '>'; null for any other code point. */
    private static String entity(int cp) {
        switch (cp) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            default:
                return null;
        }
    }

    static String telegramMarkdownV2(int cp) {
        return cp < 128 && TELEGRAM_MARKDOWN_V2.indexOf(cp) >= 0 ? "\\" + (char) cp : Character.toString(cp);
    }

    /**
     * Backslash before Markdown punctuation (Teams' Adaptive Card text, Discord). An '@' is followed
     * by a zero-width space, so {@code @everyone} and {@code @here} read as text even where a client
     * parses them (Discord's {@code allowed_mentions} also stops the ping).
     */
    static String markdown(int cp) {
        return backslashed(cp, MARKDOWN_SPECIALS);
    }

    /** Adaptive Card TextBlock text (Teams): its Markdown subset's punctuation backslash-escaped. */
    static String adaptiveCard(int cp) {
        return backslashed(cp, ADAPTIVE_CARD_SPECIALS);
    }

    /** A backslash before the ASCII {@code specials}; '@' defused with a zero-width space after it. */
    private static String backslashed(int cp, String specials) {
        if (cp == '@') {
            return "@\u200B";
        }
        return cp < 128 && specials.indexOf(cp) >= 0 ? "\\" + (char) cp : Character.toString(cp);
    }

    /**
     * Webex markdown: '<' and '>' become entities, so no {@code <@all>} or {@code <@personEmail:…>}
     * mention survives even as a substring, '&' too so that no entity is forged; other Markdown
     * punctuation is backslash-escaped.
     */
    static String webex(int cp) {
        String entity = entity(cp);
        return entity != null ? entity : markdown(cp);
    }
}
