/** The dispatcher's implementation: workers, HTTP transport, health tracking, the in-memory outbox. Not for users; may change at any time. */
package dev.webhookkit.outbound.internal;
