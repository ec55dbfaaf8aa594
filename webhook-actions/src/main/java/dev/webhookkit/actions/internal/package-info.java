/** Implementation of webhook-actions; not for use by applications. */
package dev.webhookkit.actions.internal;
