package dev.webhookkit.actions;

import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.EventHandler;
import java.util.Objects;

/**
 * The handler of an endpoint whose actions are configuration ({@link ActionDefinitions}): it runs
 * the host's {@link #base()} handler (default {@link EventHandler#noop()}), then the
 * {@link #plan()}'s actions in order. It knows its plan, so a codec can store the endpoint again.
 *
 * <p>The actions are built at the first event — the targets' subscriptions registered, the
 * handlers composed — once per plan and endpoint (see {@link ActionDefinitions}), and then kept by
 * this handler: a request still in flight with an endpoint's earlier definition runs what was built
 * for it and does not register its targets again over the new ones. Until the host has a
 * dispatcher, forward and notify steps are {@code failed} outcomes rather than failed events.
 * Thread-safe.
 */
public final class ConfiguredActions implements EventHandler {
    private final ActionDefinitions definitions;
    private final ActionPlan plan;
    private final EventHandler base;
    /** base then the built actions, once they are built; null until then. */
    private volatile EventHandler chain;

    ConfiguredActions(ActionDefinitions definitions, ActionPlan plan, EventHandler base) {
        this.definitions = definitions;
        this.plan = plan;
        this.base = base;
    }

    /** The definitions these actions were built from. */
    public ActionPlan plan() {
        return plan;
    }

    /** The host's handler that runs before the actions. */
    public EventHandler base() {
        return base;
    }

    /** The same actions after another host handler. */
    public ConfiguredActions withBase(EventHandler base) {
        return new ConfiguredActions(definitions, plan, Objects.requireNonNull(base, "base"));
    }

    @Override
    public HandlerResponse handle(WebhookEvent event) throws Exception {
        EventHandler built = chain;
        if (built == null) {
            ActionDefinitions.Materialized m = definitions.materialize(plan);
            // The base first: a host handler that throws fails the event (the sender retries), as it would alone.
            built = EventHandler.chain(base, m.handler());
            if (m.kept()) {
                chain = built;
            }
        }
        return built.handle(event);
    }

    @Override
    public String toString() {
        return "ConfiguredActions[" + plan + "]";
    }
}
