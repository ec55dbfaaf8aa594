package dev.webhookkit.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One request as {@code listen --record} saved it, and as {@code replay} and {@code verify --request}
 * read it back. The body is kept as base64 (the bytes that count) and, when it is UTF-8, as text
 * for people reading the file; only the base64 is read back.
 *
 * @param method    the HTTP method
 * @param path      the request target: path and query, as the sender wrote it
 * @param headers   the headers as received
 * @param body      the body, byte for byte
 * @param receivedAt when it arrived
 * @param verdict   what listen answered, e.g. {@code 401 SIGNATURE_MISMATCH}; empty when absent
 */
record RecordedRequest(String method, String path, Headers headers, byte[] body, Instant receivedAt, String verdict) {
    /** A record file bigger than this is refused unread: a body at listen's cap, base64 and text, fits well. */
    static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** An RFC 9110 method token, at most 32 characters. */
    private static final java.util.regex.Pattern HTTP_METHOD = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}");

    /** The request as a receiver saw it, arriving at {@code at}; the URL's host is the recorded Host header. */
    WebhookRequest toWebhookRequest(Instant at) {
        return WebhookRequest.builder()
                .method(method)
                .url("http://" + headers.first("Host").orElse("localhost") + path)
                .headers(headers)
                .body(body)
                .receivedAt(at)
                .build();
    }

    /**
     * Reads a record file for a command, a malformed one being a usage error that names the file.
     */
    static RecordedRequest read(CommandSpec spec, String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw Usage.error(spec, option + ": no such file '" + file + "'");
        }
        try {
            return read(file);
        } catch (MalformedRecordException e) {
            throw Usage.error(spec, option + ": " + e.getMessage());
        }
    }

    /** The file's JSON, two-space indented. */
    byte[] toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("method", method);
        root.put("path", path);
        ObjectNode h = root.putObject("headers");
        for (Map.Entry<String, List<String>> e : headers.toMap().entrySet()) {
            ArrayNode values = h.putArray(e.getKey());
            e.getValue().forEach(values::add);
        }
        root.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        utf8(body).ifPresent(text -> root.put("bodyText", text));
        root.put("receivedAt", receivedAt.toString());
        root.put("verdict", verdict);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a recorded request as JSON", e);
        }
    }

    /**
     * Reads a record file.
     *
     * @throws MalformedRecordException naming the file and what is wrong with it
     */
    static RecordedRequest read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new MalformedRecordException(file + ": larger than " + MAX_FILE_BYTES + " bytes, not a recorded request");
            }
            try (InputStream in = Files.newInputStream(file)) {
                root = MAPPER.readTree(in);
            }
        } catch (MalformedRecordException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedRecordException(file + ": not a recorded request (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRecordException(file + ": not a recorded request (expected a JSON object)");
        }
        String method = text(file, root, "method");
        if (!HTTP_METHOD.matcher(method).matches() || method.equalsIgnoreCase("CONNECT")) {
            // replay hands it to the HTTP client: a hostile record must not stop a run halfway
            throw new MalformedRecordException(file + ": \"method\" is not an HTTP method");
        }
        String path = text(file, root, "path");
        if (!path.startsWith("/")) {
            throw new MalformedRecordException(file + ": \"path\" must start with / but was '" + path + "'");
        }
        byte[] body;
        try {
            body = Base64.getDecoder().decode(text(file, root, "bodyBase64"));
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(file + ": \"bodyBase64\" is not base64");
        }
        Instant receivedAt;
        try {
            receivedAt = Instant.parse(text(file, root, "receivedAt"));
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException(file + ": \"receivedAt\" is not an ISO-8601 instant");
        }
        JsonNode h = root.get("headers");
        if (h == null || !h.isObject()) {
            throw new MalformedRecordException(file + ": \"headers\" must be an object of name -> [values]");
        }
        Headers.Builder headers = Headers.builder();
        for (Map.Entry<String, JsonNode> e : h.properties()) {
            if (!e.getValue().isArray()) {
                throw new MalformedRecordException(file + ": header '" + e.getKey() + "' must be an array of strings");
            }
            for (JsonNode v : e.getValue()) {
                if (!v.isTextual()) {
                    throw new MalformedRecordException(file + ": header '" + e.getKey() + "' must be an array of strings");
                }
                headers.add(e.getKey(), v.asText());
            }
        }
        JsonNode verdict = root.get("verdict");
        return new RecordedRequest(method, path, headers.build(), body, receivedAt,
                verdict != null && verdict.isTextual() ? verdict.asText() : "");
    }

    private static String text(Path file, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new MalformedRecordException(file + ": missing string field \"" + field + "\"");
        }
        return n.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The body as text when it is valid UTF-8. */
    static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** A record file that cannot be used: the message names the file and the problem. */
    static final class MalformedRecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String message) {
            super(message);
        }
    }
}
