/** The admin API's router, routes and JSON plumbing; not for users. */
package dev.webhookkit.admin.internal;
