package dev.webhookkit.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.webhookkit.actions.internal.DefinitionReader;
import dev.webhookkit.actions.internal.Steps;
import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.TemplateRenderer;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Actions as configuration: reads an endpoint's {@code actions} JSON list — the same actions as the
 * Java builders — into an {@link ActionPlan}, and turns a plan into the endpoint's handler
 * ({@link ConfiguredActions}), given the host's dispatcher and tasks. The admin codec
 * ({@code EndpointJson}) stores the definitions; this class owns their schema.
 *
 * <pre>{@code
 * [
 *   {"type": "forward", "urls": ["https://ops.example.com/hooks"], "scheme": "hmac-sha256", "secret": "…",
 *    "copyHeaders": ["X-GitHub-Event"], "maxHops": 3},
 *   {"type": "notify", "format": "slack", "url": "https://hooks.slack.com/services/…", "template": "{{alert.title}}"},
 *   {"type": "route", "mode": "first",
 *    "rules": [{"when": {"eventType": "incident.*", "severity": "critical"}, "then": [{"task": "page"}]}],
 *    "default": [{"type": "run", "task": "ticket"}]}
 * ]
 * }</pre>
 *
 * <p>The list runs in order like {@link Actions#sequence}. {@code forward} and {@code notify}
 * targets given by URL become dispatcher subscriptions {@code act.<endpoint>.<n>} (registered —
 * put — when the plan first runs, with the endpoint's tenant, the forward's scheme and secret or
 * unsigned for chat targets; event filter {@value ForwardAction#OWN_EVENTS_ONLY}, so published events
 * never reach them), so every message has the dispatcher's outbox, retries, delivery log and
 * <b>SSRF guard before every attempt</b>. {@link ActionPlan#destinations()} lists the URLs for a
 * host that checks them before storing (the admin API does, 422).
 *
 * <p><b>Caps.</b> Reading does bounded work whatever it is given: at most {@value #MAX_ACTIONS}
 * actions and {@value #MAX_RULES} rules in all, routes nested at most {@value #MAX_ROUTE_DEPTH}
 * deep, {@value #MAX_TARGETS} target URLs ({@value #MAX_FORWARD_URLS} per forward), and every
 * text within its own limit; counts are checked before the items are read. A refusal is an
 * {@link ActionDefinitionException} naming the field. Unknown fields are refused.
 *
 * <p>Immutable and thread-safe; it keeps the built handler of each endpoint's current plan, so a
 * plan is built (and its subscriptions put) once per endpoint and change, not per event.
 */
public final class ActionDefinitions {
    /** Actions of one endpoint in all, the actions inside routes included. */
    public static final int MAX_ACTIONS = 64;
    /** Route rules of one endpoint in all. */
    public static final int MAX_RULES = 64;
    /** How deep routes nest (a route in a rule of a route is depth 2). */
    public static final int MAX_ROUTE_DEPTH = 4;
    /** Target URLs of one endpoint's actions in all. */
    public static final int MAX_TARGETS = 16;
    /** URLs of one forward. */
    public static final int MAX_FORWARD_URLS = 8;
    /** Entries of a list of names ({@code copyHeaders}). */
    public static final int MAX_LIST_ENTRIES = 32;
    /** Headers of a notify target, and labels of a condition. */
    public static final int MAX_HEADERS = 16;
    public static final int MAX_LABELS = 16;
    /** The longest URL, secret or header value, template and JSONPath condition. */
    public static final int MAX_URL_CHARS = 2048;
    public static final int MAX_SECRET_CHARS = 4096;
    public static final int MAX_TEMPLATE_CHARS = 8192;
    public static final int MAX_JSON_PATH_CHARS = 512;
    /** The ids of the subscriptions a plan registers start with this. */
    public static final String SUBSCRIPTION_PREFIX = "act.";
    /** ... or, for an endpoint name too long to spell out, with this and a digest of the name. */
    public static final String HASHED_SUBSCRIPTION_PREFIX = "act:";

    /** Whether {@code id} is in the namespace of action targets (no client may create one there). */
    public static boolean isTargetId(String id) {
        return id.startsWith(SUBSCRIPTION_PREFIX) || id.startsWith(HASHED_SUBSCRIPTION_PREFIX);
    }

    private final Supplier<WebhookDispatcher> dispatcher;
    private final TaskRegistry tasks;
    private final TemplateRenderer renderer;
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    private record Built(String storedText, EventHandler handler) {
    }

    private ActionDefinitions(Builder b) {
        this.dispatcher = b.dispatcher;
        this.tasks = b.tasks;
        this.renderer = b.renderer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The tasks {@code run} may name. */
    public TaskRegistry tasks() {
        return tasks;
    }

    /**
     * Reads and checks one endpoint's {@code actions} list (null reads as empty).
     *
     * @param endpointName the endpoint's name: its targets' subscription ids are {@code act.<endpointName>.<n>}
     * @param tenant the endpoint's tenant, given to those subscriptions; null for none
     * @throws ActionDefinitionException naming the first field that cannot be used ({@code [0].urls[1]})
     */
    public ActionPlan read(JsonNode actions, String endpointName, String tenant) {
        Objects.requireNonNull(endpointName, "endpointName");
        DefinitionReader reader = new DefinitionReader(tasks, renderer, endpointName, tenant);
        ArrayNode stored = JsonNodeFactory.instance.arrayNode();
        List<DefinitionReader.Step> steps = reader.readList(actions, "", 0, stored);
        if (reader.needsDispatcher() && dispatcher == null) {
            throw new ActionDefinitionException("", "forward and notify need a dispatcher, and this host gave none");
        }
        return new ActionPlan(endpointName, stored, steps, reader.subscriptions(), reader.destinations(), reader.needsDispatcher());
    }

    /** The endpoint handler that runs {@code base} and then the plan. */
    public ConfiguredActions handler(ActionPlan plan, EventHandler base) {
        return new ConfiguredActions(this, Objects.requireNonNull(plan, "plan"), Objects.requireNonNull(base, "base"));
    }

    /** The built handler of {@code plan}, or empty with a failing handler when it cannot be built now. */
    Materialized materialize(ActionPlan plan) {
        Built current = built.get(plan.endpointName());
        if (current != null && current.storedText().equals(plan.storedText())) {
            return new Materialized(current.handler(), true);
        }
        WebhookDispatcher d = dispatcher == null ? null : dispatcher.get();
        if (d == null && plan.needsDispatcher()) {
            return new Materialized(failing("the host's dispatcher is not running yet"), false);
        }
        EventHandler handler;
        try {
            // Built outside the map: registering targets writes to the host's registry, which must not run under the map's lock.
            handler = build(plan, d);
        } catch (RuntimeException e) {
            // Not kept: the next event tries again (a registry that was down may be back).
            return new Materialized(failing("not built: " + Steps.describe(e)), false);
        }
        built.put(plan.endpointName(), new Built(plan.storedText(), handler));
        return new Materialized(handler, true);
    }

    /** A plan's handler; {@code kept} when it was built and may be reused for the plan's every event. */
    record Materialized(EventHandler handler, boolean kept) {
    }

    private static EventHandler build(ActionPlan plan, WebhookDispatcher d) {
        for (Subscription s : plan.subscriptions()) {
            d.subscriptions().put(s); // same ids on every build: a changed plan replaces its targets
        }
        List<EventHandler> handlers = new ArrayList<>(plan.steps().size());
        plan.steps().forEach(step -> handlers.add(step.build(d)));
        if (handlers.isEmpty()) {
            return EventHandler.noop();
        }
        return handlers.size() == 1 ? handlers.get(0) : Actions.sequence("actions", handlers.toArray(EventHandler[]::new));
    }

    private static EventHandler failing(String why) {
        return event -> HandlerResponse.empty().withActions(List.of(ActionOutcome.failed("actions", why, java.time.Duration.ZERO)));
    }

    @Override
    public String toString() {
        return "ActionDefinitions[tasks " + tasks.names() + (dispatcher == null ? ", no dispatcher" : "") + "]";
    }

    /** Settings; not thread-safe. */
    public static final class Builder {
        private Supplier<WebhookDispatcher> dispatcher;
        private TaskRegistry tasks = TaskRegistry.builder().build();
        private TemplateRenderer renderer = TemplateRenderer.simple();

        private Builder() {
        }

        /** The dispatcher forward and notify send through; without one, definitions with them are refused. */
        public Builder dispatcher(WebhookDispatcher dispatcher) {
            Objects.requireNonNull(dispatcher, "dispatcher");
            return dispatcher(() -> dispatcher);
        }

        /**
         * A dispatcher made later than the codec (a server builds its registries, which decode
         * endpoints, before the dispatcher that uses them): asked at each endpoint's first event;
         * while it answers null, forward and notify are {@code failed} outcomes.
         */
        public Builder dispatcher(Supplier<WebhookDispatcher> dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
            return this;
        }

        /** The tasks {@code run} and {@code {"task": …}} may name; default none. */
        public Builder tasks(TaskRegistry tasks) {
            this.tasks = Objects.requireNonNull(tasks, "tasks");
            return this;
        }

        /** Compiles notify templates; default {@link TemplateRenderer#simple()}. */
        public Builder templateRenderer(TemplateRenderer renderer) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        public ActionDefinitions build() {
            return new ActionDefinitions(this);
        }
    }
}
