package dev.webhookkit.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.webhookkit.core.Alert;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes alerts as JSON: indented for {@code map}, on one line for {@code listen}. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Two-space indents, one array element per line, {@code "name": value}: what jq prints. */
    private static final ObjectWriter INDENTING = MAPPER.writer(new DefaultPrettyPrinter(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private Json() {
    }

    static String indented(List<Alert> alerts) {
        // Jackson's printer writes an empty array as "[ ]"; jq and people write "[]".
        return alerts.isEmpty() ? "[]" : write(INDENTING, alerts);
    }

    static String oneLine(List<Alert> alerts) {
        return write(MAPPER.writer(), alerts);
    }

    private static String write(ObjectWriter writer, List<Alert> alerts) {
        try {
            return writer.writeValueAsString(alerts);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write alerts as JSON", e);
        }
    }
}
