package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.Schemes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "record-secret-41";

    private final Cli cli = Cli.create().clock(Clock.systemUTC());
    private final ListenRun listener = new ListenRun(cli);
    private final ChunkWriter out = listener.out;
    private final ChunkWriter err = listener.err;

    @TempDir
    Path dir;

    @AfterEach
    void stopListener() throws Exception {
        listener.close();
    }

    @Test
    void recordsEachRequestAsOneJsonFileWithBodyAsBase64AndTextAndTheVerdict() throws Exception {
        Path records = dir.resolve("records");
        int port = listener.start("--scheme", "github", "--secret", "wrong-secret", "--record", records.toString());

        HttpResponse<String> response = ListenRun.postSignedGithub(port, "/hooks/github?x=1", SECRET, "{\"n\":1}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(out.next()).contains("recorded: " + records.toAbsolutePath());
        Path file = onlyFile(records);
        assertThat(file.getFileName().toString()).matches("\\d{8}T\\d{6}\\.\\d{3}Z-000001\\.json");
        JsonNode json = JSON.readTree(file.toFile());
        assertThat(json.get("method").asText()).isEqualTo("POST");
        assertThat(json.get("path").asText()).isEqualTo("/hooks/github?x=1");
        assertThat(json.get("headers").get("X-hub-signature-256").get(0).asText()).startsWith("sha256=");
        assertThat(Base64.getDecoder().decode(json.get("bodyBase64").asText())).isEqualTo("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.get("bodyText").asText()).isEqualTo("{\"n\":1}");
        assertThat(Instant.parse(json.get("receivedAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(json.get("verdict").asText()).isEqualTo("401 SIGNATURE_MISMATCH");
    }

    @Test
    void binaryBodyIsRecordedAsBase64OnlyAndReplayedByteForByte() throws Exception {
        Path records = dir.resolve("records");
        int port = listener.start("--scheme", "github", "--secret", SECRET, "--record", records.toString());
        byte[] body = {(byte) 0xff, 0, (byte) 0xc3, 0x28, '\n'};
        String signature = Schemes.github().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues(SECRET))
                .first("X-Hub-Signature-256").orElseThrow();
        ListenRun.post(port, "/", body, Map.of("X-Hub-Signature-256", signature));
        out.next();
        Path file = onlyFile(records);
        assertThat(JSON.readTree(file.toFile()).has("bodyText")).isFalse();

        try (TestReceiver target = TestReceiver.answering(204)) {
            Cli.Result r = cli.run("replay", file.toString(), "--to", target.url() + "in");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            assertThat(r.out()).isEqualTo(file.getFileName() + " -> 204\n");
            WebhookRequest got = target.next();
            assertThat(got.body()).isEqualTo(body);
            assertThat(got.headers().first("X-Hub-Signature-256")).contains(signature);
        }
    }

    @Test
    void hostilePathsNeverNameTheFile() throws Exception {
        Path records = dir.resolve("records");
        int port = listener.start("--scheme", "github", "--secret", SECRET, "--record", records.toString());
        try (Socket s = new Socket("127.0.0.1", port)) {
            String req = "POST /../../../escape.json HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
            OutputStream os = s.getOutputStream();
            os.write(req.getBytes(StandardCharsets.US_ASCII));
            os.flush();
            s.setSoTimeout(10_000);
            try (InputStream in = s.getInputStream()) {
                in.readAllBytes();
            }
        }
        out.next();

        Path file = onlyFile(records);
        assertThat(file.getParent()).isEqualTo(records.toAbsolutePath());
        assertThat(JSON.readTree(file.toFile()).get("path").asText()).isEqualTo("/../../../escape.json");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.getFileName().toString().contains("escape")).toList()).isEmpty();
        }
    }

    @Test
    void stopsRecordingAtTheFileCapButKeepsAnswering() throws Exception {
        Path records = dir.resolve("records");
        int port = listener.start("--scheme", "github", "--secret", SECRET, "--record", records.toString(), "--record-max-files", "1");

        ListenRun.postSignedGithub(port, "/1", SECRET, "{}");
        assertThat(out.next()).contains("recorded: ");
        HttpResponse<String> second = ListenRun.postSignedGithub(port, "/2", SECRET, "{}");

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(out.next()).contains("not recorded: --record-max-files 1 reached");
        onlyFile(records);
    }

    @Test
    void respondOverridesTheStatusAfterTheDelay() throws Exception {
        int port = listener.start("--scheme", "github", "--secret", SECRET, "--respond", "503", "--respond-delay", "300");
        long started = System.nanoTime();

        HttpResponse<String> response = ListenRun.postSignedGithub(port, "/", SECRET, "{}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        String report = out.next();
        assertThat(report).startsWith("POST / -> 200 PROCESSED").contains("\n  responded: 503 (--respond)");
    }

    @Test
    void badRespondAndRecordOptionsAreUsageErrors() throws Exception {
        Path aFile = Files.writeString(dir.resolve("file"), "x");
        assertUsage("--respond must be between 200 and 599", "listen", "--port", "0", "--scheme", "github", "--secret", "s", "--respond", "99");
        assertUsage("--respond-delay", "listen", "--port", "0", "--scheme", "github", "--secret", "s", "--respond-delay", "-1");
        assertUsage("--record", "listen", "--port", "0", "--scheme", "github", "--secret", "s", "--record", aFile.toString());
        assertUsage("--record-max-files", "listen", "--port", "0", "--scheme", "github", "--secret", "s", "--record-max-files", "0");
    }

    @Test
    void verifyRequestChecksARecordedFileAtTheTimeItArrived() throws Exception {
        Path file = recorded("/x", "{\"a\":1}", SECRET, Instant.parse("2026-01-01T00:00:00Z"));

        Cli.Result valid = Cli.create().run("verify", "--scheme", "github", "--secret", SECRET, "--request", file.toString());
        Cli.Result invalid = Cli.create().run("verify", "--scheme", "github", "--secret", "other", "--request", file.toString());

        assertThat(valid.exitCode()).as(valid.toString()).isEqualTo(ExitCodes.OK);
        assertThat(valid.out()).isEqualTo("valid (secret: default)\n");
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(invalid.out()).isEqualTo("invalid: SIGNATURE_MISMATCH\n");
        assertThat(invalid.err()).doesNotContain("other");
    }

    @Test
    void verifyRequestOnAStandardWebhooksRecordUsesItsReceivedAt() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        var headers = Schemes.byId("standard-webhooks").sign(SigningInput.of("msg_1", at, body, ""), SecretSet.ofValues(secret));
        Path file = dir.resolve("sw.json");
        Files.write(file, new RecordedRequest("POST", "/", headers, body, at.plusSeconds(2), "200 PROCESSED").toJson());

        assertThat(Cli.create().run("verify", "--scheme", "standard-webhooks", "--secret", secret, "--request", file.toString())
                .exitCode()).isEqualTo(ExitCodes.OK);
        Cli.Result late = Cli.create().run("verify", "--scheme", "standard-webhooks", "--secret", secret, "--request", file.toString(),
                "--now", Long.toString(at.plusSeconds(3600).getEpochSecond()));
        assertThat(late.out()).isEqualTo("invalid: TIMESTAMP_EXPIRED\n");
    }

    @Test
    void malformedRecordFilesAreUsageErrorsNamingTheFileAndProblem() throws Exception {
        Map<String, String> cases = Map.of(
                "not json {", "not a recorded request",
                "[1,2]", "expected a JSON object",
                "{\"method\":\"POST\",\"path\":\"/\",\"headers\":{},\"receivedAt\":\"2026-01-01T00:00:00Z\"}", "\"bodyBase64\"",
                "{\"method\":\"POST\",\"path\":\"/\",\"headers\":{},\"bodyBase64\":\"%%%\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}",
                "is not base64",
                "{\"method\":\"POST\",\"path\":\"/\",\"headers\":{\"A\":\"b\"},\"bodyBase64\":\"\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}",
                "must be an array",
                "{\"method\":\"POST\",\"path\":\"/\",\"headers\":{},\"bodyBase64\":\"\",\"receivedAt\":\"yesterday\"}", "\"receivedAt\"",
                // the HTTP client would throw on these mid-run: refused when read, before anything is sent
                "{\"method\":\"GET /x\",\"path\":\"/\",\"headers\":{},\"bodyBase64\":\"\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}",
                "\"method\" is not an HTTP method",
                "{\"method\":\"CONNECT\",\"path\":\"/\",\"headers\":{},\"bodyBase64\":\"\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}",
                "\"method\" is not an HTTP method",
                "{\"method\":\"POST\",\"path\":\"x\",\"headers\":{},\"bodyBase64\":\"\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}",
                "\"path\" must start with /");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = Files.writeString(dir.resolve("bad" + i++ + ".json"), c.getKey());

            Cli.Result verify = Cli.create().run("verify", "--scheme", "github", "--secret", "s", "--request", file.toString());
            Cli.Result replay = Cli.create().run("replay", file.toString(), "--to", "http://127.0.0.1:9/");

            assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(verify.err()).contains(file.toString()).contains(c.getValue()).doesNotContain("Exception");
            assertThat(replay.exitCode()).as(replay.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(replay.err()).contains(c.getValue());
        }
    }

    @Test
    void replayOfADirectorySendsNothingWhenOneFileIsMalformed() throws Exception {
        recorded("/a", "{}", SECRET, Instant.now());
        Files.writeString(dir.resolve("zz-broken.json"), "{");
        try (TestReceiver target = TestReceiver.answering(200)) {
            Cli.Result r = Cli.create().run("replay", dir.toString(), "--to", target.url());

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("zz-broken.json");
            assertThat(target.requestCount()).isZero();
        }
    }

    @Test
    void replayOfADirectoryGoesInNameOrderAndExitsOneWhenAnAnswerIsNot2xx() throws Exception {
        Path a = recordedAs("a.json", "/a", "{\"n\":1}", SECRET);
        Path b = recordedAs("b.json", "/b", "{\"n\":2}", SECRET);
        try (TestReceiver target = TestReceiver.answering(200, 500)) {
            Cli.Result r = Cli.create().run("replay", dir.toString(), "--to", target.url());

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NEGATIVE);
            assertThat(r.outLines()).containsExactly(a.getFileName() + " -> 200", b.getFileName() + " -> 500");
            assertThat(new String(target.next().body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
            assertThat(new String(target.next().body(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}");
        }
    }

    @Test
    void replayWhenNothingListensPrintsTheFailureAndExitsOne() throws Exception {
        Path a = recordedAs("a.json", "/a", "{}", SECRET);
        int port;
        try (TestReceiver gone = TestReceiver.answering(200)) {
            port = gone.port();
        }
        Cli.Result r = Cli.create().run("replay", a.toString(), "--to", "http://127.0.0.1:" + port + "/");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.out()).startsWith("a.json -> failed: ");
    }

    @Test
    void resignSignsTheSameBytesAtTheCurrentTimeWithTheGivenSecret() throws Exception {
        Path file = recordedAs("a.json", "/a", "{\"n\":1}", "old-wrong-secret");
        Cli resigning = Cli.create().variables(Map.of("RIGHT", SECRET));
        try (TestReceiver target = TestReceiver.answering(200)) {
            Cli.Result r = resigning.run("replay", file.toString(), "--to", target.url(), "--resign", "--scheme", "github",
                    "--secret-env", "RIGHT");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
            assertThat(r.out()).isEqualTo("a.json -> 200 (re-signed)\n").doesNotContain(SECRET);
            WebhookRequest got = target.next();
            assertThat(got.headers().all("X-Hub-Signature-256")).hasSize(1);
            assertThat(Schemes.github().verify(got, SecretSet.ofValues(SECRET)).isValid()).isTrue();
        }
    }

    @Test
    void replayUsageErrors() throws Exception {
        Path file = recordedAs("a.json", "/a", "{}", SECRET);
        assertUsage("--to", "replay", file.toString());
        assertUsage("--to must be an http", "replay", file.toString(), "--to", "ftp://x/");
        assertUsage("--to must be an http or https URL with a host (no credentials, no fragment)", "replay", file.toString(),
                "--to", "http://127.0.0.1:9/#frag");
        assertUsage("no such file", "replay", dir.resolve("nope.json").toString(), "--to", "http://127.0.0.1:9/");
        assertUsage("--resign needs --scheme", "replay", file.toString(), "--to", "http://127.0.0.1:9/", "--resign", "--secret", "s");
        assertUsage("are for --resign", "replay", file.toString(), "--to", "http://127.0.0.1:9/", "--secret", "s");
        assertUsage("Unknown --scheme", "replay", file.toString(), "--to", "http://127.0.0.1:9/", "--resign", "--scheme", "nope",
                "--secret", "s");
        Files.delete(file);
        assertUsage("no *.json files", "replay", dir.toString(), "--to", "http://127.0.0.1:9/");
    }

    @Test
    void everyUrlOptionRefusesCredentialsWithoutRepeatingThem() throws Exception {
        Path file = recordedAs("c.json", "/c", "{}", SECRET);
        String withPassword = "http://user:pa55word@127.0.0.1:9/hook";
        List<String[]> commands = List.of(
                new String[] {"replay", file.toString(), "--to", withPassword},
                new String[] {"trigger", "github", "push", "--to", withPassword, "--secret", "s"},
                new String[] {"send", "--url", withPassword, "--secret", "s", "--event", "t"},
                new String[] {"tail", withPassword},
                new String[] {"listen", "--port", "0", "--scheme", "github", "--secret", "s", "--forward-to", withPassword});
        for (String[] args : commands) {
            Cli.Result r = Cli.create().run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(args[0]).contains("no credentials").contains("(not shown: it may hold credentials)")
                    .doesNotContain("pa55word");
        }
    }

    private static void assertUsage(String expected, String... args) {
        Cli.Result r = Cli.create().run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).as(String.join(" ", args)).contains(expected);
    }

    private Path recorded(String path, String json, String secret, Instant at) throws IOException {
        return recordedAs("rec-" + path.replace('/', '_') + ".json", path, json, secret, at);
    }

    private Path recordedAs(String name, String path, String json, String secret) throws IOException {
        return recordedAs(name, path, json, secret, Instant.now());
    }

    private Path recordedAs(String name, String path, String json, String secret, Instant at) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        var headers = Schemes.github().sign(SigningInput.of("m", at, body, ""), SecretSet.ofValues(secret)).toBuilder()
                .add("Content-Type", "application/json").add("Host", "127.0.0.1:1").build();
        Path file = dir.resolve(name);
        Files.write(file, new RecordedRequest("POST", path, headers, body, at, "200 PROCESSED").toJson());
        return file;
    }

    private static Path onlyFile(Path records) throws IOException {
        try (Stream<Path> files = Files.list(records)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }



}
