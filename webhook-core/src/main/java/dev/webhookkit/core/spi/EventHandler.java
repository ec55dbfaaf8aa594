package dev.webhookkit.core.spi;

import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookEvent;
import java.util.function.Consumer;

/**
 * The host application's code for an event. In sync mode it runs on the request's thread and its
 * response is sent back in the HTTP body; in async mode it runs on the receiver's executor after
 * the sender got 202. If it throws, the event is recorded as HANDLER_FAILED and (in sync mode)
 * answered 500 so the sender retries.
 *
 * <p>Must be thread-safe: events arrive concurrently.
 */
@FunctionalInterface
public interface EventHandler {

    HandlerResponse handle(WebhookEvent event) throws Exception;

    /** Does nothing and answers with an empty body. */
    static EventHandler noop() {
        return event -> HandlerResponse.empty();
    }

    /**
     * Runs several handlers in order (Octipus's actions: notify, forward, run a tool …). The response
     * is the last non-empty one, with the action outcomes of every handler in order; the first
     * handler that throws stops the chain and fails the event.
     */
    static EventHandler chain(EventHandler... handlers) {
        java.util.List<EventHandler> list = java.util.List.of(handlers);
        return event -> {
            HandlerResponse last = HandlerResponse.empty();
            java.util.List<dev.webhookkit.core.ActionOutcome> outcomes = new java.util.ArrayList<>();
            for (EventHandler h : list) {
                HandlerResponse r = h.handle(event);
                if (r != null) {
                    outcomes.addAll(r.actions());
                    if (!r.isEmpty()) {
                        last = r;
                    }
                }
            }
            return outcomes.isEmpty() ? last : last.withActions(outcomes);
        };
    }

    /** Wraps a consumer; the response body is empty. */
    static EventHandler of(Consumer<WebhookEvent> consumer) {
        return event -> {
            consumer.accept(event);
            return HandlerResponse.empty();
        };
    }
}
