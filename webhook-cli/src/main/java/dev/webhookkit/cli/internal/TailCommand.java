package dev.webhookkit.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webhook tail}: follows a server's event stream and prints one line per event. */
@Command(name = "tail", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Follow a server's event stream (Server-Sent Events: the servlet's stream, or",
            "'webhook serve' at /admin/events/stream) and print one line per event:",
            "RECEIVED_AT ENDPOINT STATUS REASON EVENT_TYPE (N alerts) ID",
            "or, with --json, the event's JSON on one line. Ends when the server closes the stream."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the server ended the stream", "1:the stream could not be opened or broke (refused, not 200, a line over 1 MiB)",
            "2:usage error"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  WEBHOOK_ADMIN_TOKEN=... webhook tail http://127.0.0.1:8080/admin/events/stream --token-env WEBHOOK_ADMIN_TOKEN",
            "",
            "  webhook tail http://127.0.0.1:8080/events --endpoint github --json | jq .reason"})
public final class TailCommand implements Callable<Integer> {
    /** A longer line is not an event this tool shows; reading stops there, so memory stays bounded. */
    static final int MAX_LINE_BYTES = 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The event stream's URL (http or https).")
    String url;

    @Option(names = "--token-env", paramLabel = "NAME",
            description = "Send 'Authorization: Bearer' with the token in this environment variable.")
    String tokenEnv;

    @Option(names = "--endpoint", paramLabel = "NAME", description = "Only this endpoint's events; repeatable.")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--json", description = "Print each event's JSON on one line.")
    boolean json;

    public TailCommand(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() throws InterruptedException {
        URI target = target();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).header("Accept", "text/event-stream").GET();
        if (tokenEnv != null) {
            String token = env.variable(tokenEnv).filter(t -> !t.isBlank())
                    .orElseThrow(() -> Usage.error(spec, "--token-env: environment variable '" + tokenEnv + "' is not set or empty"));
            request.header("Authorization", "Bearer " + token);
        }
        HttpClient client = OutboundRequests.client();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            env.err().println("tail: cannot open " + target + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " " + e.getMessage() : ""));
            return ExitCodes.NEGATIVE;
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                env.err().println("tail: " + target + " answered " + response.statusCode()
                        + (response.statusCode() == 401 || response.statusCode() == 403 ? " (check --token-env)" : ""));
                return ExitCodes.NEGATIVE;
            }
            return follow(in);
        } catch (IOException e) {
            env.err().println("tail: the stream broke: " + e.getMessage());
            return ExitCodes.NEGATIVE;
        }
    }

    private int follow(InputStream in) throws IOException {
        StringBuilder data = new StringBuilder();
        long dataBytes = 0;
        String id = "";
        String line;
        while ((line = readLine(in)) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    env.out().println(format(id, data.toString()));
                    env.out().flush();
                }
                data.setLength(0);
                dataBytes = 0;
                id = "";
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                String value = field(line, 5);
                data.append(value);
                // Counted in bytes as sent, like a line: a cap in chars would let 3 bytes through per char.
                dataBytes += value.getBytes(StandardCharsets.UTF_8).length + 1;
                if (dataBytes > MAX_LINE_BYTES) {
                    env.err().println("tail: an event longer than " + MAX_LINE_BYTES + " bytes; stopped");
                    return ExitCodes.NEGATIVE;
                }
            } else if (line.startsWith("id:")) {
                id = field(line, 3);
            }
            // Comments (": heartbeat", ": dropped N events") and other fields are not events.
        }
        return ExitCodes.OK;
    }

    private static String field(String line, int from) {
        String v = line.substring(from);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    /** One line without its end (LF, CR LF or CR), null at the end of the stream; stops past {@link #MAX_LINE_BYTES}. */
    private String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return trimCr(line);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("a line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        return line.size() > 0 ? trimCr(line) : null;
    }

    private static String trimCr(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private String format(String id, String data) {
        JsonNode event;
        try {
            event = MAPPER.readTree(data);
        } catch (IOException e) {
            return json ? MAPPER.createObjectNode().put("id", id).put("data", data).toString() : id + " " + data.replace('\n', ' ');
        }
        if (json) {
            return event.toString();
        }
        JsonNode alerts = event.path("alerts");
        return String.join(" ", text(event, "receivedAt"), text(event, "endpoint"), text(event, "status"), text(event, "reason"),
                text(event, "eventType"), "(" + (alerts.isArray() ? alerts.size() : 0) + " alerts)", id.isEmpty() ? text(event, "eventId") : id);
    }

    private static String text(JsonNode event, String field) {
        JsonNode n = event.get(field);
        return n == null || n.isNull() || n.asText().isEmpty() ? "-" : n.asText();
    }

    private URI target() {
        URI uri = HttpUrls.parse(spec, "URL", url);
        try {
            if (endpoints.isEmpty()) {
                return uri;
            }
            StringBuilder query = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
            for (String e : endpoints) {
                query.append(query.length() == 0 ? "" : "&").append("endpoint=").append(URLEncoder.encode(e, StandardCharsets.UTF_8));
            }
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()) + "?" + query);
        } catch (URISyntaxException e) {
            throw Usage.error(spec, "URL must be an http or https URL but was '" + url + "'");
        }
    }
}
