/** What a host implements for the admin API: who may do what ({@link dev.webhookkit.admin.spi.AdminAuthorizer}). */
package dev.webhookkit.admin.spi;
