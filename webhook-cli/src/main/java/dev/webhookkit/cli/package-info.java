/** The {@code webhook} command line tool: verify, sign, map, send and listen for webhooks. */
package dev.webhookkit.cli;
