package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.mapping.Mappers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void mapsAlertmanagerPayloadFromStandardInputToAJsonArrayOfAlerts() throws Exception {
        Cli.Result r = Cli.create().stdin(Fixtures.payload("alertmanager-firing.json")).run("map", "--provider", "prometheus");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode alerts = JSON.readTree(r.out());
        assertThat(alerts.isArray()).isTrue();
        assertThat(alerts).isNotEmpty();
        JsonNode first = alerts.get(0);
        assertThat(first.path("title").asText()).isEqualTo("Pod checkout/checkout-api-7d9f8b6c5-x2lqp is crash looping");
        assertThat(first.path("severity").asText()).isEqualTo("critical");
        assertThat(first.path("status").asText()).isEqualTo("trigger");
        assertThat(first.path("dedupKey").asText()).endsWith("5c1d2e0f9a7b3c41");
        assertThat(first.has("source")).isTrue();
        assertThat(first.has("labels")).isTrue();
    }

    @Test
    void writesTheDesignFieldNamesWithLowerCaseEnums() throws Exception {
        Cli.Result r = Cli.create().stdin(Fixtures.payload("alertmanager-firing.json")).run("map", "--provider", "prometheus");

        JsonNode first = JSON.readTree(r.out()).get(0);
        assertThat(first.fieldNames()).toIterable()
                .isSubsetOf("title", "severity", "status", "dedupKey", "source", "description", "service", "labels", "links",
                        "occurredAt", "rawSeverity");
        assertThat(first.path("severity").asText()).isLowerCase();
        assertThat(first.path("status").asText()).isLowerCase();
    }

    @Test
    void mapsAFormEncodedUptimeRobotBodyWhenTheContentTypeSaysSo() throws Exception {
        Path form = Files.write(dir.resolve("down.form"), Fixtures.payload("uptimerobot-down.form"));

        Cli.Result r = Cli.create().run("map", "--provider", "uptimerobot", "-H", "Content-Type: application/x-www-form-urlencoded",
                "--body-file", form.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode alert = JSON.readTree(r.out()).get(0);
        assertThat(alert.path("title").asText()).contains("Shop health");
        assertThat(alert.path("status").asText()).isEqualTo("trigger");
        assertThat(alert.path("dedupKey").asText()).endsWith("798123456");
    }

    @Test
    void usesEventTypeHeadersGivenWithH() throws Exception {
        Cli.Result r = Cli.create().stdin(Fixtures.payload("github-workflow-run-failure.json"))
                .run("map", "--provider", "github", "-H", "X-GitHub-Event: workflow_run");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode alerts = JSON.readTree(r.out());
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("source").asText()).isNotEmpty();
    }

    @Test
    void printsAnEmptyArrayWhenThePayloadCarriesNoAlert() {
        Cli.Result r = Cli.create().stdin("{\"zen\":\"Keep it logically awesome.\"}").run("map", "--provider", "github",
                "-H", "X-GitHub-Event: ping");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsExactly("[]");
    }

    @Test
    void indentsOneFieldPerLineLikeJq() {
        Cli.Result r = Cli.create().stdin(Fixtures.payload("alertmanager-firing.json")).run("map", "--provider", "prometheus");

        assertThat(r.outLines().get(0)).isEqualTo("[");
        assertThat(r.outLines().get(1)).isEqualTo("  {");
        assertThat(r.outLines().get(2)).startsWith("    \"title\": \"");
        assertThat(r.outLines()).last().isEqualTo("]");
    }

    @Test
    void printsMalformedPayloadAndExitsOneForABodyThatIsNotJson() {
        Cli.Result r = Cli.create().stdin("this is { not json").run("map", "--provider", "prometheus");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines()).containsExactly("invalid: MALFORMED_PAYLOAD");
        assertThat(r.err()).contains("not JSON");
    }

    @Test
    void printsMalformedPayloadForAnEmptyBody() {
        Cli.Result r = Cli.create().run("map", "--provider", "grafana");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines()).containsExactly("invalid: MALFORMED_PAYLOAD");
    }

    @Test
    void printsMalformedPayloadWhenTheMapperCannotMakeSenseOfTheShape() {
        // Valid JSON, but an Alertmanager payload must be an object with alerts.
        Cli.Result r = Cli.create().stdin("[1, 2, 3]").run("map", "--provider", "prometheus");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines()).containsExactly("invalid: MALFORMED_PAYLOAD");
    }

    @Test
    void unknownProviderIsAUsageErrorListingTheKnownIds() {
        Cli.Result r = Cli.create().stdin("{}").run("map", "--provider", "nagios-classic");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown --provider 'nagios-classic'").contains(String.join(", ", Mappers.ids()));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingProviderIsAUsageErrorNamingTheOption() {
        Cli.Result r = Cli.create().stdin("{}").run("map");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--provider");
    }
}
