package dev.webhookkit.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.webhookkit.core.Alert;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes alerts as JSON: indented for {@code map}, on one line for {@code listen}. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper INDENTING = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String indented(List<Alert> alerts) {
        return write(INDENTING, alerts);
    }

    static String oneLine(List<Alert> alerts) {
        return write(MAPPER, alerts);
    }

    private static String write(ObjectMapper mapper, List<Alert> alerts) {
        try {
            return mapper.writeValueAsString(alerts);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write alerts as JSON", e);
        }
    }
}
