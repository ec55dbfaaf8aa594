package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The admin API's JSON reading and writing; reading is strict and its errors never quote the input. */
public final class Json {
    /** Deeper request bodies are refused: no resource of the API nests more than a few levels. */
    public static final int MAX_DEPTH = 32;

    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(1024 * 1024).build())
            // Two values for one field would let a proxy and the API read different requests.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build());

    private Json() {
    }

    /**
     * The body as a JSON object.
     *
     * @throws ApiException 400 {@code malformed_json} naming only line and column (the body may
     *     hold a secret, so no part of it is quoted)
     */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(body)) {
            node = MAPPER.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                throw ApiException.badRequest("malformed_json", "the body holds more than one JSON value");
            }
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("malformed_json", "the body is nested deeper than " + MAX_DEPTH + " levels or too long");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON"
                    + (at != null ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : ""));
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the body could not be read");
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("malformed_json", "a JSON object is required");
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** A registry row's text (see the codecs). @throws dev.webhookkit.core.ConfigurationException naming {@code what} */
    public static String storedText(ObjectNode node, String what) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new dev.webhookkit.core.ConfigurationException(what + " could not be written as JSON", e);
        }
    }

    /** A registry row's text read back. @throws dev.webhookkit.core.ConfigurationException that quotes nothing of it */
    public static JsonNode storedNode(String stored, String kind) {
        try {
            return MAPPER.readTree(java.util.Objects.requireNonNull(stored, "stored"));
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the text, which holds secrets.
            throw new dev.webhookkit.core.ConfigurationException("a stored " + kind + " is not valid JSON");
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {"error":{"code","message"}}}. */
    public static ObjectNode error(String code, String message) {
        ObjectNode root = object();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return root;
    }
}
