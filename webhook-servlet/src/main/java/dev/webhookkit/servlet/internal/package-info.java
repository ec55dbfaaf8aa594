/** Implementation of the servlet integration; not for use outside webhookkit. */
package dev.webhookkit.servlet.internal;
