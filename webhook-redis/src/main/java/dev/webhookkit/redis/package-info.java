/** Deduplication and rate limits shared by every instance of a receiver, kept in Redis. */
package dev.webhookkit.redis;
