package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.WebhookRequest;
import java.util.List;
import java.util.Optional;

/** Finds the sender's event type: a header first (X-GitHub-Event …), then a top-level payload field. */
public final class EventTypes {
    private EventTypes() {
    }

    public static String resolve(Endpoint endpoint, WebhookRequest request, JsonNode payload) {
        List<String> headers = endpoint.eventTypeHeaders();
        for (int i = 0; i < headers.size(); i++) {
            Optional<String> v = request.headers().first(headers.get(i));
            if (v.isPresent() && !v.get().isBlank()) {
                return v.get().trim();
            }
        }
        if (payload.isObject()) {
            for (String field : endpoint.eventTypeFields()) {
                JsonNode v = payload.get(field);
                if (v != null && v.isTextual() && !v.asText().isBlank()) {
                    return v.asText().trim();
                }
            }
        }
        return "";
    }
}
