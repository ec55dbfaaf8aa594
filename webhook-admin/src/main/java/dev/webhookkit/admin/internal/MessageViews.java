package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import java.io.IOException;

/** The API's JSON for outbound messages and their attempts. */
final class MessageViews {
    private MessageViews() {
    }

    /**
     * {@code {"id","subscription","eventType","status","attempts","createdAt","updatedAt","nextAttemptAt"}};
     * {@code status} is the operator's state ({@code pending}, {@code failed}, {@code delivered},
     * {@code dead}); {@code nextAttemptAt} is null once the message is finished.
     */
    static ObjectNode summary(OutboundMessage m) {
        ObjectNode n = Json.object();
        n.put("id", m.id());
        n.put("subscription", m.subscriptionId());
        n.put("eventType", m.eventType());
        n.put("status", MessageQuery.State.of(m).id());
        n.put("attempts", m.attemptCount());
        n.put("createdAt", m.createdAt().toString());
        n.put("updatedAt", m.updatedAt().toString());
        if (m.status().isFinished()) {
            n.putNull("nextAttemptAt");
        } else {
            n.put("nextAttemptAt", m.nextAttemptAt().toString());
        }
        return n;
    }

    /** The summary with {@code body}: the JSON sent (the envelope), or its text when it is not JSON. */
    static ObjectNode detail(OutboundMessage m) {
        ObjectNode n = summary(m);
        n.set("body", body(m));
        return n;
    }

    private static JsonNode body(OutboundMessage m) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(m.body());
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        } catch (IOException e) {
            // not JSON (a custom envelope): shown as text below
        }
        return Json.MAPPER.getNodeFactory().textNode(m.bodyText());
    }

    /**
     * {@code {"attempt","status","outcome","latencyMs","at","error","messageId","subscription","url","response"}}:
     * {@code status} is the HTTP status (null when no answer came), {@code outcome} the
     * {@link dev.webhookkit.outbound.AttemptOutcome} id, {@code error} why no answer came (null when one did),
     * {@code response} the start of the answer's body.
     */
    static ObjectNode attempt(DeliveryAttempt a) {
        ObjectNode n = Json.object();
        n.put("attempt", a.attemptNumber());
        if (a.status().isPresent()) {
            n.put("status", a.status().getAsInt());
        } else {
            n.putNull("status");
        }
        n.put("outcome", a.outcome().id());
        n.put("latencyMs", a.latency().toMillis());
        n.put("at", a.startedAt().toString());
        if (a.errorMessage().isPresent()) {
            n.put("error", a.errorMessage().get());
        } else {
            n.putNull("error");
        }
        n.put("messageId", a.messageId());
        n.put("subscription", a.subscriptionId());
        n.put("url", a.url());
        n.put("response", a.responseSnippet());
        return n;
    }
}
