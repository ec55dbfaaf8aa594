/**
 * What a host application may plug into the outbound dispatcher: the outbox ({@link
 * dev.webhookkit.outbound.spi.DeliveryStore}, made of {@link dev.webhookkit.outbound.spi.DeliveryQueue},
 * {@link dev.webhookkit.outbound.spi.AttemptLog}, {@link dev.webhookkit.outbound.spi.DeliveryQueries} and
 * {@link dev.webhookkit.outbound.spi.DeliveryRetention}), the envelope and host resolution.
 */
package dev.webhookkit.outbound.spi;
