package dev.webhookkit.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.actions.internal.DefinitionReader;
import dev.webhookkit.actions.notify.NotifyTargets;
import dev.webhookkit.outbound.Subscription;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One endpoint's {@code actions}, read and checked by {@link ActionDefinitions#read}: ready to run,
 * to store again ({@link #toStored()}) and to show ({@link #toView()}). Immutable and thread-safe.
 */
public final class ActionPlan {
    /** A URL the plan sends to and the field that holds it ({@code [0].urls[1]}), for a host's SSRF check before storing. */
    public record Destination(String field, URI url) {
        public Destination {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(url, "url");
        }
    }

    private final String endpointName;
    private final ArrayNode stored;
    private final String storedText;
    private final List<DefinitionReader.Step> steps;
    private final List<Subscription> subscriptions;
    private final List<Destination> destinations;
    private final boolean needsDispatcher;

    ActionPlan(String endpointName, ArrayNode stored, List<DefinitionReader.Step> steps, List<Subscription> subscriptions,
            List<Destination> destinations, boolean needsDispatcher) {
        this.needsDispatcher = needsDispatcher;
        this.endpointName = endpointName;
        this.stored = stored;
        this.storedText = stored.toString();
        this.steps = List.copyOf(steps);
        this.subscriptions = List.copyOf(subscriptions);
        this.destinations = List.copyOf(destinations);
    }

    /** The endpoint the plan belongs to: its targets' subscription ids are in that endpoint's namespace. */
    public String endpointName() {
        return endpointName;
    }

    /** Whether there is no action (an empty list). */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The number of top-level actions. */
    public int size() {
        return steps.size();
    }

    /**
     * The normalized definitions with every default filled in, <em>secrets and target URLs
     * included</em>: what a registry stores and {@link ActionDefinitions#read} reads back. Never
     * answer it over an API. A fresh copy.
     */
    public ArrayNode toStored() {
        return stored.deepCopy();
    }

    /**
     * What an API shows: the stored form without secrets — a forward's {@code secret} becomes
     * {@code "secretSet": true}, a notify's {@code url} (a chat webhook URL is its own credential)
     * becomes {@code "target": "https://hooks.slack.com/…"}, its {@code headers} become
     * {@code headerNames}.
     */
    public ArrayNode toView() {
        ArrayNode view = stored.deepCopy();
        view.forEach(ActionPlan::redact);
        return view;
    }

    private static void redact(JsonNode node) {
        if (!(node instanceof ObjectNode action)) {
            return;
        }
        String type = action.path("type").asText();
        if (type.equals("forward") && action.has("secret")) {
            action.remove("secret");
            action.put("secretSet", true);
        }
        if (type.equals("notify") && action.has("url")) {
            String target = NotifyTargets.redact(URI.create(action.remove("url").asText()));
            action.put("target", target);
            JsonNode headers = action.remove("headers");
            ArrayNode names = action.putArray("headerNames");
            if (headers != null) {
                headers.fieldNames().forEachRemaining(names::add);
            }
        }
        for (JsonNode rule : action.path("rules")) {
            rule.path("then").forEach(ActionPlan::redact);
        }
        action.path("default").forEach(ActionPlan::redact);
    }

    /** The dispatcher subscriptions the plan registers when it is first run (ids {@code act.<endpoint>.<n>}). */
    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    /** Every URL the plan sends to. */
    public List<Destination> destinations() {
        return destinations;
    }

    boolean needsDispatcher() {
        return needsDispatcher;
    }

    List<DefinitionReader.Step> steps() {
        return steps;
    }

    String storedText() {
        return storedText;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionPlan p && p.endpointName.equals(endpointName) && p.storedText.equals(storedText);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpointName, storedText);
    }

    /** Names the actions by type, never a URL or a secret. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ActionPlan[").append(endpointName).append(":");
        stored.forEach(a -> s.append(' ').append(a.path("type").asText()).append('(').append(a.path("name").asText(a.path("task").asText()))
                .append(')'));
        return s.append(']').toString();
    }

}
