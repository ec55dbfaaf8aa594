package dev.webhookkit.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What a synchronous handler wants sent back in the HTTP body (Slack's challenge, a chat reply …).
 *
 * @param contentType the body's media type
 * @param body the body bytes, empty for none
 * @param actions what the configured actions did ({@link ActionOutcome}), recorded in the event's
 *     {@link EventRecord#actions()}; not sent to the sender
 */
public record HandlerResponse(String contentType, byte[] body, List<ActionOutcome> actions) {
    private static final HandlerResponse EMPTY = new HandlerResponse("text/plain; charset=utf-8", new byte[0]);

    public HandlerResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        actions = List.copyOf(actions);
    }

    /** A response without action outcomes. */
    public HandlerResponse(String contentType, byte[] body) {
        this(contentType, body, List.of());
    }

    /** This response with these action outcomes (replacing any it had). */
    public HandlerResponse withActions(List<ActionOutcome> outcomes) {
        return new HandlerResponse(contentType, body, outcomes);
    }

    public static HandlerResponse empty() {
        return EMPTY;
    }

    public static HandlerResponse text(String text) {
        return new HandlerResponse("text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static HandlerResponse json(String json) {
        return new HandlerResponse("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** True when there is no body (action outcomes do not count: they are not sent). */
    public boolean isEmpty() {
        return body.length == 0;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandlerResponse r && r.contentType.equals(contentType) && java.util.Arrays.equals(r.body, body)
                && r.actions.equals(actions);
    }

    @Override
    public int hashCode() {
        return contentType.hashCode() * 31 + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "HandlerResponse[" + contentType + ", " + body.length + " bytes" + (actions.isEmpty() ? "" : ", " + actions.size() + " actions") + "]";
    }
}
