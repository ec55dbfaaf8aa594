/** The starter's wiring; not public API. */
package dev.webhookkit.spring.internal;
