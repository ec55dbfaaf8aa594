package dev.webhookkit.actions;

import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookEvent;

/**
 * A host-supplied piece of work an event can run by name (the Java form of Octipus's "execute a
 * tool"): registered in a {@link TaskRegistry}, run by {@link Actions#run}. It runs on the event's
 * thread (the request's in sync mode, so it may answer, e.g. Moxxy's sync response). What it
 * throws is recorded as the action's failure. Must be thread-safe.
 */
@FunctionalInterface
public interface Task {

    /** Does the work; the response is sent back in sync mode, {@link HandlerResponse#empty()} for none. */
    HandlerResponse run(WebhookEvent event) throws Exception;
}
