package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerMode;
import java.util.Optional;

/** The handler mode of one request: the endpoint's, unless it lets the request choose (Moxxy's {@code response_mode}). */
final class RequestedModes {
    private RequestedModes() {
    }

    /** The mode, or empty when the request asked for one that does not exist. */
    static Optional<HandlerMode> resolve(Endpoint endpoint, JsonNode payload) {
        if (endpoint.responseModeField().isEmpty() || !payload.isObject()) {
            return Optional.of(endpoint.mode()); // not allowed: whatever the request says is just data
        }
        JsonNode asked = payload.get(endpoint.responseModeField().get());
        if (asked == null) {
            return Optional.of(endpoint.mode());
        }
        if (asked.isTextual()) {
            if ("sync".equalsIgnoreCase(asked.textValue())) {
                return Optional.of(HandlerMode.SYNC);
            }
            if ("async".equalsIgnoreCase(asked.textValue())) {
                return Optional.of(HandlerMode.ASYNC);
            }
        }
        return Optional.empty();
    }
}
