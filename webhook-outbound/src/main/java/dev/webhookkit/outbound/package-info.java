/** Outbound webhooks: subscriptions, the dispatcher, retry policy, SSRF guard and delivery log. */
package dev.webhookkit.outbound;
