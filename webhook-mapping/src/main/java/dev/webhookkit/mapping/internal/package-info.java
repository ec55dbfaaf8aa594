/** Implementation details of webhook-mapping (one class per provider mapper); not an API, may change in any release. */
package dev.webhookkit.mapping.internal;
