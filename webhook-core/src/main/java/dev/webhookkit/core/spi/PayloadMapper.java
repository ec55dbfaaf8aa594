package dev.webhookkit.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.WebhookRequest;
import java.util.List;

/**
 * Turns one parsed payload into normalized alerts; one payload may carry several (Alertmanager).
 * Throws {@link dev.webhookkit.core.PayloadMappingException} when the payload has a shape it cannot
 * map, which the receiver answers with 400 MALFORMED_PAYLOAD.
 *
 * <p>Implementations must be thread-safe. Provider mappers ship in webhook-mapping.
 */
@FunctionalInterface
public interface PayloadMapper {

    /**
     * @param payload the parsed body (form bodies arrive as an object of string fields)
     * @param request the request, for event-type headers and the like
     */
    List<Alert> map(JsonNode payload, WebhookRequest request);

    /** The provider id ({@code prometheus}, {@code github} …). */
    default String id() {
        return "custom";
    }

    /** Maps nothing: the event reaches the handler with no alerts. */
    static PayloadMapper none() {
        return NoAlerts.INSTANCE;
    }

    /** The {@link #none()} mapper. */
    enum NoAlerts implements PayloadMapper {
        INSTANCE;

        @Override
        public List<Alert> map(JsonNode payload, WebhookRequest request) {
            return List.of();
        }

        @Override
        public String id() {
            return "none";
        }
    }
}
