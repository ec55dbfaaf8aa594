/** Internals of the console: the asset catalogue. Not for users. */
package dev.webhookkit.console.internal;
