package dev.webhookkit.actions.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.ConfigurationException;
import java.util.Objects;

/**
 * Renders a {@link Notification} into one target's native JSON body. The built-in formats escape
 * the notification's text and title for their own markup (so an alert cannot ping a channel or
 * inject formatting), choose a colour and an emoji from its severity and status, and keep every
 * field within the target's documented limit by cutting text (never inside an escape sequence).
 *
 * <p>Implementations must be thread-safe; the built-in ones are immutable. A host adds a target by
 * implementing {@link #render} (and naming it with {@link #id}).
 */
@FunctionalInterface
public interface NotifyFormat {

    /** The JSON body to POST to the target. */
    JsonNode render(Notification notification);

    /** A short name for messages and the delivery log ({@code slack}, {@code teams} …). */
    default String id() {
        return "custom";
    }

    /**
     * A Slack incoming webhook: {@code text} (the notification fallback), a {@code header} and a
     * plain-text {@code section} block (at most 150 and 3,000 characters), and one attachment
     * whose {@code color} bar carries the severity, with a context block of severity, status and link.
     */
    static NotifyFormat slack() {
        return SlackFormat.INSTANCE;
    }

    /**
     * A Microsoft Teams workflow ("Post to a channel when a webhook request is received") or incoming
     * webhook: a {@code message} whose one attachment is an Adaptive Card 1.4 — a styled container
     * with the title, the text, a fact set of severity and status, and an {@code Action.OpenUrl}.
     */
    static NotifyFormat teams() {
        return TeamsFormat.INSTANCE;
    }

    /**
     * Webex's create-message API ({@code POST https://webexapis.com/v1/messages}) to a space:
     * {@code roomId}, {@code markdown} and a plain {@code text}, each at most 7,439 bytes. The
     * subscription carries the bot's {@code Authorization: Bearer …} header.
     */
    static NotifyFormat webexRoom(String roomId) {
        return new WebexFormat("roomId", requireText(roomId, "roomId"));
    }

    /** As {@link #webexRoom}, as a 1:1 message to a person ({@code toPersonEmail}). */
    static NotifyFormat webexPerson(String email) {
        requireText(email, "toPersonEmail");
        if (email.indexOf('@') <= 0) {
            throw new ConfigurationException("toPersonEmail must be an email address but was '" + email + "'");
        }
        return new WebexFormat("toPersonEmail", email);
    }

    /**
     * A Discord execute-webhook body: {@code content} (at most 2,000 characters), one embed with
     * title, description, colour, link and severity/status fields (within Discord's embed limits), and
     * {@code allowed_mentions} with an empty {@code parse}, so nothing in it pings anyone.
     */
    static NotifyFormat discord() {
        return DiscordFormat.INSTANCE;
    }

    /** Telegram Bot API {@code sendMessage} with {@code parse_mode} MarkdownV2. */
    static NotifyFormat telegram(String chatId) {
        return telegram(chatId, TelegramParseMode.MARKDOWN_V2);
    }

    /**
     * Telegram Bot API {@code sendMessage} ({@code POST https://api.telegram.org/bot<token>/sendMessage}):
     * {@code chat_id}, {@code text} (at most 4,096 characters) escaped for the parse mode, and
     * link previews off.
     *
     * @param chatId a numeric chat id or {@code @channelusername}
     */
    static NotifyFormat telegram(String chatId, TelegramParseMode parseMode) {
        return new TelegramFormat(requireText(chatId, "chat_id"), Objects.requireNonNull(parseMode, "parseMode"));
    }

    /**
     * A generic JSON target: {@code title, text, severity, status, color, emoji, link, eventId,
     * endpoint, eventType}; absent values are left out. Nothing is escaped: it is JSON, not markup.
     */
    static NotifyFormat json() {
        return JsonFormat.INSTANCE;
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new ConfigurationException(name + " must not be blank");
        }
        return value;
    }
}
