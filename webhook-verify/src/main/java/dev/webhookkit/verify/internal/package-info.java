/** Implementations of the signature schemes; not part of the API, may change in any release. */
package dev.webhookkit.verify.internal;
