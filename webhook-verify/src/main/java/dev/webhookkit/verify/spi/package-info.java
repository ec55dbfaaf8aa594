/**
 * Interfaces a host implements to plug into webhook-verify: schemes of its own
 * ({@link dev.webhookkit.verify.spi.SchemeProvider}, found with {@code ServiceLoader}) and where
 * SNS signing certificates come from.
 */
package dev.webhookkit.verify.spi;
