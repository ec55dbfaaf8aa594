package dev.webhookkit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.spi.ContextExtractor;
import dev.webhookkit.mapping.internal.JsonPathSupport;
import dev.webhookkit.mapping.internal.JsonValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Moxxy-style context mapping: names to JSONPath expressions over the payload
 * ({@code "service": "$.labels.service"}), compiled once when the extractor is built.
 *
 * <p>Values come out as plain Java values (strings, numbers, booleans, maps, lists); an indefinite
 * path ({@code $.alerts[*].labels.team}, {@code $..name}) gives a list. A path that is missing, or
 * that reads JSON null or an empty list, leaves the name out: never an error.
 *
 * <p>Immutable and thread-safe.
 */
public final class JsonPathContextExtractor implements ContextExtractor {
    private final Map<String, JsonPath> paths;
    private final Map<String, String> expressions;

    private JsonPathContextExtractor(String endpointName, Map<String, String> mapping) {
        Map<String, JsonPath> compiled = new LinkedHashMap<>();
        mapping.forEach((name, expression) -> {
            if (name == null || name.isBlank()) {
                throw new ConfigurationException(prefix(endpointName) + "context mapping name must not be blank but was '"
                        + name + "'");
            }
            Objects.requireNonNull(expression, "expression for '" + name + "'");
            compiled.put(name, JsonPathSupport.compile(expression, "context mapping '" + name + "'", endpointName));
        });
        this.paths = Collections.unmodifiableMap(compiled);
        this.expressions = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
    }

    /**
     * Compiles a mapping of names to JSONPath expressions.
     *
     * @throws ConfigurationException naming the expression when one does not compile
     */
    public static JsonPathContextExtractor of(Map<String, String> mapping) {
        return of("", mapping);
    }

    /**
     * Compiles a mapping for an endpoint.
     *
     * @throws ConfigurationException naming the endpoint and the expression when one does not compile
     */
    public static JsonPathContextExtractor of(String endpointName, Map<String, String> mapping) {
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(mapping, "mapping");
        return new JsonPathContextExtractor(endpointName, mapping);
    }

    @Override
    public Map<String, Object> extract(JsonNode payload) {
        Objects.requireNonNull(payload, "payload");
        Map<String, Object> out = new LinkedHashMap<>();
        paths.forEach((name, path) -> JsonPathSupport.read(path, payload)
                .filter(n -> !(n.isArray() && n.isEmpty() && !path.isDefinite()))
                .ifPresent(n -> out.put(name, JsonValues.toJava(n))));
        return out;
    }

    /** The names and expressions as given. */
    public Map<String, String> mapping() {
        return expressions;
    }

    @Override
    public String toString() {
        return "JsonPathContextExtractor" + expressions;
    }

    private static String prefix(String endpointName) {
        return endpointName.isEmpty() ? "" : "endpoint '" + endpointName + "': ";
    }
}
