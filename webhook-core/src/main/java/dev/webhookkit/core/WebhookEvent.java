package dev.webhookkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified, parsed, deduplicated event as handed to filters and the host's
 * {@link dev.webhookkit.core.spi.EventHandler}.
 *
 * @param eventId the id the pipeline gave this request (in every log line about it)
 * @param endpoint the endpoint that received it: name, instructions, attributes
 * @param request the raw request
 * @param payload the parsed body
 * @param eventType the sender's event type ({@code X-GitHub-Event} …), "" when none was found
 * @param alerts the normalized alerts, possibly none
 * @param message the rendered message template, "" when the endpoint has none
 * @param context the values of the endpoint's context mapping
 * @param deliveryKey the key the delivery was deduplicated on
 * @param matchedKeyId the id of the secret that verified it, "" when unsigned
 */
public record WebhookEvent(
        String eventId,
        Endpoint endpoint,
        WebhookRequest request,
        JsonNode payload,
        String eventType,
        List<Alert> alerts,
        String message,
        Map<String, Object> context,
        String deliveryKey,
        String matchedKeyId) {

    public WebhookEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(eventType, "eventType");
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(message, "message");
        context = context.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(matchedKeyId, "matchedKeyId");
    }

    /** The event type, if the sender gave one. */
    public Optional<String> eventTypeIfKnown() {
        return eventType.isEmpty() ? Optional.empty() : Optional.of(eventType);
    }

    /** The same event with a rendered message. */
    public WebhookEvent withMessage(String rendered) {
        return new WebhookEvent(eventId, endpoint, request, payload, eventType, alerts, rendered, context, deliveryKey, matchedKeyId);
    }

    @Override
    public String toString() {
        return "WebhookEvent[" + eventId + " on " + endpoint.name() + ", type=" + eventType + ", " + alerts.size() + " alerts]";
    }
}
