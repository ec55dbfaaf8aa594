package dev.webhookkit.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Pulls named values out of a payload for templates and handlers (Moxxy's "context mapping").
 * Missing values are left out, never errors. Thread-safe. The JSONPath one ships in webhook-mapping.
 */
@FunctionalInterface
public interface ContextExtractor {

    Map<String, Object> extract(JsonNode payload);

    static ContextExtractor none() {
        return payload -> Map.of();
    }
}
