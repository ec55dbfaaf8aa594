package dev.webhookkit.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.webhookkit.core.ActionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An event's action outcomes as the JSON kept in the event table:
 * {@code [{"name","status","detail","durationNanos"}, …]} in the order the actions ran.
 */
public final class ActionsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActionsJson() {
    }

    public static String write(List<ActionOutcome> outcomes) {
        ArrayNode array = JSON.createArrayNode();
        for (ActionOutcome o : outcomes) {
            array.addObject().put("name", o.name()).put("status", o.status().id()).put("detail", o.detail())
                    .put("durationNanos", saturatedNanos(o.duration()));
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("action outcomes could not be written as JSON", e);
        }
    }

    public static List<ActionOutcome> read(String json) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored action outcomes are not JSON", e);
        }
        List<ActionOutcome> out = new ArrayList<>(array.size());
        for (JsonNode o : array) {
            out.add(new ActionOutcome(o.path("name").asText(), ActionOutcome.Status.fromId(o.path("status").asText()),
                    o.path("detail").asText(), Duration.ofNanos(o.path("durationNanos").asLong())));
        }
        return out;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
