/**
 * The notify action: a {@link dev.webhookkit.actions.notify.NotifyFormat} renders an event's
 * {@link dev.webhookkit.actions.notify.Notification} into a chat platform's own JSON body (Slack,
 * Microsoft Teams, Webex, Discord, Telegram, or a generic JSON target) and
 * {@link dev.webhookkit.actions.notify.NotifyAction} delivers it through the dispatcher's outbox.
 */
package dev.webhookkit.actions.notify;
