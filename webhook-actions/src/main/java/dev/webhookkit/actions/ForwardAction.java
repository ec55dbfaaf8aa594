package dev.webhookkit.actions;

import dev.webhookkit.actions.internal.CopiedHeaders;
import dev.webhookkit.actions.internal.Names;
import dev.webhookkit.actions.internal.Steps;
import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.verify.Schemes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Forwards a received event, its body byte for byte, to one or more URLs through a
 * {@link WebhookDispatcher} — so it inherits the outbox, retries, the SSRF guard and the delivery
 * log — re-signed with a chosen scheme and secret, with an allowlist of the original headers and
 * the hop count ({@link ForwardHops}).
 *
 * <pre>{@code
 * EventHandler forward = Actions.forward(dispatcher).name("to-ops")
 *         .to("https://ops.example.com/hooks").scheme("hmac-sha256").secret(opsSecret)
 *         .copyHeaders("X-GitHub-Event", "X-GitHub-Delivery")
 *         .build();
 * }</pre>
 *
 * <p>Targets are of two kinds: URLs given with {@link Builder#to}, for which {@link Builder#build()}
 * registers (puts) one subscription each in the dispatcher's registry, id
 * {@code forward.<name>.<n>}, signed as configured; and existing subscriptions named with
 * {@link Builder#toSubscription}, signed with their own scheme (they must exist at build time).
 * Registered ones have the event filter {@value #OWN_EVENTS_ONLY}, so published events do not reach them.
 *
 * <p>Per event and target one message is queued ({@link WebhookDispatcher#enqueue}); the outcome,
 * one {@link ActionOutcome} per target, says "queued msg_… to forward.ops.1" or why not (an event
 * that has passed the hop limit is not forwarded: {@code skipped}). Delivery happens later: its
 * attempts are in the dispatcher's log under that message id. Never throws for an event.
 * Immutable and thread-safe.
 */
public final class ForwardAction implements EventHandler {
    /** The event-type filter of the subscriptions a forward registers: no published event type looks like it. */
    public static final String OWN_EVENTS_ONLY = "webhookkit.forward-only";
    /** The event type of forwarded messages when the sender gave none. */
    public static final String DEFAULT_EVENT_TYPE = "forward";

    private final String name;
    private final WebhookDispatcher dispatcher;
    private final List<String> targets;
    private final List<String> copiedHeaders;
    private final int maxHops;

    private ForwardAction(Builder b, List<String> targets) {
        this.name = b.name;
        this.dispatcher = b.dispatcher;
        this.targets = List.copyOf(targets);
        this.copiedHeaders = List.copyOf(b.copyHeaders);
        this.maxHops = b.maxHops;
    }

    static Builder builder(WebhookDispatcher dispatcher) {
        return new Builder(dispatcher);
    }

    public String name() {
        return name;
    }

    /** The subscription ids messages go to, in order. */
    public List<String> targets() {
        return targets;
    }

    @Override
    public HandlerResponse handle(WebhookEvent event) {
        long start = System.nanoTime();
        Headers incoming = event.request().headers();
        OptionalInt hops = ForwardHops.count(incoming);
        if (hops.isEmpty() || hops.getAsInt() + 1 >= maxHops) {
            String why = hops.isEmpty() ? "its " + ForwardHops.HEADER + " header is not a hop count"
                    : "it has passed " + hops.getAsInt() + " hops and the limit is " + maxHops;
            return HandlerResponse.empty().withActions(List.of(ActionOutcome.skipped(name, "not forwarded: " + why, Steps.since(start))));
        }
        Headers outgoing = outgoingHeaders(incoming, hops.getAsInt() + 1);
        String eventType = event.eventType().isBlank() ? DEFAULT_EVENT_TYPE : event.eventType();
        List<ActionOutcome> outcomes = new ArrayList<>(targets.size());
        for (String target : targets) {
            long t = System.nanoTime();
            try {
                String id = dispatcher.enqueue(target, eventType, event.request().body(), outgoing);
                outcomes.add(ActionOutcome.ok(name, "queued " + id + " to " + target, Steps.since(t)));
            } catch (RuntimeException e) {
                outcomes.add(ActionOutcome.failed(name, "to " + target + ": " + Steps.describe(e), Steps.since(t)));
            }
        }
        return HandlerResponse.empty().withActions(outcomes);
    }

    /** The allowlisted original headers that are present, the original Content-Type, and the hop count one up. */
    private Headers outgoingHeaders(Headers incoming, int hops) {
        Headers.Builder h = Headers.builder();
        incoming.first("Content-Type").ifPresent(v -> h.add("Content-Type", v));
        for (String header : copiedHeaders) {
            for (String value : incoming.all(header)) {
                if (value.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                    h.add(header, value);
                }
            }
        }
        h.set(ForwardHops.HEADER, Integer.toString(hops));
        return h.build();
    }

    @Override
    public String toString() {
        return "ForwardAction[" + name + " to " + targets + ", copies " + copiedHeaders + ", maxHops=" + maxHops + "]";
    }

    /** Collects a forward's settings; {@link #build()} validates them and registers the URL targets. Not thread-safe. */
    public static final class Builder {
        private final WebhookDispatcher dispatcher;
        private String name = "forward";
        private final List<String> urls = new ArrayList<>();
        private final List<String> subscriptionIds = new ArrayList<>();
        private String scheme = "hmac-sha256";
        private SecretSet secrets = SecretSet.empty();
        private boolean unsigned;
        private final Set<String> copyHeaders = new LinkedHashSet<>();
        private int maxHops = ForwardHops.DEFAULT_LIMIT;
        private Consumer<Subscription.Builder> customizer = b -> {
        };

        private Builder(WebhookDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        }

        /** The action's name, in the event log and in the ids of the subscriptions it registers; default {@code forward}. */
        public Builder name(String name) {
            this.name = Names.check("forward name", name);
            return this;
        }

        /** A URL to forward to (http or https); a subscription is registered for it. */
        public Builder to(String url) {
            urls.add(Objects.requireNonNull(url, "url"));
            return this;
        }

        /** An existing subscription of the dispatcher's registry to forward to, signed with its own scheme. */
        public Builder toSubscription(String subscriptionId) {
            subscriptionIds.add(Objects.requireNonNull(subscriptionId, "subscriptionId"));
            return this;
        }

        /** The scheme URL targets are re-signed with, by webhook-verify id; default {@code hmac-sha256}. */
        public Builder scheme(String schemeId) {
            Schemes.byId(Objects.requireNonNull(schemeId, "schemeId"));
            this.scheme = schemeId;
            return this;
        }

        /** The secret URL targets are re-signed with. */
        public Builder secret(String secret) {
            return secrets(SecretSet.ofValues(Objects.requireNonNull(secret, "secret")));
        }

        public Builder secrets(SecretSet secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /** Sends to the URL targets without a signature: the explicit opt-in ({@link Subscription.Builder#unsigned()}). */
        public Builder unsigned() {
            this.unsigned = true;
            return this;
        }

        /**
         * Original headers to copy when present (names compared case-insensitively), e.g. the
         * sender's event-type and delivery-id headers. The dispatcher's own, the signature names,
         * {@value ForwardHops#HEADER} and the hop-by-hop ones cannot be copied; {@code Content-Type}
         * is always kept, since it describes the bytes. Default none.
         */
        public Builder copyHeaders(String... names) {
            for (String n : names) {
                if (CopiedHeaders.check("forward '" + name + "'", n)) {
                    copyHeaders.add(n);
                }
            }
            return this;
        }

        /**
         * Hops after which this forward stops: an event that has passed {@code maxHops - 1} forwards is
         * not forwarded again (skipped); 1 to {@value ForwardHops#MAX_COUNT}, default {@value ForwardHops#DEFAULT_LIMIT},
         * the receivers' {@link ForwardHops#guard()} default.
         */
        public Builder maxHops(int maxHops) {
            this.maxHops = ForwardHops.checkLimit("forward '" + name + "': maxHops", maxHops);
            return this;
        }

        /** Further settings of the subscriptions registered for URL targets (timeout, attempts, User-Agent …). */
        public Builder subscription(Consumer<Subscription.Builder> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Validates the settings, puts one subscription per URL target into the dispatcher's registry
         * (replacing one of the same id, so a restart re-registers the same ids) and checks that every
         * named subscription exists.
         *
         * @throws ConfigurationException naming the problem (no target, a bad URL, no secret, a missing subscription)
         */
        public ForwardAction build() {
            if (urls.isEmpty() && subscriptionIds.isEmpty()) {
                throw new ConfigurationException("forward '" + name + "': at least one target (to(url) or toSubscription(id)) is needed");
            }
            if (!urls.isEmpty() && unsigned == !secrets.isEmpty()) {
                throw new ConfigurationException("forward '" + name + "': " + (unsigned
                        ? "unsigned() excludes a secret" : "a secret to re-sign with is needed (or unsigned() to send without a signature)"));
            }
            SubscriptionRegistry registry = dispatcher.subscriptions();
            List<Subscription> own = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                Subscription.Builder b = Subscription.builder("forward." + name + "." + (i + 1), urls.get(i))
                        .eventTypes(OWN_EVENTS_ONLY).description("forward '" + name + "' target " + (i + 1));
                if (unsigned) {
                    b.unsigned();
                } else {
                    b.secrets(secrets).scheme(scheme);
                }
                customizer.accept(b);
                own.add(b.build());
            }
            for (String id : subscriptionIds) {
                if (registry.get(id).isEmpty()) {
                    throw new ConfigurationException("forward '" + name + "': no subscription '" + id + "' in the dispatcher's registry");
                }
            }
            List<String> targets = new ArrayList<>();
            for (Subscription s : own) {
                registry.put(s);
                targets.add(s.id());
            }
            targets.addAll(subscriptionIds);
            return new ForwardAction(this, targets);
        }
    }
}
