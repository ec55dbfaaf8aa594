package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.cli.WebhookCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webhook serve} as a process of its own on the local PostgreSQL (and Redis): what is
 * created over HTTP and received survives SIGTERM and a restart, and a definitions file given at
 * the restart creates what is missing without replacing what is stored. Each run works in a schema of its
 * own, dropped afterwards.
 */
@Tag("services")
class ServeProcessTest {
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String DB_USER = "postgres";
    private static final String TOKEN = "process-test-token-6d0b2e94c1";
    private static final String SECRET = "gh-process-secret-Wn27";
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(40);
    private static final Pattern READY = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final String schema = ("serve_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void createSchema() throws SQLException {
        sql("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void endpointsSubscriptionsEventsAndMessagesSurviveARestart() throws Exception {
        int closedPort = closedPort();

        Server first = start();
        assertThat(ServeGatewayTest.admin(first.port, "GET", "/admin/events", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> created = ServeGatewayTest.admin(first.port, "POST", "/admin/endpoints",
                "{\"name\":\"github\",\"scheme\":\"github\",\"secrets\":[\"" + SECRET + "\"]}", TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> received = ServeGatewayTest.postSigned(first.port, "/webhooks/github", SECRET, schema + "-1");
        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        String eventId = received.headers().firstValue("X-Webhookkit-Event-Id").orElseThrow();
        JsonNode events = json(ServeGatewayTest.admin(first.port, "GET", "/admin/events?endpoint=github", null, TOKEN));
        assertThat(events.get("items")).singleElement().satisfies(e -> {
            assertThat(e.get("id").asText()).isEqualTo(eventId);
            assertThat(e.get("reason").asText()).isEqualTo("PROCESSED");
        });
        // An outbound message to a subscriber that is down stays pending in the outbox.
        HttpResponse<String> subscribed = ServeGatewayTest.admin(first.port, "POST", "/admin/subscriptions",
                "{\"id\":\"down\",\"url\":\"http://127.0.0.1:" + closedPort + "/hooks\",\"secret\":\"sub-secret-7781\"}", TOKEN);
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        HttpResponse<String> published = ServeGatewayTest.admin(first.port, "POST", "/admin/messages",
                "{\"eventType\":\"incident.created\",\"data\":{\"id\":42}}", TOKEN);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        String messageId = json(published).get("ids").get(0).asText();

        first.stop();

        // The file names the stored endpoint with another secret, and a new one: the stored one is kept, the new one created.
        Path config = Files.writeString(dir.resolve("webhooks.yaml"), """
                endpoints:
                  - {name: github, scheme: github, secrets: [file-secret-Rt55]}
                  - {name: added, scheme: none}
                """);
        Server second = start("--config", config.toString());
        assertThat(second.startOutput).contains("note: endpoint 'github' of " + config + " exists already; kept as stored")
                .doesNotContain("file-secret-Rt55");
        assertThat(ServeGatewayTest.admin(second.port, "GET", "/admin/endpoints/added", null, TOKEN).statusCode()).isEqualTo(200);
        assertThat(ServeGatewayTest.admin(second.port, "GET", "/admin/endpoints/github", null, TOKEN).statusCode()).isEqualTo(200);
        JsonNode again = json(ServeGatewayTest.admin(second.port, "GET", "/admin/events?endpoint=github", null, TOKEN));
        assertThat(again.get("items")).extracting(e -> e.get("id").asText()).containsExactly(eventId);
        assertThat(ServeGatewayTest.admin(second.port, "GET", "/admin/subscriptions/down", null, TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> message = ServeGatewayTest.admin(second.port, "GET", "/admin/messages/" + messageId, null, TOKEN);
        assertThat(message.statusCode()).as(message.body()).isEqualTo(200);
        // The endpoint's secret came back from the table (not the file's): it still verifies, and a forgery still fails.
        assertThat(ServeGatewayTest.postSigned(second.port, "/webhooks/github", SECRET, schema + "-2").statusCode()).isEqualTo(200);
        assertThat(ServeGatewayTest.postSigned(second.port, "/webhooks/github", "forged", schema + "-3").statusCode()).isEqualTo(401);
        second.stop();
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        Server server = start();

        // Linux routes all of 127.0.0.0/8 to the loopback device: a socket bound to 127.0.0.1 alone
        // is not reached through 127.0.0.2, one bound to every address would be.
        try (Socket s = new Socket()) {
            assertThat(connects(s, "127.0.0.2", server.port)).isFalse();
        }
        try (Socket s = new Socket()) {
            assertThat(connects(s, "127.0.0.1", server.port)).isTrue();
        }
        server.stop();
    }

    private static boolean connects(Socket socket, String host, int port) throws IOException {
        try {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    /** A running {@code webhook serve} process, its port, and what it printed. */
    private final class Server {
        final Process process;
        final int port;
        final BlockingQueue<String> out;
        final Thread reader;
        final String startOutput;

        Server(Process process, int port, BlockingQueue<String> out, Thread reader, String startOutput) {
            this.process = process;
            this.port = port;
            this.out = out;
            this.reader = reader;
            this.startOutput = startOutput;
        }

        /** SIGTERM: drains and exits 0 within the bound. */
        void stop() throws InterruptedException {
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
            assertThat(process.waitFor(STOPPED_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("serve stopped after SIGTERM").isTrue();
            reader.join(5_000); // the last lines may still be in the pipe
            List<String> rest = new ArrayList<>();
            out.drainTo(rest);
            assertThat(process.exitValue()).as("exit code after SIGTERM; output:\n%s", String.join("\n", rest)).isZero();
            assertThat(String.join("\n", rest)).contains("stopped").doesNotContain(TOKEN).doesNotContain(SECRET);
        }
    }

    private Server start(String... extra) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                WebhookCli.class.getName(), "serve", "--port", "0",
                "--jdbc-url", DATABASE + "?currentSchema=" + schema, "--jdbc-user", DB_USER,
                "--redis-url", "redis://127.0.0.1:6379", "--allow-private"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(ServeCommand.DEFAULT_ADMIN_TOKEN_ENV, TOKEN);
        Process process = builder.start();
        started.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();

        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line == null) {
                assertThat(process.isAlive()).as("serve exited before it was ready:\n%s", seen).isTrue();
                continue;
            }
            seen.append(line).append('\n');
            Matcher m = READY.matcher(line);
            if (m.matches()) {
                return new Server(process, Integer.parseInt(m.group(1)), lines, reader, seen.toString());
            }
        }
        throw new AssertionError("serve was not ready within " + READY_WITHIN + ":\n" + seen);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return MAPPER.readTree(response.body());
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(DATABASE, DB_USER, ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
