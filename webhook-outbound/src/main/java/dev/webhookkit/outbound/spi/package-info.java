/** What a host application may plug into the outbound dispatcher: the envelope and host resolution. */
package dev.webhookkit.outbound.spi;
