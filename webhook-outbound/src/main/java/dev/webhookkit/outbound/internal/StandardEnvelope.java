package dev.webhookkit.outbound.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.WebhookException;
import dev.webhookkit.outbound.spi.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;

/** The built-in envelopes, written with a streaming generator (no intermediate tree). */
public final class StandardEnvelope implements Envelope {
    public static final Envelope STANDARD = new StandardEnvelope("event");
    public static final Envelope STANDARD_WEBHOOKS = new StandardEnvelope("type");
    public static final Envelope DATA_ONLY = (type, timestamp, data) -> Json.bytes(data);

    private final String typeField;

    private StandardEnvelope(String typeField) {
        this.typeField = typeField;
    }

    @Override
    public byte[] wrap(String eventType, Instant timestamp, JsonNode data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(typeField, eventType);
            g.writeStringField("timestamp", timestamp.toString());
            g.writeFieldName("data");
            Json.MAPPER.writeTree(g, data);
            g.writeEndObject();
        } catch (IOException e) {
            throw new WebhookException("could not write the envelope of a " + eventType + " event", e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "Envelope{" + typeField + ",timestamp,data}";
    }

    /** The module's shared, thread-safe ObjectMapper. */
    public static final class Json {
        public static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }

        static byte[] bytes(JsonNode node) {
            try {
                return MAPPER.writeValueAsBytes(node);
            } catch (JsonProcessingException e) {
                throw new WebhookException("could not write event data as JSON", e);
            }
        }
    }
}
