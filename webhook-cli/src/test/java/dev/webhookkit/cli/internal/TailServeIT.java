package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webhook tail} as users run it, against {@code webhook serve}'s real event stream: both
 * packaged jars in their own processes, the admin token handed over in an environment variable.
 */
class TailServeIT {
    private static final String TOKEN = "tail-serve-token-93f0c2a7b1";
    private static final String SECRET = "gh-tail-secret-Qx81";
    private static final Pattern READY = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path jar;

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void findJar() {
        String path = System.getProperty("webhook.cli.jar");
        assertThat(path).as("system property webhook.cli.jar (set by the failsafe configuration)").isNotNull();
        jar = Path.of(path);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void printsOneLinePerEventOfTheChosenEndpointAsTextAndAsJson() throws Exception {
        Path config = Files.writeString(dir.resolve("webhooks.yaml"), """
                endpoints:
                  - {name: github, scheme: github, secrets: [%s]}
                  - {name: other, scheme: none}
                """.formatted(SECRET));
        BlockingQueue<String> serveOut = new LinkedBlockingQueue<>();
        start(serveOut, "serve", "--port", "0", "--config", config.toString());
        int port = readyPort(serveOut);
        String stream = "http://127.0.0.1:" + port + Gateway.STREAM_PATH;

        BlockingQueue<String> text = new LinkedBlockingQueue<>();
        BlockingQueue<String> json = new LinkedBlockingQueue<>();
        start(text, "tail", stream, "--token-env", ServeCommand.DEFAULT_ADMIN_TOKEN_ENV, "--endpoint", "github");
        start(json, "tail", stream, "--token-env", ServeCommand.DEFAULT_ADMIN_TOKEN_ENV, "--json");

        // A tail shows what arrives after it connected: post until both have printed (bounded).
        String textLine = null;
        String jsonLine = null;
        for (int i = 0; i < 40 && (textLine == null || jsonLine == null); i++) {
            assertThat(ServeGatewayTest.postSigned(port, "/webhooks/github", SECRET, "tail-" + i).statusCode()).isEqualTo(200);
            textLine = textLine != null ? textLine : text.poll(500, TimeUnit.MILLISECONDS);
            jsonLine = jsonLine != null ? jsonLine : json.poll(500, TimeUnit.MILLISECONDS);
        }
        assertThat(textLine).as("tail --endpoint github printed a line").isNotNull();
        assertThat(textLine).contains(" github ").contains("200").contains("PROCESSED").doesNotContain(TOKEN);
        assertThat(jsonLine).as("tail --json printed a line").isNotNull();
        JsonNode event = JSON.readTree(jsonLine);
        assertThat(event.get("endpoint").asText()).isEqualTo("github");
        assertThat(event.get("reason").asText()).isEqualTo("PROCESSED");

        // --endpoint github leaves the other endpoint's events out; the unfiltered tail shows them.
        assertThat(postUnsigned(port, "/webhooks/other").statusCode()).isEqualTo(200);
        String otherJson = pollUntil(json, l -> l.contains("\"other\""));
        assertThat(otherJson).as("the unfiltered tail shows the other endpoint").isNotNull();
        List<String> textSeen = new ArrayList<>();
        text.drainTo(textSeen);
        assertThat(textSeen).noneMatch(l -> l.contains(" other "));
    }

    @Test
    void aWrongTokenIsRefusedWithExitOne() throws Exception {
        BlockingQueue<String> serveOut = new LinkedBlockingQueue<>();
        start(serveOut, "serve", "--port", "0");
        int port = readyPort(serveOut);
        ProcessBuilder b = new ProcessBuilder(command("tail", "http://127.0.0.1:" + port + Gateway.STREAM_PATH, "--token-env", "WRONG_TOKEN"))
                .redirectErrorStream(true);
        b.environment().put("WRONG_TOKEN", "not-the-admin-token-at-all");
        b.environment().put(ServeCommand.DEFAULT_ADMIN_TOKEN_ENV, TOKEN);
        Process tail = b.start();
        started.add(tail);
        assertThat(tail.waitFor(30, TimeUnit.SECONDS)).as("tail ends when refused").isTrue();
        String out = new String(tail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tail.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("401").doesNotContain("not-the-admin-token-at-all");
    }

    private static java.net.http.HttpResponse<String> postUnsigned(int port, String path) throws IOException, InterruptedException {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"unsigned\"}")).build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static String pollUntil(BlockingQueue<String> lines, java.util.function.Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        return null;
    }

    private static int readyPort(BlockingQueue<String> out) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = out.poll(500, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.append(line).append('\n');
            Matcher m = READY.matcher(line);
            if (m.lookingAt()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("serve was not ready within 60 s:\n" + seen);
    }

    /** Starts the jar with the admin token in the environment; standard output's lines go to {@code lines}. */
    private void start(BlockingQueue<String> lines, String... args) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command(args)).redirectError(dir.resolve(args[0] + "-err.txt").toFile());
        b.environment().put(ServeCommand.DEFAULT_ADMIN_TOKEN_ENV, TOKEN);
        Process p = b.start();
        p.getOutputStream().close();
        started.add(p);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, args[0] + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
