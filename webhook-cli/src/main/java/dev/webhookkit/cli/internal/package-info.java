/** The commands behind {@code webhook}; not a supported API. */
package dev.webhookkit.cli.internal;
