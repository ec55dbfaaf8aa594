package dev.webhookkit.actions;

import dev.webhookkit.actions.internal.Names;
import dev.webhookkit.actions.internal.Steps;
import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The built-in actions: handlers a user configures rather than writes. Each is an
 * {@link EventHandler} for an endpoint (or a route, or a sequence) and reports what it did as
 * {@link ActionOutcome}s, which the receiver keeps in the event's record
 * ({@code EventRecord.actions()}).
 *
 * <pre>{@code
 * EventHandler handler = Actions.route("triage")
 *         .handler("escalate", Actions.sequence("escalate", notifyPager, forwardToOps))
 *         .handler("ticket", Actions.run(tasks, "open-ticket"))
 *         .when(Match.severityAtLeast(Severity.ERROR), "escalate")
 *         .otherwise("ticket")
 *         .build();
 * }</pre>
 *
 * <p>Failures of one action are outcomes, not failed events: the event is answered as processed
 * and the other actions still run (so a sender's retry does not repeat the ones that worked).
 */
public final class Actions {
    private Actions() {
    }

    /** A forward through this dispatcher (see {@link ForwardAction}). */
    public static ForwardAction.Builder forward(WebhookDispatcher dispatcher) {
        return ForwardAction.builder(dispatcher);
    }

    /**
     * A notify action: renders each event in {@code format} for a chat target and queues it for the
     * dispatcher subscription {@code subscriptionId} (see {@link dev.webhookkit.actions.notify.NotifyAction}).
     */
    public static dev.webhookkit.actions.notify.NotifyAction.Builder notify(WebhookDispatcher dispatcher, String subscriptionId,
            dev.webhookkit.actions.notify.NotifyFormat format) {
        return dev.webhookkit.actions.notify.NotifyAction.builder(dispatcher, subscriptionId, format);
    }

    /** A routing table (see {@link RouteAction}). */
    public static RouteAction.Builder route(String name) {
        return RouteAction.builder(name);
    }

    /**
     * Runs the registry's task {@code taskName}; its outcome is named {@code run:<taskName>}.
     *
     * @throws ConfigurationException now, when the registry has no such task
     */
    public static EventHandler run(TaskRegistry tasks, String taskName) {
        Objects.requireNonNull(tasks, "tasks");
        Task task = tasks.require(Names.check("task name", taskName));
        String name = "run:" + taskName;
        return event -> {
            long start = System.nanoTime();
            HandlerResponse r;
            try {
                r = task.run(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return HandlerResponse.empty().withActions(List.of(ActionOutcome.failed(name, "interrupted", Steps.since(start))));
            } catch (Exception e) {
                return HandlerResponse.empty().withActions(List.of(ActionOutcome.failed(name, Steps.describe(e), Steps.since(start))));
            }
            HandlerResponse response = r == null ? HandlerResponse.empty() : r;
            String detail = response.isEmpty() ? "done" : "done, answered " + response.body().length + " bytes";
            return response.withActions(List.of(ActionOutcome.ok(name, detail, Steps.since(start))));
        };
    }

    /**
     * Runs the steps in order, each to its end even when an earlier one failed, and answers with
     * the last non-empty response; the outcomes are every step's in order (a plain handler, which
     * reports none, gets one named {@code <name>[<n>]}, n from 1).
     */
    public static EventHandler sequence(String name, EventHandler... steps) {
        Names.check("sequence name", name);
        List<EventHandler> list = List.of(steps);
        if (list.isEmpty()) {
            throw new ConfigurationException("sequence '" + name + "' has no step");
        }
        return event -> {
            List<ActionOutcome> outcomes = new ArrayList<>();
            HandlerResponse last = HandlerResponse.empty();
            for (int i = 0; i < list.size(); i++) {
                HandlerResponse r = Steps.run(name + "[" + (i + 1) + "]", list.get(i), event, outcomes);
                if (!r.isEmpty()) {
                    last = r;
                }
            }
            return last.withActions(outcomes);
        };
    }

    /** The host's own handler as an action named {@code name}: its result and failures are recorded under that name. */
    public static EventHandler named(String name, EventHandler handler) {
        Names.check("action name", name);
        Objects.requireNonNull(handler, "handler");
        return event -> {
            List<ActionOutcome> outcomes = new ArrayList<>(1);
            HandlerResponse r = Steps.run(name, handler, event, outcomes);
            return r.withActions(outcomes);
        };
    }
}
