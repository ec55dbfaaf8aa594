package dev.webhookkit.outbound.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.outbound.internal.StandardEnvelope;
import java.time.Instant;

/**
 * Turns a published event into the exact JSON bytes sent to subscribers. One publish is wrapped
 * once and the same bytes go to every subscription, so the envelope does not see the message id
 * (it travels in the {@code X-Webhook-Id} header). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Envelope {

    byte[] wrap(String eventType, Instant timestamp, JsonNode data);

    /** {@code {"event":"incident.created","timestamp":"2026-01-01T00:00:00Z","data":{…}}}, OpsKnight's shape; the default. */
    static Envelope standard() {
        return StandardEnvelope.STANDARD;
    }

    /** Standard Webhooks' shape: {@code {"type":"incident.created","timestamp":"…","data":{…}}}. */
    static Envelope standardWebhooks() {
        return StandardEnvelope.STANDARD_WEBHOOKS;
    }

    /** The data alone, unwrapped. */
    static Envelope dataOnly() {
        return StandardEnvelope.DATA_ONLY;
    }
}
