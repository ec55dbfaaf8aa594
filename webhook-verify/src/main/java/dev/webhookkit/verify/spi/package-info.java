/** Interfaces a host implements to plug into webhook-verify, such as where SNS signing certificates come from. */
package dev.webhookkit.verify.spi;
