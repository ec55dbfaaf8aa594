package dev.webhookkit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The shared signature vectors (copied from the project fixtures into test resources). */
final class Vectors {
    private static final JsonNode ALL = load();

    private Vectors() {
    }

    private static JsonNode load() {
        try (InputStream in = Vectors.class.getResourceAsStream("/signature-vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vectors of one fixture scheme name (e.g. {@code github-hmac-sha256}). */
    static Stream<Vector> of(String fixtureScheme) {
        List<Vector> out = new ArrayList<>();
        for (JsonNode v : ALL) {
            if (v.path("scheme").asText().equals(fixtureScheme)) {
                out.add(new Vector(v));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no vectors for " + fixtureScheme);
        }
        return out.stream();
    }

    static Vector byId(String id) {
        return StreamSupport.stream(ALL.spliterator(), false).filter(v -> v.path("id").asText().equals(id))
                .findFirst().map(Vector::new).orElseThrow(() -> new IllegalArgumentException(id));
    }

    /** One vector; {@link #toString()} is its id so parameterized test names say which. */
    record Vector(JsonNode json) {
        String id() {
            return json.path("id").asText();
        }

        boolean valid() {
            return json.path("expected").asText().equals("valid");
        }

        String secret() {
            return json.path("secret").asText();
        }

        String text(String field) {
            return json.path(field).asText();
        }

        byte[] payload() {
            return json.path("payload").asText().getBytes(StandardCharsets.UTF_8);
        }

        Headers headers() {
            Headers.Builder h = Headers.builder();
            String name = json.path("header_name").asText();
            if (!name.startsWith("(")) {
                h.add(name, json.path("header_value").asText());
            }
            for (Map.Entry<String, JsonNode> e : json.path("extra_headers").properties()) {
                h.add(e.getKey(), e.getValue().asText());
            }
            return h.build();
        }

        /** verify_at, or 5 s after the signed timestamp, or a fixed time for untimed vectors. */
        Instant receivedAt() {
            if (json.has("verify_at")) {
                return Instant.ofEpochSecond(json.path("verify_at").asLong());
            }
            if (json.has("timestamp")) {
                return Instant.ofEpochSecond(json.path("timestamp").asLong() + 5);
            }
            return Instant.parse("2026-03-04T14:00:00Z");
        }

        /** The request as it arrived: body, headers, URL and, for form vectors, the form content type. */
        WebhookRequest request() {
            WebhookRequest.Builder b = WebhookRequest.builder().body(payload()).headers(headers()).receivedAt(receivedAt());
            if (json.has("url")) {
                b.url(json.path("url").asText());
            }
            JsonNode params = json.path("params");
            if (params.isObject() && params.size() > 0 || params.isArray()) {
                b.header("Content-Type", "application/x-www-form-urlencoded");
                b.body(formBody(params));
            } else if (json.has("url")) {
                b.header("Content-Type", "application/json");
            }
            return b.build();
        }

        /** The form body built from {@code params} (the payload field is abbreviated in some vectors). */
        private static byte[] formBody(JsonNode params) {
            StringBuilder sb = new StringBuilder();
            if (params.isArray()) {
                for (JsonNode pair : params) {
                    append(sb, pair.get(0).asText(), pair.get(1).asText());
                }
            } else {
                params.properties().forEach(e -> append(sb, e.getKey(), e.getValue().asText()));
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static void append(StringBuilder sb, String name, String value) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return id();
        }
    }
}
