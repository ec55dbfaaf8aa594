/** Runnable examples of webhookkit: a receiver on Jetty, a sender, a third-party verifier and the README's demo. */
package dev.webhookkit.examples;
