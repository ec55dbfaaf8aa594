package dev.webhookkit.actions.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.actions.internal.Names;
import dev.webhookkit.actions.internal.Steps;
import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.internal.TemplateContexts;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.MessageTemplate;
import dev.webhookkit.core.spi.TemplateRenderer;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notify action: renders each event into a chat target's native message with a
 * {@link NotifyFormat} and hands the exact bytes to the dispatcher's outbox for one subscription,
 * so the message inherits the dispatcher's retries, SSRF guard and delivery log.
 *
 * <pre>{@code
 * subscriptions.create(NotifyTargets.subscription("ops-slack", slackWebhookUrl).build());
 * EventHandler notify = NotifyAction.builder(dispatcher, "ops-slack", NotifyFormat.slack()).build();
 * Endpoint.builder("alerts").mapper(...).messageTemplate("{{alert.description}}").handler(notify).build();
 * }</pre>
 *
 * <p>The text sent is the action's own template ({@link Builder#template}) rendered over the event,
 * else the endpoint's rendered message, else the first alert's description or title; it is treated
 * as plain text and escaped by the format. The action answers with an empty body (it never changes
 * what the sender gets back) and one {@link ActionOutcome} named {@link #name()}: {@code ok}
 * "queued msg_… (slack) to ops-slack", or {@code failed} with the reason when the dispatcher did not
 * take the message (no such subscription, a full outbox, a closed dispatcher) — like every action
 * of this module, a failure is an outcome, not a failed event. Never throws for an event.
 * Immutable and thread-safe; {@link #toString()}, outcomes and log lines name the subscription id,
 * never its URL.
 */
public final class NotifyAction implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyAction.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final WebhookDispatcher dispatcher;
    private final String subscriptionId;
    private final NotifyFormat format;
    private final MessageTemplate template;
    private final String eventType;

    private NotifyAction(Builder b) {
        this.name = b.name != null ? b.name : "notify." + b.subscriptionId;
        this.dispatcher = b.dispatcher;
        this.subscriptionId = b.subscriptionId;
        this.format = b.format;
        this.template = b.compiled;
        this.eventType = b.eventType != null ? b.eventType : "notify." + b.format.id();
    }

    /**
     * @param subscriptionId the dispatcher subscription of the target (see {@link NotifyTargets#subscription})
     */
    public static Builder builder(WebhookDispatcher dispatcher, String subscriptionId, NotifyFormat format) {
        return new Builder(dispatcher, subscriptionId, format);
    }

    @Override
    public HandlerResponse handle(WebhookEvent event) {
        long start = System.nanoTime();
        ActionOutcome outcome;
        try {
            Notification notification = notificationOf(event);
            byte[] body = bytes(format.render(notification));
            String messageId = dispatcher.enqueue(subscriptionId, eventType, body, Headers.empty());
            outcome = ActionOutcome.ok(name, "queued " + messageId + " (" + format.id() + ") to " + subscriptionId, Steps.since(start));
            LOG.debug("event {}: {} notification {} queued for subscription '{}'", event.eventId(), format.id(), messageId, subscriptionId);
        } catch (RuntimeException e) {
            outcome = ActionOutcome.failed(name, "(" + format.id() + ") to " + subscriptionId + ": " + redacted(e), Steps.since(start));
            LOG.warn("event {}: {} notification for subscription '{}' not queued: {}", event.eventId(), format.id(), subscriptionId,
                    outcome.detail());
        }
        return HandlerResponse.empty().withActions(List.of(outcome));
    }

    /** What this action would send for an event, before the format renders it. */
    public Notification notificationOf(WebhookEvent event) {
        String text = template != null ? template.render(TemplateContexts.of(event)) : event.message();
        return Notification.of(event, text == null ? "" : text);
    }

    /** The name of this action's outcome in the event's record; default {@code notify.<subscription id>}. */
    public String name() {
        return name;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public NotifyFormat format() {
        return format;
    }

    @Override
    public String toString() {
        return "NotifyAction[" + name + ": " + format.id() + " to subscription '" + subscriptionId + "']";
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the notification could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The exception's class and first line, with any trace of the target's URL (whole, path, query)
     * replaced: Slack, Teams and Discord URLs and Telegram's bot URL carry their secret.
     */
    private String redacted(RuntimeException e) {
        String detail = Steps.describe(e);
        Optional<URI> url = dispatcher.subscriptions().get(subscriptionId).map(Subscription::url);
        if (url.isPresent()) {
            URI u = url.get();
            detail = detail.replace(u.toString(), NotifyTargets.redact(u));
            for (String part : new String[] {u.getRawPath(), u.getRawQuery(), u.getPath(), u.getQuery()}) {
                if (part != null && part.length() > 1) {
                    detail = detail.replace(part, "\u2026");
                }
            }
        }
        return detail;
    }

    /** Collects a notify action's settings; not thread-safe. */
    public static final class Builder {
        private final WebhookDispatcher dispatcher;
        private final String subscriptionId;
        private final NotifyFormat format;
        private String templateSource;
        private TemplateRenderer renderer = TemplateRenderer.simple();
        private MessageTemplate compiled;
        private String eventType;
        private String name;

        private Builder(WebhookDispatcher dispatcher, String subscriptionId, NotifyFormat format) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
            this.subscriptionId = Objects.requireNonNull(subscriptionId, "subscriptionId");
            this.format = Objects.requireNonNull(format, "format");
        }

        /** This target's own template over the event (the same variables as the endpoint's), rendered with {@link TemplateRenderer#simple()}. */
        public Builder template(String template) {
            this.templateSource = Objects.requireNonNull(template, "template");
            return this;
        }

        /** As {@link #template(String)}, compiled by this renderer (Mustache from webhook-mapping …). */
        public Builder template(String template, TemplateRenderer renderer) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            return template(template);
        }

        /** The name of the action's outcome; default {@code notify.<subscription id>}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The event type the outbox and the delivery log record; default {@code notify.<format id>}. */
        public Builder eventType(String eventType) {
            this.eventType = Objects.requireNonNull(eventType, "eventType");
            return this;
        }

        /** @throws ConfigurationException for a blank subscription id or a template that does not compile */
        public NotifyAction build() {
            if (subscriptionId.isBlank()) {
                throw new ConfigurationException("notify: subscriptionId must not be blank");
            }
            if (name != null) {
                Names.check("notify name", name);
            }
            if (eventType != null && eventType.isBlank()) {
                throw new ConfigurationException("notify: eventType must not be blank");
            }
            compiled = null;
            if (templateSource != null) {
                try {
                    compiled = renderer.compile(templateSource);
                } catch (RuntimeException e) {
                    throw new ConfigurationException("notify to subscription '" + subscriptionId + "': template does not compile: "
                            + e.getMessage(), e);
                }
            }
            return new NotifyAction(this);
        }
    }
}
