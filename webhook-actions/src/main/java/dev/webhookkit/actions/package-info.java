/** Configured actions for received events — forward, route, run and their composition — built as {@code EventHandler}s. */
package dev.webhookkit.actions;
