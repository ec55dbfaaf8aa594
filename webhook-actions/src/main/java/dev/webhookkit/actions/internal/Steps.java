package dev.webhookkit.actions.internal;

import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.EventHandler;
import java.time.Duration;
import java.util.List;

/**
 * Runs one step of a composition and keeps its outcomes: an action's own, or — for a plain
 * handler, which reports none — one for the step as a whole. A step that throws is a failed
 * outcome, not a failed event: the other steps still run.
 */
public final class Steps {
    private Steps() {
    }

    /** Runs {@code handler} as step {@code name}, adds its outcomes to {@code outcomes}, returns its response (empty when it failed). */
    public static HandlerResponse run(String name, EventHandler handler, WebhookEvent event, List<ActionOutcome> outcomes) {
        long start = System.nanoTime();
        HandlerResponse response;
        try {
            response = handler.handle(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcomes.add(ActionOutcome.failed(name, "interrupted", since(start)));
            return HandlerResponse.empty();
        } catch (Exception e) {
            outcomes.add(ActionOutcome.failed(name, describe(e), since(start)));
            return HandlerResponse.empty();
        }
        if (response == null) {
            response = HandlerResponse.empty();
        }
        if (response.actions().isEmpty()) {
            outcomes.add(ActionOutcome.ok(name, response.isEmpty() ? "" : "answered " + response.body().length + " bytes", since(start)));
        } else {
            outcomes.addAll(response.actions());
        }
        return response;
    }

    /** Time since {@code startNanos}. */
    public static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The exception's simple class name and first line, for an outcome's detail. */
    public static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
