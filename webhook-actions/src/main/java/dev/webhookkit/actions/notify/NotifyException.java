package dev.webhookkit.actions.notify;

import dev.webhookkit.core.WebhookException;

/**
 * A notification could not be handed to the dispatcher (no such subscription, the outbox is full,
 * the dispatcher is closed …). Its message names the subscription and the format, never the
 * target's URL: Slack, Teams and Discord webhook URLs and Telegram's bot URL carry their secret.
 */
public class NotifyException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public NotifyException(String message) {
        super(message);
    }
}
