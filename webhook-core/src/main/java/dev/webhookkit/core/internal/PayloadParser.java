package dev.webhookkit.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.WebhookRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses bodies into JSON trees with limits on nesting and string length. Form-encoded bodies
 * (UptimeRobot, Twilio) become an object of string fields (arrays for repeated names).
 */
public final class PayloadParser {
    private final ObjectMapper mapper;

    public PayloadParser(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The payload, or empty when the body is empty, not JSON, or nested too deeply. */
    public Optional<JsonNode> parse(WebhookRequest request) {
        return parse(request, null);
    }

    /**
     * As {@link #parse(WebhookRequest)}, but a form body carrying {@code jsonField} is the JSON
     * object in that field (empty when it is repeated, not JSON, not an object or nested too deeply).
     */
    public Optional<JsonNode> parse(WebhookRequest request, String jsonField) {
        if ("application/x-www-form-urlencoded".equals(request.contentType())) {
            Map<String, List<String>> form = request.formParameters();
            if (form.isEmpty()) {
                return Optional.empty();
            }
            if (jsonField != null && form.containsKey(jsonField)) {
                return formJson(form.get(jsonField));
            }
            ObjectNode node = mapper.createObjectNode();
            form.forEach((name, values) -> {
                if (values.size() == 1) {
                    node.put(name, values.get(0));
                } else {
                    values.forEach(node.putArray(name)::add);
                }
            });
            return Optional.of(node);
        }
        if (request.body().length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = mapper.readTree(request.body());
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One value (a repeated field is ambiguous: which one did the sender mean?) holding a JSON object. */
    private Optional<JsonNode> formJson(List<String> values) {
        if (values.size() != 1) {
            return Optional.empty();
        }
        try {
            JsonNode node = mapper.readTree(values.get(0));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
