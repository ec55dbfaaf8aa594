package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.webhookkit.core.ConfigurationException;
import java.util.Optional;

/**
 * JSONPath over Jackson trees: every path reads the {@link JsonNode} the pipeline already parsed, so
 * json-path's default json-smart provider never parses a payload. Missing paths read as empty.
 */
public final class JsonPathSupport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Jackson providers; exceptions for missing paths suppressed (a missing path is an absent value). */
    public static final Configuration CONFIGURATION = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private JsonPathSupport() {
    }

    /**
     * Compiles once, at configuration time.
     *
     * @param what what the expression is for, for the message ("context mapping 'service'")
     * @param endpointName the endpoint it belongs to, or "" when not known
     * @throws ConfigurationException naming the endpoint, the use and the expression
     */
    public static JsonPath compile(String expression, String what, String endpointName) {
        if (expression == null || expression.isBlank()) {
            throw new ConfigurationException(prefix(endpointName) + what + " must be a JSONPath expression but was '" + expression + "'");
        }
        try {
            return JsonPath.compile(expression.trim());
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new ConfigurationException(prefix(endpointName) + what + " is not a valid JSONPath expression: '" + expression
                    + "' (" + e.getMessage() + ")", e);
        }
    }

    /** The value at the path, or empty when it is missing or JSON null; indefinite paths give an array. */
    public static Optional<JsonNode> read(JsonPath path, JsonNode document) {
        Object result;
        try {
            result = path.read(document, CONFIGURATION);
        } catch (RuntimeException e) {
            // SUPPRESS_EXCEPTIONS covers missing paths; anything else the evaluator trips on is absent too
            return Optional.empty();
        }
        if (result instanceof JsonNode node && !node.isNull() && !node.isMissingNode()) {
            return Optional.of(node);
        }
        return Optional.empty();
    }

    static String prefix(String endpointName) {
        return endpointName == null || endpointName.isEmpty() ? "" : "endpoint '" + endpointName + "': ";
    }
}
