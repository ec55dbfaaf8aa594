package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifyCommandTest {
    private static final String GITHUB_SECRET = "It's a Secret to Everybody";
    private static final String GITHUB_SIGNATURE =
            "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @TempDir
    Path dir;

    @Test
    void acceptsGithubDocumentedVectorFromStandardInput() {
        Cli.Result r = Cli.create().stdin("Hello, World!")
                .run("verify", "--scheme", "github", "--secret", GITHUB_SECRET, "-H", GITHUB_SIGNATURE);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsExactly("valid (secret: default)");
    }

    @Test
    void readsTheBodyFromBodyFileInsteadOfStandardInput() throws Exception {
        Path body = Files.write(dir.resolve("body.txt"), Fixtures.bytes("Hello, World!"));

        Cli.Result r = Cli.create().stdin("something else")
                .run("verify", "--scheme", "github", "--secret", GITHUB_SECRET, "-H", GITHUB_SIGNATURE, "--body-file", body.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("valid");
    }

    @Test
    void reportsWhichSecretOfTheKeyRingMatched() {
        Cli.Result r = Cli.create().stdin("Hello, World!")
                .run("verify", "--scheme", "github", "--secret", "a-newer-secret", "--secret", GITHUB_SECRET, "-H", GITHUB_SIGNATURE);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsExactly("valid (secret: key-2)");
    }

    @Test
    void rejectsTamperedBodyAsSignatureMismatch() {
        Cli.Result r = Cli.create().stdin("Hello, World?")
                .run("verify", "--scheme", "github", "--secret", GITHUB_SECRET, "-H", GITHUB_SIGNATURE);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines()).containsExactly("invalid: SIGNATURE_MISMATCH");
    }

    @Test
    void usesTheBodyExactlyAsReadSoATrailingNewlineBreaksTheSignatureAndIsHinted() {
        Cli.Result r = Cli.create().stdin("Hello, World!\n")
                .run("verify", "--scheme", "github", "--secret", GITHUB_SECRET, "-H", GITHUB_SIGNATURE);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines()).containsExactly("invalid: SIGNATURE_MISMATCH");
        assertThat(r.err()).contains("ends with a newline");
    }

    @Test
    void reportsMissingSignatureWhenTheHeaderIsAbsent() {
        Cli.Result r = Cli.create().stdin("Hello, World!").run("verify", "--scheme", "github", "--secret", GITHUB_SECRET);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines()).containsExactly("invalid: MISSING_SIGNATURE");
    }

    @Test
    void reportsMalformedSignatureWhenTheHeaderCannotBeParsed() {
        Cli.Result r = Cli.create().stdin("Hello, World!")
                .run("verify", "--scheme", "github", "--secret", GITHUB_SECRET, "-H", "X-Hub-Signature-256: sha256=not-hex!");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines()).containsExactly("invalid: MALFORMED_SIGNATURE");
    }

    @Test
    void acceptsSlackDocumentedVectorAtItsTimeWithNow() {
        JsonNode v = Fixtures.vector("slack-v0-docs");

        Cli.Result r = verifyVector(v, "slack", "--now", v.path("verify_at").asText());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsExactly("valid (secret: default)");
    }

    @Test
    void rejectsSlackVectorAgainstTheClockAsTimestampExpired() {
        Cli.Result r = verifyVector(Fixtures.vector("slack-v0-docs"), "slack");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines()).containsExactly("invalid: TIMESTAMP_EXPIRED");
        assertThat(r.err()).contains("--now");
    }

    @Test
    void reportsMissingTimestampWhenSlackTimestampHeaderIsAbsent() {
        JsonNode v = Fixtures.vector("slack-v0-docs");

        Cli.Result r = Cli.create().stdin(v.path("payload").asText())
                .run("verify", "--scheme", "slack", "--secret", v.path("secret").asText(),
                        "-H", v.path("header_name").asText() + ": " + v.path("header_value").asText(),
                        "--now", v.path("verify_at").asText());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines()).containsExactly("invalid: MISSING_TIMESTAMP");
    }

    @Test
    void toleranceWidensTheReplayWindow() {
        JsonNode v = Fixtures.vector("slack-neg-stale-timestamp");
        long signedAt = v.path("timestamp").asLong();
        long verifyAt = v.path("verify_at").asLong();

        Cli.Result tight = verifyVector(v, "slack", "--now", Long.toString(verifyAt));
        Cli.Result wide = verifyVector(v, "slack", "--now", Long.toString(verifyAt), "--tolerance", Long.toString(verifyAt - signedAt));

        assertThat(tight.outLines()).containsExactly("invalid: TIMESTAMP_EXPIRED");
        assertThat(wide.exitCode()).as(wide.toString()).isZero();
        assertThat(wide.out()).startsWith("valid");
    }

    @Test
    void acceptsStripeVectorsWithNow() {
        for (String id : List.of("stripe-v1-computed", "stripe-v1-multi")) {
            JsonNode v = Fixtures.vector(id);

            Cli.Result r = verifyVector(v, "stripe", "--now", v.path("verify_at").asText());

            assertThat(r.exitCode()).as(id + ": " + r).isZero();
            assertThat(r.out()).startsWith("valid (secret: default)");
        }
    }

    @Test
    void rejectsStripeVectorsThatAreStaleOrTampered() {
        JsonNode stale = Fixtures.vector("stripe-neg-stale");
        JsonNode tampered = Fixtures.vector("stripe-neg-tampered");

        assertThat(verifyVector(stale, "stripe", "--now", stale.path("verify_at").asText()).outLines())
                .containsExactly("invalid: TIMESTAMP_EXPIRED");
        assertThat(verifyVector(tampered, "stripe", "--now", tampered.path("verify_at").asText()).outLines())
                .containsExactly("invalid: SIGNATURE_MISMATCH");
    }

    @Test
    void acceptsStandardWebhooksSpecVectorsWithNow() {
        for (String id : List.of("standardwebhooks-v1-spec", "standardwebhooks-multi-signature", "gitlab-signing-token-standard-webhooks")) {
            JsonNode v = Fixtures.vector(id);

            Cli.Result r = verifyVector(v, "standard-webhooks", "--now", v.path("verify_at").asText());

            assertThat(r.exitCode()).as(id + ": " + r).isZero();
            assertThat(r.outLines()).containsExactly("valid (secret: default)");
        }
    }

    @Test
    void acceptsSvixSpecVector() {
        JsonNode v = Fixtures.vector("svix-v1-spec");

        Cli.Result r = verifyVector(v, "svix", "--now", v.path("verify_at").asText());

        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void rejectsStandardWebhooksVectorWithTamperedBody() {
        JsonNode v = Fixtures.vector("standardwebhooks-neg-tampered-body");

        Cli.Result r = verifyVector(v, "standard-webhooks", "--now", v.path("verify_at").asText());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.outLines()).containsExactly("invalid: SIGNATURE_MISMATCH");
    }

    @Test
    void verifiesEveryGithubVectorAsDocumented() {
        for (String id : List.of("github-sha256-docs", "github-neg-tampered-body", "github-neg-wrong-secret",
                "github-neg-sha1-in-256-header", "github-neg-missing-prefix", "github-neg-trailing-newline")) {
            JsonNode v = Fixtures.vector(id);

            Cli.Result r = verifyVector(v, "github");

            boolean valid = v.path("expected").asText().equals("valid");
            assertThat(r.exitCode()).as(id + ": " + r).isEqualTo(valid ? ExitCodes.OK : ExitCodes.NEGATIVE);
            assertThat(r.out()).as(id).startsWith(valid ? "valid" : "invalid: ");
        }
    }

    @Test
    void signatureHeaderPrefixAndEncodingAdaptAScheme() {
        // The generic scheme told to read a base64 signature without prefix from a custom header.
        Cli.Result signed = Cli.create().stdin("payload").run("sign", "--scheme", "hmac-sha256", "--secret", "k",
                "--signature-header", "X-Sig", "--prefix", "", "--encoding", "base64");
        String header = signed.outLines().get(0);

        Cli.Result r = Cli.create().stdin("payload").run("verify", "--scheme", "hmac-sha256", "--secret", "k",
                "--signature-header", "X-Sig", "--prefix", "", "--encoding", "BASE64", "-H", header);

        assertThat(header).startsWith("X-Sig: ").doesNotContain("sha256=");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void verifiesBinaryBodiesByteForByte() throws Exception {
        byte[] body = {0x00, (byte) 0xFF, 0x0D, 0x0A, 0x7F, (byte) 0x80};
        Path file = Files.write(dir.resolve("binary.bin"), body);
        Cli.Result signed = Cli.create().stdin(body).run("sign", "--scheme", "github", "--secret", "bin");

        Cli.Result fromStdin = Cli.create().stdin(body).run("verify", "--scheme", "github", "--secret", "bin", "-H", signed.out().strip());
        Cli.Result fromFile = Cli.create().run("verify", "--scheme", "github", "--secret", "bin", "-H", signed.out().strip(),
                "--body-file", file.toString());
        byte[] withoutLastByte = java.util.Arrays.copyOf(body, body.length - 1);
        Cli.Result shorter = Cli.create().stdin(withoutLastByte)
                .run("verify", "--scheme", "github", "--secret", "bin", "-H", signed.out().strip());

        assertThat(fromStdin.exitCode()).as(fromStdin.toString()).isZero();
        assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
        assertThat(shorter.outLines()).containsExactly("invalid: SIGNATURE_MISMATCH");
    }

    @Test
    void missingSchemeIsAUsageErrorNamingTheOption() {
        Cli.Result r = Cli.create().stdin("x").run("verify", "--secret", "s");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--scheme");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingSecretIsAUsageErrorNamingTheOption() {
        Cli.Result r = Cli.create().stdin("x").run("verify", "--scheme", "github");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--secret");
    }

    @Test
    void unknownSchemeIsAUsageErrorListingTheKnownIds() {
        Cli.Result r = Cli.create().stdin("x").run("verify", "--scheme", "githib", "--secret", "s");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--scheme 'githib'").contains("github").contains("stripe").contains("standard-webhooks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-H=no colon here", "--tolerance=-5", "--tolerance=soon", "--now=yesterday", "--encoding=base32",
            "--signature-header=bad header", "--now=-1"})
    void badOptionValuesAreUsageErrorsNamingTheOption(String option) {
        String name = option.substring(0, option.indexOf('='));

        Cli.Result r = Cli.create().stdin("x").run("verify", "--scheme", "github", "--secret", "s", option);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(name.equals("-H") ? "--header" : name);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingBodyFileIsAUsageErrorNamingTheFile() {
        Cli.Result r = Cli.create().run("verify", "--scheme", "github", "--secret", "s", "--body-file", dir.resolve("nope.json").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--body-file").contains("nope.json");
    }

    @Test
    void paramsAndBodyFileTogetherAreAUsageError() {
        Cli.Result r = Cli.create().run("verify", "--scheme", "github", "--secret", "s", "--param", "a=1", "--body-file", "x");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--param").contains("--body-file");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = Cli.create().stdin("x").run("verify", "--scheme", "github", "--secret", "s", "--secrt", "t");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--secrt");
    }

    private static Cli.Result verifyVector(JsonNode v, String scheme, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", "--scheme", scheme, "--secret", v.path("secret").asText()));
        args.addAll(Fixtures.headerArgs(v));
        args.addAll(List.of(extra));
        return Cli.create().stdin(v.path("payload").asText()).run(args.toArray(String[]::new));
    }
}
