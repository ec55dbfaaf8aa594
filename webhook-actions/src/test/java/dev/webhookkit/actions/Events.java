package dev.webhookkit.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Events as the pipeline hands them to a handler, for tests of routing and composition. */
final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Endpoint ENDPOINT = Endpoint.builder("test").allowUnsigned().build();

    private Events() {
    }

    static WebhookEvent event(String eventType, String payloadJson, List<Alert> alerts, Map<String, Object> context) {
        try {
            JsonNode payload = JSON.readTree(payloadJson);
            WebhookRequest request = WebhookRequest.post(payloadJson.getBytes(StandardCharsets.UTF_8), Headers.empty());
            return new WebhookEvent("ev-1", ENDPOINT, request, payload, eventType, alerts, "", context, "test:sha256:x", "");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static WebhookEvent event(String eventType, String payloadJson) {
        return event(eventType, payloadJson, List.of(), Map.of());
    }

    static Alert alert(Severity severity, String... labels) {
        Alert.Builder b = Alert.builder().title("t").severity(severity).status(dev.webhookkit.core.AlertStatus.TRIGGER).source("test");
        for (int i = 0; i + 1 < labels.length; i += 2) {
            b.label(labels[i], labels[i + 1]);
        }
        return b.build();
    }
}
