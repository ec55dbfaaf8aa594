/** Micrometer meters, Observations and trace-context propagation for webhookkit: start at {@link dev.webhookkit.micrometer.WebhookMetrics}. */
package dev.webhookkit.micrometer;
