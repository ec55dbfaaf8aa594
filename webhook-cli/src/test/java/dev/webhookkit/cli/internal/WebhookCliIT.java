package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command as users run it: {@code java -jar webhook-cli/target/webhook-cli.jar …} in
 * its own process, with real standard streams and exit codes. Runs after {@code package}
 * (failsafe); the jar's path comes from the build.
 */
class WebhookCliIT {
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GITHUB_SECRET = "It's a Secret to Everybody";
    private static final String GITHUB_SIGNATURE =
            "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        String path = System.getProperty("webhook.cli.jar");
        assertThat(path).as("system property webhook.cli.jar (set by the failsafe configuration)").isNotNull();
        jar = Path.of(path);
        assertThat(jar).as("the executable jar built by 'mvn package'").isRegularFile();
    }

    @Test
    void printsItsVersion() throws Exception {
        Run r = run(new byte[0], "--version");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("webhook " + VersionProvider.version());
    }

    @Test
    void verifyExitsZeroOneAndTwo() throws Exception {
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

        Run valid = run(body, "verify", "--scheme", "github", "--secret", GITHUB_SECRET, "-H", GITHUB_SIGNATURE);
        Run invalid = run("Hello, World!\n".getBytes(StandardCharsets.UTF_8), "verify", "--scheme", "github",
                "--secret", GITHUB_SECRET, "-H", GITHUB_SIGNATURE);
        Run usage = run(body, "verify", "--scheme", "no-such-scheme", "--secret", GITHUB_SECRET);

        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.out()).isEqualTo("valid (secret: default)\n");
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(1);
        assertThat(invalid.out()).isEqualTo("invalid: SIGNATURE_MISMATCH\n");
        assertThat(usage.exitCode()).as(usage.toString()).isEqualTo(2);
        assertThat(usage.err()).contains("--scheme").contains("github");
        assertThat(usage.out()).isEmpty();
    }

    @Test
    void signsAndVerifiesBinaryBodiesThroughStandardInputByteForByte() throws Exception {
        byte[] body = {0x00, (byte) 0xFF, 0x0D, 0x0A, 0x00, (byte) 0xC3, 0x28, 0x0A};

        Run signed = run(body, "sign", "--scheme", "standard-webhooks", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "--id", "msg_binary", "--timestamp", "1772700000");
        List<String> verify = new ArrayList<>(List.of("verify", "--scheme", "standard-webhooks",
                "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "--now", "1772700001"));
        signed.out().lines().forEach(h -> verify.addAll(List.of("-H", h)));
        Run same = run(body, verify.toArray(String[]::new));
        Run lastByteDropped = run(Arrays.copyOf(body, body.length - 1), verify.toArray(String[]::new));
        Path file = Files.write(dir.resolve("body.bin"), body);
        List<String> fromFile = new ArrayList<>(verify);
        fromFile.addAll(List.of("--body-file", file.toString()));
        Run sameFromFile = run(new byte[0], fromFile.toArray(String[]::new));

        assertThat(signed.exitCode()).as(signed.toString()).isZero();
        assertThat(signed.out()).contains("webhook-signature: v1,");
        assertThat(same.exitCode()).as(same.toString()).isZero();
        assertThat(lastByteDropped.out()).isEqualTo("invalid: SIGNATURE_MISMATCH\n");
        assertThat(sameFromFile.exitCode()).as(sameFromFile.toString()).isZero();
    }

    @Test
    void signPrintsTheDocumentedGithubHeader() throws Exception {
        Run r = run("Hello, World!".getBytes(StandardCharsets.UTF_8), "sign", "--scheme", "github", "--secret", GITHUB_SECRET);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(GITHUB_SIGNATURE + "\n");
    }

    @Test
    void mapExitsZeroOneAndTwo() throws Exception {
        Run mapped = run(Fixtures.payload("alertmanager-firing.json"), "map", "--provider", "prometheus");
        Run malformed = run("{ nope".getBytes(StandardCharsets.UTF_8), "map", "--provider", "prometheus");
        Run unknown = run(new byte[0], "map", "--provider", "nope");

        assertThat(mapped.exitCode()).as(mapped.toString()).isZero();
        JsonNode alerts = JSON.readTree(mapped.out());
        assertThat(alerts.isArray()).isTrue();
        assertThat(alerts.get(0).path("severity").asText()).isEqualTo("critical");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.out()).isEqualTo("invalid: MALFORMED_PAYLOAD\n");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--provider").contains("prometheus");
    }

    @Test
    void sendExitsZeroWhenDeliveredAndOneWhenNot() throws Exception {
        try (TestReceiver ok = TestReceiver.answering(200); TestReceiver failing = TestReceiver.answering(503)) {
            Run delivered = run("{\"id\":1}".getBytes(StandardCharsets.UTF_8), "send", "--url", ok.url(), "--secret", "s",
                    "--event", "order.created", "--allow-private");
            Run deadLettered = run(new byte[0], "send", "--url", failing.url(), "--secret", "s", "--event", "order.created",
                    "--allow-private", "--max-attempts", "2");
            Run refused = run(new byte[0], "send", "--url", ok.url(), "--secret", "s", "--event", "order.created");
            Run usage = run(new byte[0], "send", "--url", ok.url(), "--secret", "s", "--event", "e", "--max-attempts", "-1");

            assertThat(delivered.exitCode()).as(delivered.toString()).isZero();
            assertThat(delivered.out()).startsWith("attempt 1: 200 in ").contains("\ndelivered (message ");
            assertThat(ok.next().bodyAsString()).contains("order.created");
            assertThat(deadLettered.exitCode()).as(deadLettered.toString()).isEqualTo(1);
            assertThat(deadLettered.out()).contains("attempt 1: 503", "attempt 2: 503", "not delivered: dead-lettered after 2 attempts");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.out()).contains("--allow-private");
            assertThat(usage.exitCode()).isEqualTo(2);
            assertThat(usage.err()).contains("--max-attempts");
        }
    }

    @Test
    void listenPrintsEachRequestAndStopsCleanlyOnSigterm() throws Exception {
        Process listen = start("listen", "--port", "0", "--scheme", "github", "--secret", Fixtures.sampleSecret("github"),
                "--provider", "github");
        BlockingQueue<String> lines = linesOf(listen);
        try {
            String first = next(lines);
            Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/ .*").matcher(first);
            assertThat(m.matches()).as(first).isTrue();
            int port = Integer.parseInt(m.group(1));

            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/github"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.payload("github-workflow-run-failure.json")));
            Map<String, String> headers = Fixtures.payloadHeaders("github-workflow-run-failure.json");
            headers.forEach(post::header);
            HttpResponse<String> response = HttpClient.newHttpClient().send(post.build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            String line = next(lines);
            while (!line.startsWith("POST ")) {
                line = next(lines);
            }
            assertThat(line).isEqualTo("POST /github -> 200 PROCESSED (" + Fixtures.payload("github-workflow-run-failure.json").length + " bytes)");
            assertThat(next(lines)).isEqualTo("  signature: valid (secret: default)");
            assertThat(next(lines)).isEqualTo("  event: workflow_run");
            assertThat(next(lines)).startsWith("  alerts: [{\"title\":");
        } finally {
            // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hooks; the handle leaves our end of the pipes open.
            listen.toHandle().destroy();
        }
        assertThat(listen.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("listen stopped after SIGTERM").isTrue();
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        String last;
        while ((last = lines.poll(2, TimeUnit.SECONDS)) != null) {
            rest.add(last);
        }
        assertThat(rest).contains("stopped");
    }

    @Test
    void recordVerifyAndReplayFindAndFixAWrongSecret() throws Exception {
        Path records = dir.resolve("deliveries");
        byte[] payload = Fixtures.payload("github-workflow-run-failure.json");
        Map<String, String> headers = Fixtures.payloadHeaders("github-workflow-run-failure.json");
        // The receiver is configured with the wrong secret: the delivery fails, and is recorded.
        Process wrong = start("listen", "--port", "0", "--scheme", "github", "--secret", "not-the-secret", "--record", records.toString());
        try {
            int port = portOf(linesOf(wrong));
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/github"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
            headers.forEach(post::header);
            assertThat(HttpClient.newHttpClient().send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        } finally {
            wrong.toHandle().destroy();
            assertThat(wrong.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        List<Path> files;
        try (var list = Files.list(records)) {
            files = list.toList();
        }
        assertThat(files).hasSize(1);
        Path file = files.get(0);
        assertThat(JSON.readTree(file.toFile()).get("verdict").asText()).isEqualTo("401 SIGNATURE_MISMATCH");

        Run wrongSecret = run(new byte[0], "verify", "--scheme", "github", "--secret", "not-the-secret", "--request", file.toString());
        Run rightSecret = run(new byte[0], "verify", "--scheme", "github", "--secret", Fixtures.sampleSecret("github"),
                "--request", file.toString());
        Run malformed = run(new byte[0], "verify", "--scheme", "github", "--secret", "s", "--request",
                Files.writeString(dir.resolve("broken.json"), "{\"method\":").toString());
        assertThat(wrongSecret.exitCode()).as(wrongSecret.toString()).isEqualTo(1);
        assertThat(wrongSecret.out()).isEqualTo("invalid: SIGNATURE_MISMATCH\n");
        assertThat(rightSecret.exitCode()).as(rightSecret.toString()).isEqualTo(0);
        assertThat(rightSecret.out()).isEqualTo("valid (secret: default)\n");
        assertThat(malformed.exitCode()).as(malformed.toString()).isEqualTo(2);
        assertThat(malformed.err()).contains("broken.json: not a recorded request");

        // Fixed: the receiver has the right secret; the recorded delivery is replayed byte for byte.
        Process fixed = start("listen", "--port", "0", "--scheme", "github", "--secret", Fixtures.sampleSecret("github"));
        try {
            BlockingQueue<String> lines = linesOf(fixed);
            int port = portOf(lines);
            Run replay = run(new byte[0], "replay", records.toString(), "--to", "http://127.0.0.1:" + port + "/github");

            assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(0);
            assertThat(replay.out()).isEqualTo(file.getFileName() + " -> 200\n");
            String line = next(lines);
            while (!line.startsWith("POST ")) {
                line = next(lines);
            }
            assertThat(line).isEqualTo("POST /github -> 200 PROCESSED (" + payload.length + " bytes)");
        } finally {
            fixed.toHandle().destroy();
            assertThat(fixed.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void triggerSendsASignedGithubSampleThatListenAccepts() throws Exception {
        String secret = "trigger-it-secret-5d1c";
        Path secretFile = Files.writeString(dir.resolve("secret.txt"), secret + "\n");
        Process listener = start("listen", "--port", "0", "--scheme", "github", "--secret", secret, "--provider", "github");
        try {
            BlockingQueue<String> lines = linesOf(listener);
            String url = "http://127.0.0.1:" + portOf(lines) + "/github";

            Run signed = run(new byte[0], "trigger", "github", "--to", url, "--secret-file", secretFile.toString());
            Run wrong = run(new byte[0], "trigger", "github", "push", "--to", url, "--secret", "not-" + secret);
            Run unknown = run(new byte[0], "trigger", "githup", "--to", url);

            assertThat(signed.exitCode()).as(signed.toString()).isZero();
            assertThat(signed.out()).isEqualTo("github/workflow-run-failure -> 200 (signed: github)\n");
            assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
            assertThat(wrong.out()).isEqualTo("github/push -> 401 (signed: github)\n");
            assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
            assertThat(unknown.err()).contains("webhook trigger --list");
            List<String> posts = new ArrayList<>();
            while (posts.size() < 2) {
                String line = next(lines);
                if (line.startsWith("POST ")) {
                    posts.add(line);
                }
            }
            assertThat(posts.get(0)).startsWith("POST /github -> 200 PROCESSED");
            assertThat(posts.get(1)).startsWith("POST /github -> 401 SIGNATURE_MISMATCH");
        } finally {
            listener.toHandle().destroy();
            assertThat(listener.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    private static int portOf(BlockingQueue<String> lines) throws InterruptedException {
        String first = next(lines);
        Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/ .*").matcher(first);
        assertThat(m.matches()).as(first).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void listenWithABadOptionExitsTwo() throws Exception {
        Run r = run(new byte[0], "listen", "--port", "99999", "--scheme", "github", "--secret", "s");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--port");
    }

    @Test
    void theRepositoryLauncherRunsTheJar() throws Exception {
        Path launcher = jar.getParent().getParent().getParent().resolve("bin/webhook");
        assertThat(launcher).isExecutable();

        Process p = new ProcessBuilder("bash", launcher.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("webhook " + VersionProvider.version());
    }

    /**
     * One finished process run.
     *
     * @param exitCode its exit code
     * @param out standard output
     * @param err standard error
     */
    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Run run(byte[] stdin, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        }
        if (!p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("webhook " + String.join(" ", args) + " did not finish within " + PROCESS_TIMEOUT);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Process start(String... args) throws IOException {
        Process p = new ProcessBuilder(command(args)).redirectError(dir.resolve("listen-err.txt").toFile()).start();
        p.getOutputStream().close();
        return p;
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Standard output's lines as they come, read on a daemon thread. */
    private static BlockingQueue<String> linesOf(Process p) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<read failed: " + e + ">");
            }
        }, "listen-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("listen printed nothing within 30 s");
        }
        return line;
    }
}
