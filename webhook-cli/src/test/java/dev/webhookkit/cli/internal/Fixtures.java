package dev.webhookkit.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test resources: the shared signature vectors and sample payloads, copied into this module. */
final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode VECTORS = readJson("/signature-vectors.json");
    private static final JsonNode HEADERS = readJson("/payloads/headers.json");

    private Fixtures() {
    }

    /** The vector with this id from signature-vectors.json. */
    static JsonNode vector(String id) {
        for (JsonNode v : VECTORS) {
            if (v.path("id").asText().equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no vector " + id);
    }

    /** {@code -H 'Name: value'} arguments for the vector's signature header and its extra headers. */
    static List<String> headerArgs(JsonNode vector) {
        List<String> args = new ArrayList<>(List.of("-H", vector.path("header_name").asText() + ": " + vector.path("header_value").asText()));
        vector.path("extra_headers").properties().forEach(e -> {
            args.add("-H");
            args.add(e.getKey() + ": " + e.getValue().asText());
        });
        return args;
    }

    /** The exact bytes of a sample payload. */
    static byte[] payload(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headers a real delivery of a sample carries (headers.json). */
    static Map<String, String> payloadHeaders(String name) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        HEADERS.path(name).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** A test secret from headers.json's {@code _test_secrets}. */
    static String sampleSecret(String provider) {
        return HEADERS.path("_test_secrets").path(provider).asText();
    }

    static String utf8(JsonNode node, String field) {
        return node.path(field).asText();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode readJson(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
