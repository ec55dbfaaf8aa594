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
        switch (cp) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            default:
                return Character.toString(cp);
        }
    }

    /** HTML text and attribute escaping (Telegram's HTML parse mode). */
    static String html(int cp) {
        switch (cp) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            case '"':
                return "&quot;";
            default:
                return Character.toString(cp);
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
        if (cp == '@') {
            return "@\u200B";
        }
        return cp < 128 && MARKDOWN_SPECIALS.indexOf(cp) >= 0 ? "\\" + (char) cp : Character.toString(cp);
    }

    /** Adaptive Card TextBlock text (Teams): its Markdown subset's punctuation backslash-escaped. */
    static String adaptiveCard(int cp) {
        if (cp == '@') {
            return "@\u200B";
        }
        return cp < 128 && ADAPTIVE_CARD_SPECIALS.indexOf(cp) >= 0 ? "\\" + (char) cp : Character.toString(cp);
    }

    /**
     * Webex markdown: '<' and '>' become entities, so no {@code <@all>} or {@code <@personEmail:…>}
     * mention survives even as a substring, '&' too so that no entity is forged; other Markdown
     * punctuation is backslash-escaped.
     */
    static String webex(int cp) {
        switch (cp) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            default:
                return markdown(cp);
        }
    }
}
