/** Normalizes monitoring tools' webhooks into alerts: provider mappers, JSONPath context and filters, Mustache templates. */
package dev.webhookkit.mapping;
