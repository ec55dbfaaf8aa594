package dev.webhookkit.actions;

import dev.webhookkit.actions.internal.Names;
import dev.webhookkit.actions.internal.Steps;
import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.EventHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A routing table: routes of a {@link Match} and the names of the handlers it leads to, tested in
 * order; the handlers of the first matching route run ({@link Mode#FIRST_MATCH}, the default) or
 * those of every matching one ({@link Mode#ALL_MATCHES}, each handler at most once per event, in
 * the order first named), else the default's. GNETiX's "assign to an agent" and Moxxy's
 * {@code agent} are routes on {@link Match#agent}.
 *
 * <pre>{@code
 * EventHandler triage = Actions.route("triage")
 *         .handler("db-team", forwardToDb)
 *         .handler("pager", notifyPager)
 *         .handler("chat", notifyChat)
 *         .when("critical-db", Match.severity(Severity.CRITICAL).and(Match.label("team", "db")), "pager", "db-team")
 *         .when("agent", Match.agent("db-*"), "db-team")
 *         .otherwise("chat")
 *         .build();
 * }</pre>
 *
 * <p>Handler names are resolved in {@link Builder#build()}: a route naming a handler that was not
 * given fails there, not at the first event. The outcome (the route's name and the handlers it
 * chose, or {@code skipped} when nothing matched and there is no default) comes first in the
 * event log, then each handler's own; a handler that throws is a failed outcome and the others
 * still run. The response is the last non-empty one of the handlers run. Immutable and thread-safe.
 */
public final class RouteAction implements EventHandler {
    /** The field an agent is read from: the context value of that name, else the payload's top-level field. */
    public static final String AGENT_FIELD = "agent";

    /** Which routes' handlers run. */
    public enum Mode {
        /** Only the first matching route's (the default). */
        FIRST_MATCH,
        /** Every matching route's. */
        ALL_MATCHES
    }

    private record Route(String name, Match match, List<String> handlers) {
    }

    private final String name;
    private final List<Route> routes;
    private final List<String> defaults;
    private final Map<String, EventHandler> handlers;
    private final Mode mode;

    private RouteAction(Builder b) {
        this.name = b.name;
        this.routes = List.copyOf(b.routes);
        this.defaults = List.copyOf(b.defaults);
        this.handlers = Map.copyOf(b.handlers);
        this.mode = b.mode;
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    @Override
    public HandlerResponse handle(WebhookEvent event) {
        long start = System.nanoTime();
        List<String> matched = new ArrayList<>();
        Set<String> chosen = new LinkedHashSet<>();
        for (Route r : routes) {
            if (r.match().test(event)) {
                matched.add(r.name());
                chosen.addAll(r.handlers());
                if (mode == Mode.FIRST_MATCH) {
                    break;
                }
            }
        }
        String detail;
        if (!matched.isEmpty()) {
            detail = "route " + String.join(", ", matched) + " → " + String.join(", ", chosen);
        } else if (!defaults.isEmpty()) {
            chosen.addAll(defaults);
            detail = "no route matched; default → " + String.join(", ", chosen);
        } else {
            return HandlerResponse.empty().withActions(List.of(ActionOutcome.skipped(name, "no route matched and there is no default",
                    Steps.since(start))));
        }
        List<ActionOutcome> outcomes = new ArrayList<>();
        outcomes.add(ActionOutcome.ok(name, detail, Steps.since(start)));
        HandlerResponse last = HandlerResponse.empty();
        for (String h : chosen) {
            HandlerResponse r = Steps.run(h, handlers.get(h), event, outcomes);
            if (!r.isEmpty()) {
                last = r;
            }
        }
        return last.withActions(outcomes);
    }

    @Override
    public String toString() {
        return "RouteAction[" + name + ", " + mode + ", " + routes.size() + " routes, default " + defaults + "]";
    }

    /** Collects the table; {@link #build()} checks every handler name. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<Route> routes = new ArrayList<>();
        private final List<String> defaults = new ArrayList<>();
        private final Map<String, EventHandler> handlers = new LinkedHashMap<>();
        private Mode mode = Mode.FIRST_MATCH;

        private Builder(String name) {
            this.name = Names.check("route name", name);
        }

        /** A handler (an action, a composition, the host's own) that routes refer to by {@code handlerName}. */
        public Builder handler(String handlerName, EventHandler handler) {
            Names.check("handler name", handlerName);
            Objects.requireNonNull(handler, "handler");
            if (handlers.putIfAbsent(handlerName, handler) != null) {
                throw new ConfigurationException("route '" + name + "': handler '" + handlerName + "' is given twice");
            }
            return this;
        }

        /** A route: when {@code match} holds, run these handlers (by name). */
        public Builder when(String routeName, Match match, String... handlerNames) {
            Names.check("route name", routeName);
            Objects.requireNonNull(match, "match");
            if (handlerNames.length == 0) {
                throw new ConfigurationException("route '" + name + "': route '" + routeName + "' names no handler");
            }
            if (routes.stream().anyMatch(r -> r.name().equals(routeName))) {
                throw new ConfigurationException("route '" + name + "': route '" + routeName + "' is given twice");
            }
            routes.add(new Route(routeName, match, List.of(handlerNames)));
            return this;
        }

        /** A route named {@code route-<n>} (its place in the table, from 1). */
        public Builder when(Match match, String... handlerNames) {
            return when("route-" + (routes.size() + 1), match, handlerNames);
        }

        /** The handlers run when no route matches; without one such events are skipped. */
        public Builder otherwise(String... handlerNames) {
            defaults.clear();
            defaults.addAll(List.of(handlerNames));
            return this;
        }

        /** {@link Mode#FIRST_MATCH} (default) or {@link Mode#ALL_MATCHES}. */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder firstMatch() {
            return mode(Mode.FIRST_MATCH);
        }

        public Builder allMatches() {
            return mode(Mode.ALL_MATCHES);
        }

        /**
         * @throws ConfigurationException when there is no route and no default, or a route or the
         *     default names a handler not given (naming both)
         */
        public RouteAction build() {
            if (routes.isEmpty() && defaults.isEmpty()) {
                throw new ConfigurationException("route '" + name + "': the table has no route and no default");
            }
            for (Route r : routes) {
                for (String h : r.handlers()) {
                    requireHandler("route '" + r.name() + "'", h);
                }
            }
            for (String h : defaults) {
                requireHandler("the default", h);
            }
            return new RouteAction(this);
        }

        private void requireHandler(String where, String handlerName) {
            if (!handlers.containsKey(handlerName)) {
                throw new ConfigurationException("route '" + name + "': " + where + " names handler '" + handlerName
                        + "', which was not given (given: " + handlers.keySet() + ")");
            }
        }
    }
}
