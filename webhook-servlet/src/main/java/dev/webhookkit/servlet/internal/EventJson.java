package dev.webhookkit.servlet.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.EventRecord;

/**
 * One event record as a single line of JSON: {@code eventId, endpoint, status, reason, eventType,
 * alerts, receivedAt}. Bodies, addresses and errors are left out: the stream is for watching
 * outcomes, and a browser tab is not where payloads should end up.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    public static String of(EventRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventId", record.eventId());
        node.put("endpoint", record.endpoint());
        node.put("status", record.status());
        node.put("reason", record.reason().name());
        node.put("eventType", record.eventType());
        node.set("alerts", MAPPER.valueToTree(record.alerts()));
        node.put("receivedAt", record.receivedAt().toString());
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + record.eventId() + " could not be written as JSON", e);
        }
    }
}
