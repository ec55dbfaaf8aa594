package dev.webhookkit.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.webhookkit.core.Headers;

/**
 * Recorded headers as the JSON kept in the event table: {@code [[name, value], …]} in arrival
 * order, so repeated headers and the names' spelling survive. The values were redacted by the
 * receiver before they reached the log.
 */
public final class HeadersJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeadersJson() {
    }

    public static String write(Headers headers) {
        ArrayNode array = JSON.createArrayNode();
        headers.toMap().forEach((name, values) -> values.forEach(v -> array.addArray().add(name).add(v)));
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers could not be written as JSON", e);
        }
    }

    public static Headers read(String json) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored headers are not JSON", e);
        }
        Headers.Builder b = Headers.builder();
        for (JsonNode pair : array) {
            b.add(pair.path(0).asText(), pair.path(1).asText());
        }
        return b.build();
    }
}
