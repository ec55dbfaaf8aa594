package dev.webhookkit.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.PayloadMappingException;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookException;
import dev.webhookkit.core.spi.EventHandler;
import java.util.Objects;
import java.util.function.Function;

/**
 * Moxxy's generic message webhook: the body {@code {"agent","message","context","response_mode"}}
 * and the answer {@code {"success","agent","response","context"}}. Configure an endpoint with the
 * mapper {@value #MAPPER_ID} ({@code Mappers.byId("moxxy")}), Moxxy's {@code X-Webhook-Secret}
 * ({@code Schemes.sharedSecret()}), a {@link #handler handler} and — only where requests may choose
 * — {@code responseModeField(Moxxy.RESPONSE_MODE_FIELD)}:
 *
 * <pre>{@code
 * Endpoint.builder("generic").verifier(Schemes.sharedSecret()).secret(secret)
 *     .mapper(Mappers.byId(Moxxy.MAPPER_ID))
 *     .responseModeField(Moxxy.RESPONSE_MODE_FIELD)     // omit: the endpoint's own mode always applies
 *     .handler(Moxxy.handler(m -> agents.ask(m.agent(), m.message(), m.context())))
 *     .build();
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class Moxxy {
    /** The mapper id in {@link Mappers}. */
    public static final String MAPPER_ID = "moxxy";
    /** Moxxy's per-request field: {@code "sync"} (answer with the agent's response) or {@code "async"} (202 at once). */
    public static final String RESPONSE_MODE_FIELD = "response_mode";
    /** The agent a message without {@code agent} goes to, as in Moxxy's examples. */
    public static final String DEFAULT_AGENT = "default";
    /** Longest agent name taken: names are identifiers, not text. */
    public static final int MAX_AGENT_LENGTH = 128;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Moxxy() {
    }

    /**
     * One message to an agent.
     *
     * @param agent the agent's name ({@value #DEFAULT_AGENT} when the body gave none)
     * @param message the text to process
     * @param context the body's {@code context} object, empty when absent (a copy: changing it changes nothing)
     */
    public record Message(String agent, String message, ObjectNode context) {
        public Message {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(message, "message");
            context = Objects.requireNonNull(context, "context").deepCopy();
        }

        @Override
        public ObjectNode context() {
            return context.deepCopy();
        }
    }

    /**
     * Reads Moxxy's body.
     *
     * @throws PayloadMappingException (answered 400 by the receiver) when it is not an object, has
     *     no text {@code message}, an {@code agent} that is not a name of at most
     *     {@value #MAX_AGENT_LENGTH} characters, or a {@code context} that is not an object
     */
    public static Message message(JsonNode payload) {
        Objects.requireNonNull(payload, "payload");
        if (!payload.isObject()) {
            throw malformed("expects a JSON object but got " + payload.getNodeType());
        }
        JsonNode message = payload.get("message");
        if (message == null || !message.isTextual() || message.textValue().isBlank()) {
            throw malformed("message must be a non-empty string");
        }
        JsonNode agent = payload.get("agent");
        if (agent != null && !agent.isNull() && (!agent.isTextual() || agent.textValue().isBlank()
                || agent.textValue().length() > MAX_AGENT_LENGTH)) {
            throw malformed("agent must be a name of 1 to " + MAX_AGENT_LENGTH + " characters");
        }
        JsonNode context = payload.get("context");
        if (context != null && !context.isNull() && !context.isObject()) {
            throw malformed("context must be an object");
        }
        return new Message(agent == null || agent.isNull() ? DEFAULT_AGENT : agent.textValue().trim(), message.textValue(),
                context == null || context.isNull() ? JSON.createObjectNode() : (ObjectNode) context);
    }

    /** The message of a received event (its parsed body). */
    public static Message message(WebhookEvent event) {
        return message(Objects.requireNonNull(event, "event").payload());
    }

    /**
     * Moxxy's answer, {@code {"success":true,"agent":…,"response":…,"context":{…}}} as
     * {@code application/json}: the receiver sends it with 200 in sync mode. The context is the
     * message's own, so the sender gets back what it correlates on ({@code event_id} …).
     */
    public static HandlerResponse reply(Message message, String response) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(response, "response");
        ObjectNode body = JSON.createObjectNode();
        body.put("success", true);
        body.put("agent", message.agent());
        body.put("response", response);
        body.set("context", message.context());
        try {
            return HandlerResponse.json(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new WebhookException("could not write Moxxy's response", e);
        }
    }

    /**
     * A handler that gives each message to {@code agent} and answers with {@link #reply}. In async
     * mode the sender already got 202 and the reply is recorded only. An agent that throws fails
     * the event (500 in sync mode, so the sender may retry), as any handler.
     */
    public static EventHandler handler(Function<Message, String> agent) {
        Objects.requireNonNull(agent, "agent");
        return event -> {
            Message m = message(event);
            String response = agent.apply(m);
            return reply(m, response == null ? "" : response);
        };
    }

    private static PayloadMappingException malformed(String what) {
        return new PayloadMappingException(MAPPER_ID + " mapper: " + what);
    }
}
