/** Implementation details of webhook-redis: not for use outside this module. */
package dev.webhookkit.redis.internal;
