package dev.webhookkit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.internal.PayloadParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The provider samples under src/test/resources/samples/&lt;mapper id&gt;/: a payload
 * ({@code name.json}, or {@code name.form} for form-encoded bodies) and next to it
 * {@code name.expected.json} with the request headers and the alerts a correct mapper gives.
 */
record Samples(String mapperId, String name, Path payloadFile, Path expectedFile) {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final PayloadParser PARSER = new PayloadParser(64);

    static List<Samples> all() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> isPayload(p.getFileName().toString()))
                    .sorted()
                    .map(p -> {
                        String file = p.getFileName().toString();
                        String name = file.substring(0, file.lastIndexOf('.'));
                        return new Samples(p.getParent().getFileName().toString(), name, p,
                                p.resolveSibling(name + ".expected.json"));
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path root() {
        try {
            return Path.of(Samples.class.getResource("/samples").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isPayload(String file) {
        return file.endsWith(".form") || file.endsWith(".json") && !file.endsWith(".expected.json");
    }

    JsonNode expected() {
        try {
            return JSON.readTree(expectedFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request as the sender would post it: exact file bytes, the expected file's headers. */
    WebhookRequest request() {
        Headers.Builder headers = Headers.builder();
        headers.add("Content-Type", payloadFile.toString().endsWith(".form") ? "application/x-www-form-urlencoded" : "application/json");
        expected().path("headers").properties().forEach(e -> {
            if (!e.getKey().equalsIgnoreCase("Content-Type")) {
                headers.add(e.getKey(), e.getValue().asText());
            }
        });
        try {
            return WebhookRequest.builder().body(Files.readAllBytes(payloadFile)).headers(headers.build()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parsed the way the receiver parses it (form bodies become an object of string fields). */
    JsonNode payload() {
        return PARSER.parse(request()).orElseThrow(() -> new AssertionError(payloadFile + " does not parse"));
    }

    @Override
    public String toString() {
        return mapperId + "/" + name;
    }
}
