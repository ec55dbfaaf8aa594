/**
 * Test helpers this module's tests share and webhook-cli's reuse through the test jar: scriptable
 * receivers, a store that can be told to fail, a stepped sleeper and {@code Poll}. The outbox
 * contract kits are in webhook-testing, whose own tests run them on the in-memory store (this
 * module's tests cannot depend on webhook-testing: it depends on this module).
 */
package dev.webhookkit.outbound.testing;
