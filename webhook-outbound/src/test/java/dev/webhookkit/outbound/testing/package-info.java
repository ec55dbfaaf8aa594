/** Test kits other modules reuse through webhook-outbound's test jar: the DeliveryStore contract and a hand-moved clock. */
package dev.webhookkit.outbound.testing;
