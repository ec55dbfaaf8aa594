package dev.webhookkit.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.outbound.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Endpoint and subscription definitions read from a file, for a server to create at start
 * ({@code webhook serve --config}):
 *
 * <pre>{@code
 * endpoints:
 *   - name: github
 *     scheme: github
 *     secrets: [{env: GITHUB_WEBHOOK_SECRET}]
 *     provider: github
 *     actions:
 *       - {type: forward, urls: ["https://ops.example.com/hooks"], secret: {env: OPS_SECRET}}
 *       - {type: notify, format: slack, url: {env: SLACK_WEBHOOK_URL}}
 * subscriptions:
 *   - id: ops
 *     url: https://ops.example.com/hooks
 *     secret: {file: secrets/ops.txt}
 *     eventTypes: ["incident.*"]
 * }</pre>
 *
 * <p>A {@code .json}, {@code .yaml} or {@code .yml} file holding one object with
 * {@code endpoints} and {@code subscriptions} lists (either may be left out). Each entry is the
 * admin API's write form, decoded by {@link EndpointJson} and {@link SubscriptionJson}: one schema,
 * the same field names and rules as {@code POST /admin/endpoints} and {@code POST
 * /admin/subscriptions}, unknown fields refused. Names and ids must be unique within the file.
 *
 * <h2>Secrets</h2>
 * Wherever a secret value goes — an item of an endpoint's or subscription's {@code secrets}, the
 * {@code value} of such an item, a subscription's {@code secret}, one of its {@code headers}
 * values (they often carry the subscriber's API key), and in an endpoint's {@code actions} a
 * forward's {@code secret}, a notify's {@code url} (a chat webhook URL is its own credential) and
 * {@code headers} values — the file may hold the value itself, or a
 * reference instead: {@code {"env": "NAME"}} (an environment variable) or {@code {"file": "PATH"}}
 * (a file's content without its trailing line break, at most {@value #MAX_SECRET_FILE_BYTES}
 * bytes; a relative path is relative to the definitions file's folder). References keep the
 * secrets out of a file that is shared or committed. A variable that is not set, is empty, or a
 * file that cannot be read is an error.
 *
 * <h2>Errors</h2>
 * Every problem is a {@link DefinitionFileException} whose message names the file, the entry
 * ({@code endpoints[1] 'github'}) and the field ({@code secrets[0]}), e.g.
 * {@code webhooks.yaml: endpoints[1] 'github': secrets[0]: environment variable 'GITHUB_WEBHOOK_SECRET' is not set}.
 * No message quotes a secret or any part of the file's text: a syntax error names only the line
 * and column.
 *
 * <p>Immutable and thread-safe; the endpoints and subscriptions hold the resolved secrets.
 */
public final class DefinitionFile {
    /** A larger file is refused: definitions are configuration, not data. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    /** A larger secret file is refused: a secret or a PEM key fits easily. */
    public static final int MAX_SECRET_FILE_BYTES = 64 * 1024;
    /** Deeper nesting is refused: no definition nests more than a few levels. */
    public static final int MAX_DEPTH = 32;

    private static final String ENDPOINTS = "endpoints";
    private static final String SUBSCRIPTIONS = "subscriptions";
    private static final Set<String> TOP_LEVEL = Set.of(ENDPOINTS, SUBSCRIPTIONS);

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(constraints())
            // Two values for one field: which one wins would be a guess.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build());
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .streamReadConstraints(constraints())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build());

    private final Path path;
    private final List<Endpoint> endpoints;
    private final List<Subscription> subscriptions;

    private DefinitionFile(Path path, List<Endpoint> endpoints, List<Subscription> subscriptions) {
        this.path = path;
        this.endpoints = List.copyOf(endpoints);
        this.subscriptions = List.copyOf(subscriptions);
    }

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_FILE_BYTES).build();
    }

    /**
     * Reads a file with {@link EndpointJson#defaults()}, secret references resolved from the
     * process's environment.
     *
     * @throws DefinitionFileException naming the file, the entry and the field
     */
    public static DefinitionFile read(Path file) {
        return reader().read(file);
    }

    /** A reader with other settings: the endpoint codec (its handler, its template renderer), the environment. */
    public static Reader reader() {
        return new Reader();
    }

    /** The file read. */
    public Path path() {
        return path;
    }

    /** The endpoints, in file order. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The subscriptions, in file order. */
    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    @Override
    public String toString() {
        return "DefinitionFile[" + path + ": " + endpoints.size() + " endpoints, " + subscriptions.size() + " subscriptions]";
    }

    /** Reads definition files; not thread-safe while configured, then reusable. */
    public static final class Reader {
        private EndpointJson endpointJson = EndpointJson.defaults();
        private SubscriptionJson subscriptionJson = SubscriptionJson.instance();
        private UnaryOperator<String> environment = System::getenv;

        private Reader() {
        }

        /** Decodes endpoints with this codec (default {@link EndpointJson#defaults()}): the admin API's, so both agree. */
        public Reader endpointJson(EndpointJson endpointJson) {
            this.endpointJson = Objects.requireNonNull(endpointJson, "endpointJson");
            return this;
        }

        /** Where {@code {"env": "NAME"}} references are looked up (default: the process's environment); null means not set. */
        public Reader environment(UnaryOperator<String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Reads, decodes and checks {@code file}; the kind comes from its extension.
         *
         * @throws DefinitionFileException naming the file, the entry and the field
         */
        public DefinitionFile read(Path file) {
            Objects.requireNonNull(file, "file");
            ObjectMapper mapper = mapperFor(file);
            ObjectNode root = parse(file, mapper, bytes(file));
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!TOP_LEVEL.contains(field)) {
                    throw new DefinitionFileException(file, null, field, "unknown field (a definitions file holds only "
                            + "'endpoints' and 'subscriptions')");
                }
            }
            SecretReferences secrets = new SecretReferences(file, environment);
            List<Endpoint> endpoints = entries(file, root, ENDPOINTS, "name", node -> {
                secrets.resolveKeyRing(node, "secrets");
                secrets.resolveActions(node.get("actions"), "actions");
                return endpointJson.fromJson(node);
            }, Endpoint::name);
            List<Subscription> subscriptions = entries(file, root, SUBSCRIPTIONS, "id", node -> {
                secrets.resolveValue(node, "secret");
                secrets.resolveKeyRing(node, "secrets");
                secrets.resolveHeaders(node, "headers");
                return subscriptionJson.fromJson(node);
            }, Subscription::id);
            return new DefinitionFile(file, endpoints, subscriptions);
        }

        private static ObjectMapper mapperFor(Path file) {
            String name = Optional.ofNullable(file.getFileName()).map(Path::toString).orElse("").toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                return JSON;
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML;
            }
            throw new DefinitionFileException(file, null, null, "must end in .json, .yaml or .yml");
        }

        private static byte[] bytes(Path file) {
            try {
                if (!Files.isRegularFile(file)) {
                    throw new DefinitionFileException(file, null, null, "no such file");
                }
                if (Files.size(file) > MAX_FILE_BYTES) {
                    throw new DefinitionFileException(file, null, null, "is larger than " + MAX_FILE_BYTES + " bytes");
                }
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new DefinitionFileException(file, null, null, "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }

        private static ObjectNode parse(Path file, ObjectMapper mapper, byte[] bytes) {
            String kind = mapper == JSON ? "JSON" : "YAML";
            JsonNode node;
            try (JsonParser parser = mapper.createParser(bytes)) {
                node = mapper.readTree(parser);
                if (node != null && !node.isMissingNode() && parser.nextToken() != null) {
                    throw new DefinitionFileException(file, null, null, "holds more than one " + kind + " document");
                }
            } catch (StreamConstraintsException e) {
                throw new DefinitionFileException(file, null, null, "is nested deeper than " + MAX_DEPTH + " levels");
            } catch (JsonProcessingException e) {
                throw new DefinitionFileException(file, null, null, "is not valid " + kind + syntaxDetail(e));
            } catch (IOException e) {
                throw new DefinitionFileException(file, null, null, "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new DefinitionFileException(file, null, null, "is empty; it should hold 'endpoints' and 'subscriptions' lists");
            }
            if (!node.isObject()) {
                throw new DefinitionFileException(file, null, null, "must hold one object with 'endpoints' and 'subscriptions' lists");
            }
            return (ObjectNode) node;
        }

        /** Line and column only; a duplicate field is named (a name is no secret). No text of the file is quoted. */
        private static String syntaxDetail(JsonProcessingException e) {
            String original = Optional.ofNullable(e.getOriginalMessage()).orElse("");
            String duplicate = original.startsWith("Duplicate field '") ? ": " + original.split("\\R", 2)[0] : "";
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return where + duplicate;
        }

        private static <T> List<T> entries(Path file, ObjectNode root, String list, String keyField, Function<ObjectNode, T> decode,
                Function<T, String> key) {
            JsonNode node = root.get(list);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw new DefinitionFileException(file, null, list, "must be a list");
            }
            List<T> decoded = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String entry = list + "[" + i + "]";
                if (!item.isObject()) {
                    throw new DefinitionFileException(file, entry, null, "must be an object");
                }
                JsonNode keyNode = item.get(keyField);
                if (keyNode != null && keyNode.isTextual()) {
                    entry += " '" + keyNode.asText() + "'";
                }
                T value;
                try {
                    value = decode.apply(((ObjectNode) item).deepCopy());
                } catch (InvalidFieldException e) {
                    throw new DefinitionFileException(file, entry, e.field(), detailOf(e));
                } catch (ConfigurationException e) {
                    throw new DefinitionFileException(file, entry, null, e.getMessage());
                }
                Integer earlier = seen.putIfAbsent(key.apply(value), i);
                if (earlier != null) {
                    throw new DefinitionFileException(file, entry, keyField, "'" + key.apply(value) + "' is defined twice (also "
                            + list + "[" + earlier + "])");
                }
                decoded.add(value);
            }
            return decoded;
        }

        /** The codec's message starts with the field's path, which the exception names again. */
        private static String detailOf(InvalidFieldException e) {
            String prefix = e.field() + ": ";
            String message = Optional.ofNullable(e.getMessage()).orElse("");
            return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        }
    }

    /** Replaces {@code {"env"}} and {@code {"file"}} references by the secrets they name, in place. */
    private static final class SecretReferences {
        private final Path file;
        private final UnaryOperator<String> environment;

        SecretReferences(Path file, UnaryOperator<String> environment) {
            this.file = file;
            this.environment = environment;
        }

        /** {@code field} is one secret value. */
        void resolveValue(ObjectNode entry, String field) {
            resolveValue(entry, field, field);
        }

        private void resolveValue(ObjectNode entry, String field, String path) {
            JsonNode value = entry.get(field);
            if (isReference(value)) {
                entry.set(field, resolve((ObjectNode) value, path));
            }
        }

        /**
         * An endpoint's actions: a forward's {@code secret}, a notify's {@code url} (a chat webhook URL
         * is a credential) and {@code headers} values, in routes' rules and defaults too. The depth is
         * the file's, bounded by {@link #MAX_DEPTH}.
         */
        void resolveActions(JsonNode actions, String path) {
            if (actions == null || !actions.isArray()) {
                return; // absent or malformed: the codec says what is wrong
            }
            for (int i = 0; i < actions.size(); i++) {
                if (!(actions.get(i) instanceof ObjectNode action)) {
                    continue;
                }
                String at = path + "[" + i + "]";
                resolveValue(action, "secret", at + ".secret");
                resolveValue(action, "url", at + ".url");
                if (action.get("headers") instanceof ObjectNode headers) {
                    List<String> names = new ArrayList<>();
                    headers.fieldNames().forEachRemaining(names::add);
                    for (String name : names) {
                        resolveValue(headers, name, at + ".headers." + name);
                    }
                }
                JsonNode rules = action.get("rules");
                if (rules != null && rules.isArray()) {
                    for (int r = 0; r < rules.size(); r++) {
                        resolveActions(rules.get(r).get("then"), at + ".rules[" + r + "].then");
                    }
                }
                resolveActions(action.get("default"), at + ".default");
            }
        }

        /** {@code field} is a list of secret values, or of {@code {"id","value","validUntil"}} objects. */
        void resolveKeyRing(ObjectNode entry, String field) {
            JsonNode ring = entry.get(field);
            if (ring == null || !ring.isArray()) {
                return; // absent or malformed: the codec says what is wrong
            }
            ArrayNode items = (ArrayNode) ring;
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String at = field + "[" + i + "]";
                if (isReference(item)) {
                    items.set(i, resolve((ObjectNode) item, at));
                } else if (item.isObject() && isReference(item.get("value"))) {
                    ((ObjectNode) item).set("value", resolve((ObjectNode) item.get("value"), at + ".value"));
                }
            }
        }

        /** {@code field} maps header names to a value or a list of values. */
        void resolveHeaders(ObjectNode entry, String field) {
            JsonNode headers = entry.get(field);
            if (headers == null || !headers.isObject()) {
                return;
            }
            ObjectNode object = (ObjectNode) headers;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                String at = field + "." + name;
                if (isReference(value)) {
                    object.set(name, resolve((ObjectNode) value, at));
                } else if (value.isArray()) {
                    ArrayNode values = (ArrayNode) value;
                    for (int i = 0; i < values.size(); i++) {
                        if (isReference(values.get(i))) {
                            values.set(i, resolve((ObjectNode) values.get(i), at + "[" + i + "]"));
                        }
                    }
                }
            }
        }

        /** An object with exactly one field, {@code env} or {@code file}. */
        private static boolean isReference(JsonNode node) {
            return node != null && node.isObject() && node.size() == 1 && (node.has("env") || node.has("file"));
        }

        private TextNode resolve(ObjectNode reference, String field) {
            JsonNode target = reference.has("env") ? reference.get("env") : reference.get("file");
            String kind = reference.has("env") ? "env" : "file";
            if (!target.isTextual() || target.asText().isBlank()) {
                throw new InvalidFieldException(field + "." + kind, "must be " + (kind.equals("env") ? "a variable name" : "a path"));
            }
            return TextNode.valueOf(kind.equals("env") ? variable(target.asText(), field) : fileContent(target.asText(), field));
        }

        private String variable(String name, String field) {
            String value = environment.apply(name);
            if (value == null) {
                throw new InvalidFieldException(field, "environment variable '" + name + "' is not set");
            }
            if (value.isBlank()) {
                throw new InvalidFieldException(field, "environment variable '" + name + "' is empty");
            }
            return value;
        }

        private String fileContent(String name, String field) {
            Path base = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
            Path secretFile = base.resolve(name);
            byte[] bytes;
            try {
                if (!Files.isRegularFile(secretFile)) {
                    throw new InvalidFieldException(field, "secret file '" + name + "' does not exist");
                }
                if (Files.size(secretFile) > MAX_SECRET_FILE_BYTES) {
                    throw new InvalidFieldException(field, "secret file '" + name + "' is larger than " + MAX_SECRET_FILE_BYTES + " bytes");
                }
                bytes = Files.readAllBytes(secretFile);
            } catch (IOException e) {
                throw new InvalidFieldException(field, "secret file '" + name + "' cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            String value = stripLineBreak(new String(bytes, StandardCharsets.UTF_8));
            if (value.isBlank()) {
                throw new InvalidFieldException(field, "secret file '" + name + "' is empty");
            }
            return value;
        }

        /** {@code echo s3cret > file} writes a line break the secret does not have. */
        private static String stripLineBreak(String text) {
            int end = text.length();
            while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
            return text.substring(0, end);
        }
    }
}
