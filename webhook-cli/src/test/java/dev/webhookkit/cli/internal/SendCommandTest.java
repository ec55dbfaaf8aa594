package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.Schemes;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.webhookkit.outbound.testing.StallingReceiver;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SendCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void deliversASignedEnvelopeOnTheFirstAttempt() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(200)) {
            Cli.Result r = cli().stdin("{\"id\":42}").run("send", "--url", receiver.url(), "--secret", "s3cret",
                    "--event", "order.created", "--allow-private");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).hasSize(2);
            assertThat(r.outLines().get(0)).matches("attempt 1: 200 in \\d+ ms");
            assertThat(r.outLines().get(1)).startsWith("delivered (message ").endsWith(", 1 attempt)");

            WebhookRequest got = receiver.next();
            assertThat(Schemes.byId(SendCommand.DEFAULT_SCHEME).verify(got, SecretSet.ofValues("s3cret")).isValid()).isTrue();
            JsonNode envelope = JSON.readTree(got.body());
            assertThat(envelope.path("event").asText()).isEqualTo("order.created");
            assertThat(envelope.path("data").path("id").asInt()).isEqualTo(42);
        }
    }

    @Test
    void signsWithTheChosenSchemeAndReadsDataFromAFile() throws Exception {
        Path data = Files.writeString(dir.resolve("incident.json"), "{\"incident\":\"db down\"}");
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        try (TestReceiver receiver = TestReceiver.answering(204)) {
            Cli.Result r = cli().run("send", "--url", receiver.url(), "--secret", secret, "--scheme", "standard-webhooks",
                    "--event", "incident.created", "--data-file", data.toString(), "--allow-private");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            WebhookRequest got = receiver.next();
            assertThat(got.header("webhook-id")).isPresent();
            assertThat(Schemes.byId("standard-webhooks").verify(got, SecretSet.ofValues(secret)).isValid()).isTrue();
            JsonNode envelope = JSON.readTree(got.body());
            assertThat(envelope.path("type").asText()).isEqualTo("incident.created");
            assertThat(envelope.path("data").path("incident").asText()).isEqualTo("db down");
        }
    }

    @Test
    void retriesAfterServerErrorsAndPrintsEveryAttempt() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(503, 500, 200)) {
            Cli.Result r = cli().run("send", "--url", receiver.url(), "--secret", "s", "--event", "ping", "--allow-private",
                    "--max-attempts", "5");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.outLines()).hasSize(4);
            assertThat(r.outLines().get(0)).startsWith("attempt 1: 503 in ");
            assertThat(r.outLines().get(1)).startsWith("attempt 2: 500 in ");
            assertThat(r.outLines().get(2)).startsWith("attempt 3: 200 in ");
            assertThat(r.outLines().get(3)).endsWith(", 3 attempts)");
            assertThat(receiver.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void exitsOneWhenEveryAttemptFails() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(500)) {
            Cli.Result r = cli().run("send", "--url", receiver.url(), "--secret", "s", "--event", "ping", "--allow-private",
                    "--max-attempts", "2");

            assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
            assertThat(r.outLines()).containsExactly(r.outLines().get(0), r.outLines().get(1), "not delivered: dead-lettered after 2 attempts");
            assertThat(r.outLines().get(1)).startsWith("attempt 2: 500");
            assertThat(receiver.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void doesNotRetryAFinalClientError() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(400)) {
            Cli.Result r = cli().run("send", "--url", receiver.url(), "--secret", "s", "--event", "ping", "--allow-private",
                    "--max-attempts", "3");

            assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
            assertThat(r.outLines()).hasSize(2);
            assertThat(r.outLines().get(1)).isEqualTo("not delivered: dead-lettered after 1 attempt");
        }
    }

    @Test
    void aReceiverThatTricklesItsAnswerTimesOutWithinTheTimeout() throws Exception {
        try (StallingReceiver trickling = StallingReceiver.start(StallingReceiver.Mode.TRICKLE)) {
            long start = System.nanoTime();
            // On another thread, so that a send that never ends fails the test instead of hanging it.
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> cli().run("send", "--url", trickling.url(),
                    "--secret", "s", "--event", "ping", "--allow-private", "--timeout", "2", "--max-attempts", "1"));

            Cli.Result r = run.get(30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as(r.toString()).isLessThan(Duration.ofSeconds(4));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NEGATIVE);
            assertThat(r.outLines()).hasSize(2);
            assertThat(r.outLines().get(0)).startsWith("attempt 1: timeout in ").contains("within PT2S");
            assertThat(r.outLines().get(1)).isEqualTo("not delivered: dead-lettered after 1 attempt");
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
        try (StallingReceiver silent = StallingReceiver.start(StallingReceiver.Mode.SILENT)) {
            long start = System.nanoTime();
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> cli().run("send", "--url", silent.url(),
                    "--secret", "s", "--event", "ping", "--allow-private", "--timeout", "2", "--max-attempts", "1"));

            Cli.Result r = run.get(30, TimeUnit.SECONDS);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(r.toString()).isLessThan(Duration.ofSeconds(4));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NEGATIVE);
            assertThat(r.outLines().get(0)).startsWith("attempt 1: timeout in ");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 422})
    void otherFinalClientErrorsAreNotRetriedEither(int status) throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(status)) {
            Cli.Result r = cli().run("send", "--url", receiver.url(), "--secret", "s", "--event", "ping", "--allow-private",
                    "--max-attempts", "3");

            assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
            assertThat(r.outLines()).hasSize(2);
            assertThat(r.outLines().get(0)).startsWith("attempt 1: " + status + " in ");
            assertThat(r.outLines().get(1)).isEqualTo("not delivered: dead-lettered after 1 attempt");
            assertThat(receiver.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aRetryableClientErrorIsRetried() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(429, 200)) {
            Cli.Result r = cli().run("send", "--url", receiver.url(), "--secret", "s", "--event", "ping", "--allow-private",
                    "--max-attempts", "3");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(receiver.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void printsConnectionErrorsWhenNothingListens() throws Exception {
        int closedPort;
        try (TestReceiver receiver = TestReceiver.answering(200)) {
            closedPort = receiver.port();
        }

        Cli.Result r = cli().run("send", "--url", "http://127.0.0.1:" + closedPort + "/", "--secret", "s", "--event", "ping",
                "--allow-private", "--max-attempts", "2");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines().get(0)).startsWith("attempt 1: connection_error in ");
        assertThat(r.outLines()).last().isEqualTo("not delivered: dead-lettered after 2 attempts");
    }

    @Test
    void refusesLoopbackAddressesWithoutAllowPrivate() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(200)) {
            Cli.Result r = cli().run("send", "--url", receiver.url(), "--secret", "s", "--event", "ping");

            assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
            assertThat(r.outLines().get(0)).startsWith("attempt 1: blocked");
            assertThat(r.outLines()).last().asString().contains("--allow-private");
            assertThat(receiver.requestCount()).isZero();
        }
    }

    @Test
    void dataThatIsNotJsonIsAMalformedPayload() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(200)) {
            Cli.Result r = cli().stdin("not json").run("send", "--url", receiver.url(), "--secret", "s", "--event", "ping", "--allow-private");

            assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
            assertThat(r.outLines()).containsExactly("invalid: MALFORMED_PAYLOAD");
            assertThat(receiver.requestCount()).isZero();
        }
    }

    @Test
    void emptyDataIsSentAsAnEmptyObject() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(200)) {
            Cli.Result r = cli().run("send", "--url", receiver.url(), "--secret", "s", "--event", "ping", "--allow-private");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(JSON.readTree(receiver.next().body()).path("data").isObject()).isTrue();
        }
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertUsageError("--max-attempts", "send", "--url", "http://127.0.0.1:1/", "--secret", "s", "--event", "e", "--max-attempts", "0");
        assertUsageError("--timeout", "send", "--url", "http://127.0.0.1:1/", "--secret", "s", "--event", "e", "--timeout", "0");
        assertUsageError("--timeout", "send", "--url", "http://127.0.0.1:1/", "--secret", "s", "--event", "e", "--timeout", "ten");
        assertUsageError("--url", "send", "--url", "ftp://example.com/x", "--secret", "s", "--event", "e");
        assertUsageError("--event", "send", "--url", "http://127.0.0.1:1/", "--secret", "s");
        assertUsageError("--scheme", "send", "--url", "http://127.0.0.1:1/", "--secret", "s", "--event", "e", "--scheme", "nope");
        assertUsageError("--secret", "send", "--url", "http://127.0.0.1:1/", "--secret", "plain", "--event", "e", "--scheme", "standard-webhooks");
        assertUsageError("--data-file", "send", "--url", "http://127.0.0.1:1/", "--secret", "s", "--event", "e",
                "--data-file", dir.resolve("missing.json").toString());
    }

    private static void assertUsageError(String option, String... args) {
        Cli.Result r = cli().run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).as(String.join(" ", args)).contains(option);
    }

    /** The real clock (the dispatcher schedules with it) and retries without delay. */
    private static Cli cli() {
        return Cli.create().clock(Clock.systemUTC());
    }
}
