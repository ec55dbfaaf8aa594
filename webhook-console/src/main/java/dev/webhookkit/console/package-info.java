/** The embeddable web console: {@link dev.webhookkit.console.ConsoleServlet} serves it under any prefix. */
package dev.webhookkit.console;
