package dev.webhookkit.actions.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.actions.notify.Budget.Measure;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Telegram Bot API {@code sendMessage}. The text is escaped for the parse mode (MarkdownV2: a
 * backslash before each of the characters its documentation lists; HTML: entities) and the whole
 * message is kept within 4,096 characters, counted on the escaped text, which is never shorter
 * than what Telegram counts after parsing.
 */
final class TelegramFormat implements NotifyFormat {
    static final int TEXT_MAX = 4096;
    static final int TITLE_MAX = 512;
    private static final Pattern NUMERIC_CHAT = Pattern.compile("-?\\d{1,20}");

    private final String chatId;
    private final TelegramParseMode mode;

    TelegramFormat(String chatId, TelegramParseMode mode) {
        this.chatId = chatId;
        this.mode = mode;
    }

    @Override
    public String id() {
        return "telegram";
    }

    @Override
    public JsonNode render(Notification n) {
        Tone tone = Tone.of(n);
        IntFunction<String> escape = mode == TelegramParseMode.HTML ? Escapes::html : Escapes::telegramMarkdownV2;
        String title = Budget.escape(Tone.tag(n) + ": " + n.title(), TITLE_MAX, Measure.CHARS, escape);
        String head = tone.emoji() + " " + (mode == TelegramParseMode.HTML ? "<b>" + title + "</b>" : "*" + title + "*");
        String tail = n.link().map(link -> mode == TelegramParseMode.HTML
                ? "\n\n<a href=\"" + escapeAll(link.toASCIIString(), Escapes::html) + "\">Open</a>"
                : "\n\n[Open](" + escapeLinkTarget(Links.markdownTarget(link)) + ")").orElse("");
        if (head.length() + tail.length() > TEXT_MAX / 2) {
            tail = ""; // a link of (mostly) parentheses, percent-encoded: the message matters more than the link
        }
        String text = head;
        if (!n.text().isBlank()) {
            int room = TEXT_MAX - head.length() - 2 - tail.length();
            text += "\n\n" + Budget.escape(n.text(), room, Measure.CHARS, escape);
        }
        text += tail;

        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (NUMERIC_CHAT.matcher(chatId).matches()) {
            root.put("chat_id", Long.parseLong(chatId));
        } else {
            root.put("chat_id", chatId);
        }
        root.put("text", text);
        root.put("parse_mode", mode.wireName());
        root.putObject("link_preview_options").put("is_disabled", true);
        return root;
    }

    /** Inside the (…) of a MarkdownV2 link only ')' and '\' are escaped; the target has neither, this is the rule anyway. */
    private static String escapeLinkTarget(String target) {
        return target.replace("\\", "\\\\").replace(")", "\\)");
    }

    private static String escapeAll(String s, IntFunction<String> escape) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.append(escape.apply(cp)));
        return b.toString();
    }

    @Override
    public String toString() {
        return "TelegramFormat[" + mode.wireName() + "]";
    }
}
