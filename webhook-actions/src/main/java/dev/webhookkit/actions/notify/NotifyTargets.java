package dev.webhookkit.actions.notify;

import dev.webhookkit.outbound.Subscription;
import java.net.URI;
import java.util.Objects;

/**
 * Registering a chat target as a dispatcher subscription. Slack, Teams and Discord webhook URLs
 * carry their own secret in the path (and Teams workflows in the query), Telegram's bot token is in
 * its path: the target signs nothing, so the subscription is {@link Subscription.Builder#unsigned()},
 * and nothing of this package ever shows more of such a URL than {@link #redact(URI)}.
 */
public final class NotifyTargets {
    private NotifyTargets() {
    }

    /**
     * An {@code unsigned()} subscription builder for a chat target's URL (add a Webex bot's
     * {@code Authorization} header, a timeout … before {@code build()}).
     */
    public static Subscription.Builder subscription(String id, String url) {
        return Subscription.builder(id, url).unsigned().description("notify target");
    }

    /** The Telegram Bot API {@code sendMessage} URL of a bot: it holds the bot token, treat it as a secret. */
    public static String telegramSendMessageUrl(String botToken) {
        Objects.requireNonNull(botToken, "botToken");
        if (!botToken.matches("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}")) {
            throw new dev.webhookkit.core.ConfigurationException("botToken must look like <digits>:<letters> (the value is not shown)");
        }
        return "https://api.telegram.org/bot" + botToken + "/sendMessage";
    }

    /** The URL with its path, query and user info replaced by "…": what may be logged of a target. */
    public static String redact(URI url) {
        Objects.requireNonNull(url, "url");
        String host = url.getHost() == null ? "?" : url.getHost();
        return (url.getScheme() == null ? "" : url.getScheme() + "://") + host + (url.getPort() >= 0 ? ":" + url.getPort() : "") + "/\u2026";
    }
}
