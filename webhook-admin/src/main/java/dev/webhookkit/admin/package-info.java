/** The admin API: a JSON-over-HTTP management surface for endpoints, events, subscriptions and messages. */
package dev.webhookkit.admin;
