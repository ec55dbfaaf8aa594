/** Interfaces a host application or another webhookkit module implements; each has one job and a built-in default. */
package dev.webhookkit.core.spi;
