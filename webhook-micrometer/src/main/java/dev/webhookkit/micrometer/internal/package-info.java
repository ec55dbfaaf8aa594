/** Implementation of webhook-micrometer; not API. */
package dev.webhookkit.micrometer.internal;
