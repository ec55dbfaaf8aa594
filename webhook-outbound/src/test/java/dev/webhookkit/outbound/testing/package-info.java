/**
 * Test kits other modules reuse through webhook-outbound's test jar: one contract per outbox part
 * (DeliveryQueueContractTest, AttemptLogContractTest, DeliveryQueriesContractTest,
 * DeliveryRetentionContractTest), DeliveryStoreContractTest for the promises across parts, and a
 * store that can be told to fail.
 */
package dev.webhookkit.outbound.testing;
