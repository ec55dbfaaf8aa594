package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.internal.PayloadParser;
import dev.webhookkit.mapping.Mappers;
import dev.webhookkit.verify.Schemes;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PayloadParser PARSER = new PayloadParser(64);
    private static final String SECRET = "trigger-secret-7f3a";

    private final Cli cli = Cli.create().clock(Clock.systemUTC());

    @Test
    void everyBuiltInProviderHasAFiringAndAResolvedSampleThatItsOwnMapperMaps() throws IOException {
        assertThat(TriggerSamples.providers().keySet()).containsExactlyInAnyOrderElementsOf(Mappers.builtInIds());
        for (TriggerSamples.Provider p : TriggerSamples.providers().values()) {
            assertThat(p.events()).as("samples of %s", p.id()).hasSizeGreaterThanOrEqualTo(2);
            List<List<Alert>> mapped = p.events().stream().map(e -> map(p, e)).toList();
            assertThat(mapped.get(0)).as("%s/%s, the default event", p.id(), p.events().get(0).name())
                    .isNotEmpty().allMatch(a -> a.status() == AlertStatus.TRIGGER);
            assertThat(mapped).as("%s has a resolved sample", p.id())
                    .anyMatch(alerts -> alerts.stream().anyMatch(a -> a.status() == AlertStatus.RESOLVE));
        }
        TriggerSamples.Provider github = TriggerSamples.provider("github").orElseThrow();
        assertThat(map(github, github.event("ping").orElseThrow())).as("a ping is no alert").isEmpty();
    }

    private static List<Alert> map(TriggerSamples.Provider p, TriggerSamples.Event e) {
        byte[] body = e.body();
        try {
            JSON.readTree(body);
        } catch (IOException notJson) {
            throw new AssertionError(p.id() + "/" + e.name() + " is not JSON", notJson);
        }
        Headers.Builder headers = Headers.builder().add("Content-Type", "application/json");
        p.headers().forEach(headers::add);
        e.headers().forEach(headers::add);
        WebhookRequest request = WebhookRequest.builder().body(body).headers(headers.build()).build();
        JsonNode payload = PARSER.parse(request).orElseThrow();
        return Mappers.byId(p.id()).map(payload, request);
    }

    @Test
    void listPrintsEveryProviderEventPairDefaultFirst() {
        Cli.Result r = cli.run("trigger", "--list");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        int pairs = TriggerSamples.providers().values().stream().mapToInt(p -> p.events().size()).sum();
        assertThat(r.outLines()).hasSize(pairs)
                .contains("prometheus/firing", "prometheus/resolved", "github/push", "github/ping", "pagerduty/incident-resolved")
                .allMatch(line -> line.matches("[a-z-]+/[a-z-]+"));
        assertThat(r.outLines().indexOf("prometheus/firing")).isLessThan(r.outLines().indexOf("prometheus/resolved"));
    }

    @Test
    void sendsTheDefaultSampleByteForByteWithTheProvidersHeaders() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(202)) {
            Cli.Result r = cli.run("trigger", "github", "--to", receiver.url() + "webhooks/github");
            WebhookRequest first = receiver.next();
            Cli.Result again = cli.run("trigger", "github", "push", "--to", receiver.url() + "webhooks/github");
            WebhookRequest second = receiver.next();

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("github/workflow-run-failure -> 202\n");
            TriggerSamples.Event failure = TriggerSamples.provider("github").orElseThrow().event("workflow-run-failure").orElseThrow();
            assertThat(first.body()).isEqualTo(failure.body());
            assertThat(first.method()).isEqualTo("POST");
            assertThat(first.url()).endsWith("/webhooks/github");
            assertThat(first.headers().first("X-GitHub-Event")).contains("workflow_run");
            assertThat(first.headers().first("Content-Type")).contains("application/json");
            assertThat(first.headers().first("X-Hub-Signature-256")).as("unsigned without a secret").isEmpty();
            assertThat(again.out()).isEqualTo("github/push -> 202\n");
            assertThat(second.headers().first("X-GitHub-Event")).contains("push");
            String delivery1 = first.headers().first("X-GitHub-Delivery").orElseThrow();
            String delivery2 = second.headers().first("X-GitHub-Delivery").orElseThrow();
            assertThat(delivery1).matches("[0-9a-f-]{36}").isNotEqualTo(delivery2);
        }
    }

    @Test
    void everyProviderSchemeSignsSoThatTheSameSchemeVerifies() throws Exception {
        for (TriggerSamples.Provider p : TriggerSamples.providers().values()) {
            if (p.scheme().isEmpty()) {
                continue;
            }
            try (TestReceiver receiver = TestReceiver.answering(200)) {
                Cli.Result r = cli.run("trigger", p.id(), "--to", receiver.url() + p.id(), "--secret", SECRET);
                WebhookRequest received = receiver.next();

                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.out()).isEqualTo(p.id() + "/" + p.events().get(0).name() + " -> 200 (signed: " + p.scheme().get() + ")\n");
                VerificationResult right = Schemes.byId(p.scheme().get()).verify(received, SecretSet.ofValues(SECRET));
                VerificationResult wrong = Schemes.byId(p.scheme().get()).verify(received, SecretSet.ofValues("not-" + SECRET));
                assertThat(right.isValid()).as("%s verifies with %s: %s", p.id(), p.scheme().get(), right).isTrue();
                assertThat(wrong.isValid()).as("%s with a wrong secret", p.id()).isFalse();
            }
        }
    }

    @Test
    void signsWithAnotherSchemeAndASecretFromTheEnvironment() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(200)) {
            Cli.Result r = cli.variables(Map.of("WH_SECRET", SECRET))
                    .run("trigger", "prometheus", "resolved", "--to", receiver.url(), "--scheme", "hmac-sha256", "--secret-env", "WH_SECRET");
            WebhookRequest received = receiver.next();

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("prometheus/resolved -> 200 (signed: hmac-sha256)\n");
            assertThat(Schemes.byId("hmac-sha256").verify(received, SecretSet.ofValues(SECRET)).isValid()).isTrue();
            assertThat(r.out() + r.err()).doesNotContain(SECRET);
        }
    }

    @Test
    void exitsOneWhenTheAnswerIsNot2xxOrNothingAnswers() throws Exception {
        int closedPort;
        try (TestReceiver receiver = TestReceiver.answering(500)) {
            Cli.Result r = cli.run("trigger", "grafana", "resolved", "--to", receiver.url());

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.out()).isEqualTo("grafana/resolved -> 500\n");
            closedPort = receiver.port();
        }
        Cli.Result refused = cli.run("trigger", "grafana", "--to", "http://127.0.0.1:" + closedPort + "/");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).startsWith("grafana/firing -> failed: ");
    }

    @Test
    void unknownProviderOrEventIsAUsageErrorWithTheListHint() {
        Cli.Result provider = cli.run("trigger", "no-such-tool", "--to", "http://127.0.0.1:9/");
        Cli.Result event = cli.run("trigger", "prometheus", "exploded", "--to", "http://127.0.0.1:9/");

        assertThat(provider.exitCode()).as(provider.toString()).isEqualTo(2);
        assertThat(provider.err()).contains("no-such-tool").contains("prometheus").contains("webhook trigger --list");
        assertThat(event.exitCode()).as(event.toString()).isEqualTo(2);
        assertThat(event.err()).contains("exploded").contains("firing, resolved").contains("webhook trigger --list");
        assertThat(provider.out() + event.out()).isEmpty();
    }

    @Test
    void refusesMissingTargetBadUrlAndASecretWithoutAScheme() {
        Cli.Result noTo = cli.run("trigger", "prometheus");
        Cli.Result badTo = cli.run("trigger", "prometheus", "--to", "ftp://127.0.0.1/");
        Cli.Result noScheme = cli.run("trigger", "prometheus", "--to", "http://127.0.0.1:9/", "--secret", SECRET);
        Cli.Result cannotSign = cli.run("trigger", "cloudwatch", "--to", "http://127.0.0.1:9/", "--scheme", "sns");

        assertThat(List.of(noTo, badTo, noScheme, cannotSign)).allSatisfy(r -> {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).doesNotContain(SECRET);
        });
        assertThat(noTo.err()).contains("--to");
        assertThat(noScheme.err()).contains("--scheme");
        assertThat(cannotSign.err()).contains("cannot sign");
    }

    @Test
    void helpHasExamples() {
        Cli.Result r = cli.run("trigger", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Examples:").contains("webhook trigger --list").contains("--secret-env").contains("--secret-file");
    }
}
