/** The public API of webhookkit's core: requests, endpoints, the receiving pipeline and its results. */
package dev.webhookkit.core;
