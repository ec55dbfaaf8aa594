package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.Mappers;
import dev.webhookkit.verify.Schemes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenCommandTest {
    private static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static final String ENV_SECRET = "env-secret-Zq81";
    private final Cli cli = Cli.create().clock(Clock.systemUTC()).variables(Map.of("LISTEN_TEST_SECRET", ENV_SECRET, "EMPTY_VAR", ""));
    private final ListenRun listener = new ListenRun(cli);
    private final ChunkWriter out = listener.out;
    private final ChunkWriter err = listener.err;

    @AfterEach
    void stopListener() throws Exception {
        listener.close();
    }

    @Test
    void printsVerificationEventTypeAndAlertsForEachRequest() throws Exception {
        int port = listener.start("--scheme", "github", "--secret", Fixtures.sampleSecret("github"), "--provider", "github");
        Map<String, String> headers = Fixtures.payloadHeaders("github-workflow-run-failure.json");

        HttpResponse<String> response = ListenRun.post(port, "/hooks/github", Fixtures.payload("github-workflow-run-failure.json"), headers);

        assertThat(response.statusCode()).isEqualTo(200);
        String report = out.next();
        assertThat(report).startsWith("POST /hooks/github -> 200 PROCESSED");
        assertThat(report).contains("\n  signature: valid (secret: default)\n");
        assertThat(report).contains("\n  event: workflow_run\n");
        assertThat(report).containsPattern("\n  alerts: \\[\\{\"title\":\"[^\"]+\",\"severity\":\"(critical|error|warning|info)\"");
    }

    @Test
    void printsInvalidSignatureAndAnswers401() throws Exception {
        int port = listener.start("--scheme", "github", "--secret", "another-secret", "--provider", "github");
        Map<String, String> headers = Fixtures.payloadHeaders("github-workflow-run-failure.json");

        HttpResponse<String> response = ListenRun.post(port, "/", Fixtures.payload("github-workflow-run-failure.json"), headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("SIGNATURE_MISMATCH");
        String report = out.next();
        assertThat(report).startsWith("POST / -> 401 SIGNATURE_MISMATCH");
        assertThat(report).contains("\n  signature: invalid: SIGNATURE_MISMATCH").doesNotContain("alerts:");
    }

    @Test
    void processesARepeatedDeliveryAgain() throws Exception {
        int port = listener.start("--scheme", "github", "--secret", Fixtures.sampleSecret("github"));
        Map<String, String> headers = Fixtures.payloadHeaders("github-workflow-run-failure.json");
        byte[] body = Fixtures.payload("github-workflow-run-failure.json");

        ListenRun.post(port, "/", body, headers);
        HttpResponse<String> again = ListenRun.post(port, "/", body, headers);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(out.next()).contains("200 PROCESSED");
        assertThat(out.next()).contains("200 PROCESSED").contains("alerts: []");
    }

    @Test
    void showsAMalformedPayloadAfterAValidSignature() throws Exception {
        int port = listener.start("--scheme", "github", "--secret", "s");
        byte[] body = "not json".getBytes(StandardCharsets.UTF_8);
        String signature = Schemes.github().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues("s"))
                .first("X-Hub-Signature-256").orElseThrow();

        HttpResponse<String> response = ListenRun.post(port, "/", body, Map.of("X-Hub-Signature-256", signature));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(out.next()).startsWith("POST / -> 400 MALFORMED_PAYLOAD").contains("signature: valid (secret: default)");
    }

    @Test
    void answersAGithubPingHandshakeAndShowsTheAnswer() throws Exception {
        int port = listener.start("--scheme", "github", "--secret", "s", "--provider", "github");
        byte[] body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = Schemes.github().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues("s"))
                .first("X-Hub-Signature-256").orElseThrow();

        HttpResponse<String> response = ListenRun.post(port, "/", body, Map.of("X-Hub-Signature-256", signature, "X-GitHub-Event", "ping"));

        assertThat(response.statusCode()).isEqualTo(200);
        String report = out.next();
        assertThat(report).startsWith("POST / -> 200 HANDSHAKE").contains("\n  event: ping")
                .contains("\n  answered: " + response.body()).doesNotContain("alerts:");
    }

    @Test
    void forwardsVerifiedEventsReSignedForTheTarget() throws Exception {
        try (TestReceiver target = TestReceiver.answering(202)) {
            int port = listener.start("--scheme", "standard-webhooks", "--secret", SW_SECRET, "--forward-to", target.url() + "downstream");
            byte[] body = "{\"type\":\"invoice.paid\",\"id\":7}".getBytes(StandardCharsets.UTF_8);
            Headers signature = Schemes.standardWebhooks().sign(
                    SigningInput.of("msg_forward_1", Instant.now().truncatedTo(ChronoUnit.SECONDS), body, ""), SecretSet.ofValues(SW_SECRET));

            HttpResponse<String> response = ListenRun.post(port, "/in", body, flat(signature, "Content-Type", "application/json"));

            assertThat(response.statusCode()).isEqualTo(200);
            String report = out.next();
            assertThat(report).contains("event: invoice.paid").contains("\n  forwarded: 202 from " + target.url() + "downstream");
            WebhookRequest forwarded = target.next();
            assertThat(forwarded.body()).isEqualTo(body);
            assertThat(forwarded.header("webhook-id")).contains("msg_forward_1");
            assertThat(forwarded.header("Content-Type")).contains("application/json");
            assertThat(Schemes.standardWebhooks().verify(forwarded, SecretSet.ofValues(SW_SECRET)).isValid()).isTrue();
        }
    }

    @Test
    void doesNotForwardRequestsThatFailVerification() throws Exception {
        try (TestReceiver target = TestReceiver.answering(200)) {
            int port = listener.start("--scheme", "standard-webhooks", "--secret", SW_SECRET, "--forward-to", target.url());

            HttpResponse<String> response = ListenRun.post(port, "/", "{}".getBytes(StandardCharsets.UTF_8),
                    Map.of("webhook-id", "msg_1", "webhook-timestamp", Long.toString(Instant.now().getEpochSecond()),
                            "webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(out.next()).doesNotContain("forwarded");
            assertThat(target.requestCount()).isZero();
        }
    }

    @Test
    void stopsCleanlyWhenAskedToAndReleasesThePort() throws Exception {
        int port = listener.start("--scheme", "github", "--secret", "s");

        cli.hooks().runAll();

        assertThat(listener.awaitExit()).isZero();
        assertThat(out.drain()).contains("stopped");
        assertThat(cli.hooks().registered()).isZero();
        assertThatThrownBy(() -> ListenRun.post(port, "/", new byte[0], Map.of())).isInstanceOf(ConnectException.class);
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() throws Exception {
        assertUsageError("--port", "listen", "--port", "70000", "--scheme", "github", "--secret", "s");
        assertUsageError("--port", "listen", "--scheme", "github", "--secret", "s");
        assertUsageError("--provider", "listen", "--port", "0", "--scheme", "github", "--secret", "s", "--provider", "nope");
        assertUsageError("--scheme", "listen", "--port", "0", "--scheme", "nope", "--secret", "s");
        assertUsageError("--secret", "listen", "--port", "0", "--scheme", "github");
        assertUsageError("--forward-to", "listen", "--port", "0", "--scheme", "github", "--secret", "s", "--forward-to", "ftp://x/y");
        assertUsageError("cannot sign", "listen", "--port", "0", "--scheme", "sns", "--forward-to", "http://127.0.0.1:1/");
        assertUsageError("--bind", "listen", "--port", "0", "--scheme", "github", "--secret", "s", "--bind", "no-such-host.invalid");
        try (TestReceiver busy = TestReceiver.answering(200)) {
            assertUsageError("--port", "listen", "--port", Integer.toString(busy.port()), "--scheme", "github", "--secret", "s");
        }
        Cli.Result unknownProvider = Cli.create().run("listen", "--port", "0", "--scheme", "github", "--secret", "s", "--provider", "nope");
        assertThat(unknownProvider.err()).contains(String.join(", ", Mappers.ids()));
    }

    @Test
    void stalledClientDoesNotHoldUpTheNextRequest() throws Exception {
        int port = listener.start("--scheme", "github", "--secret", "s", "--read-timeout", "60");
        try (Socket stalled = stalledUpload(port, true)) {
            assertThat(stalled.isConnected()).isTrue();
            // With one thread, this would wait for the stalled body (60 s) and time out after 10 s.
            HttpResponse<String> response = ListenRun.postSignedGithub(port, "/second", "s", "{\"n\":2}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(out.next()).startsWith("POST /second -> 200 PROCESSED");
        }
    }

    @Test
    void requestWhoseBodyStallsIsClosedAtTheReadTimeout() throws Exception {
        int port = listener.start("--scheme", "github", "--secret", "s", "--read-timeout", "1");
        try (Socket stalled = stalledUpload(port, true)) {
            stalled.setSoTimeout(10_000);

            assertThat(stalled.getInputStream().read()).as("server closed the connection").isEqualTo(-1);
            assertThat(out.next()).startsWith("POST /stalled -> closed: the body did not arrive");
        }
    }

    @Test
    void requestWhoseHeadersStallIsClosedAtTheReadTimeout() throws Exception {
        int port = listener.start("--scheme", "github", "--secret", "s", "--read-timeout", "1");
        try (Socket stalled = stalledUpload(port, false)) {
            stalled.setSoTimeout(10_000);
            long started = System.nanoTime();

            assertThat(stalled.getInputStream().read()).as("server closed the connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
        }
    }

    @Test
    void secretFromAnEnvironmentVariableVerifies() throws Exception {
        int port = listener.start("--scheme", "github", "--secret-env", "LISTEN_TEST_SECRET");

        HttpResponse<String> response = ListenRun.postSignedGithub(port, "/", ENV_SECRET, "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(out.next()).contains("signature: valid (secret: default)");
    }

    @Test
    void secretFromAFileVerifiesWithoutItsTrailingLineBreak(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "file-secret-77\n");
        int port = listener.start("--scheme", "github", "--secret-file", file.toString());

        HttpResponse<String> response = ListenRun.postSignedGithub(port, "/", "file-secret-77", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void secretsFromEverySourceMakeOneKeyRing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "file-secret-77");
        int port = listener.start("--scheme", "github", "--secret", "flag-secret", "--secret-env", "LISTEN_TEST_SECRET",
                "--secret-file", file.toString());

        ListenRun.postSignedGithub(port, "/", "file-secret-77", "{}");

        assertThat(out.next()).contains("signature: valid (secret: key-3)");
    }

    @Test
    void missingOrEmptySecretSourcesAreUsageErrorsNamingTheSource(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertUsageError("'NOT_SET_ANYWHERE' is not set", cli, "listen", "--port", "0", "--scheme", "github", "--secret-env", "NOT_SET_ANYWHERE");
        assertUsageError("'EMPTY_VAR' is empty", cli, "listen", "--port", "0", "--scheme", "github", "--secret-env", "EMPTY_VAR");
        assertUsageError("is empty", cli, "listen", "--port", "0", "--scheme", "github", "--secret-file", empty.toString());
        assertUsageError("cannot read", cli, "listen", "--port", "0", "--scheme", "github", "--secret-file", dir.resolve("nope").toString());
        assertUsageError("--secret-env=NAME", cli, "listen", "--port", "0", "--scheme", "github");
    }

    @Test
    void usageErrorsNeverRepeatASecret() {
        String secret = "-hunter2-secret";
        // A secret that starts with '-' looks like an option; picocli quotes what it cannot place.
        for (String[] args : List.of(
                new String[] {"listen", "--port", "0", "--scheme", "github", "--secret", secret},
                new String[] {"listen", "--port", "0", "--scheme", "github", "--secret=" + secret, "stray"},
                new String[] {"listen", "--port", "0", "--scheme", "nope", "--secret", "hunter2-plain", "--secret", secret},
                new String[] {"listen", "--scheme", "github", "--secret", "hunter2-plain", "--port", "x", "hunter2-plain"})) {
            Cli.Result r = Cli.create().run(args);

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("error: ").doesNotContain("hunter2");
        }
    }

    private static void assertUsageError(String expected, Cli cli, String... args) {
        Cli.Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).as(String.join(" ", args)).contains(expected);
    }

    /** A client that sends the headers (or only part of them) and part of a declared body, then waits. */
    private static Socket stalledUpload(int port, boolean wholeHeaders) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        String head = "POST /stalled HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n";
        String rest = "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"partial\":";
        OutputStream os = socket.getOutputStream();
        os.write((wholeHeaders ? head + rest : head).getBytes(StandardCharsets.US_ASCII));
        os.flush();
        return socket;
    }


    private static void assertUsageError(String option, String... args) {
        Cli.Result r = Cli.create().run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).as(String.join(" ", args)).contains(option);
    }



    private static Map<String, String> flat(Headers headers, String name, String value) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        headers.toMap().forEach((n, v) -> map.put(n, v.get(0)));
        map.put(name, value);
        return map;
    }
}
