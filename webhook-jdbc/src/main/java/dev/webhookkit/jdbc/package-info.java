/** Durable webhookkit stores on any JDBC {@code DataSource}: the outbound outbox and the inbound event log. */
package dev.webhookkit.jdbc;
