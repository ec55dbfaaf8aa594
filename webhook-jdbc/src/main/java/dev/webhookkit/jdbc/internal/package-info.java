/** Implementation details of webhook-jdbc: not for use outside this module. */
package dev.webhookkit.jdbc.internal;
