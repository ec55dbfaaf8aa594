/** Implementation details of webhook-core; not an API, may change in any release. */
package dev.webhookkit.core.internal;
