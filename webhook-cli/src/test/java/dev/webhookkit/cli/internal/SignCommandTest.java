package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.verify.Schemes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignCommandTest {
    /** RFC 8032 section 7.1, TEST 1. */
    private static final byte[] ED25519_SEED = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final byte[] ED25519_PUBLIC = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    @Test
    void printsTheGithubDocumentedSignatureHeader() {
        Cli.Result r = Cli.create().stdin("Hello, World!").run("sign", "--scheme", "github", "--secret", "It's a Secret to Everybody");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsExactly(
                "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void reproducesTheStandardWebhooksSpecVectorWithIdAndTimestamp() {
        JsonNode v = Fixtures.vector("standardwebhooks-v1-spec");

        Cli.Result r = Cli.create().stdin(v.path("payload").asText()).run("sign", "--scheme", "standard-webhooks",
                "--secret", v.path("secret").asText(), "--id", v.path("message_id").asText(), "--timestamp", v.path("timestamp").asText());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.outLines()).containsExactlyInAnyOrder(
                "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp: 1614265330",
                "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void reproducesTheSlackDocumentedSignature() {
        JsonNode v = Fixtures.vector("slack-v0-docs");

        Cli.Result r = Cli.create().stdin(v.path("payload").asText())
                .run("sign", "--scheme", "slack", "--secret", v.path("secret").asText(), "--timestamp", v.path("timestamp").asText());

        assertThat(r.outLines()).contains("X-Slack-Signature: " + v.path("header_value").asText(),
                "X-Slack-Request-Timestamp: " + v.path("timestamp").asText());
    }

    @Test
    void reproducesTheStripeSignatureForItsTimestamp() {
        JsonNode v = Fixtures.vector("stripe-v1-computed");

        Cli.Result r = Cli.create().stdin(v.path("payload").asText())
                .run("sign", "--scheme", "stripe", "--secret", v.path("secret").asText(), "--timestamp", v.path("timestamp").asText());

        assertThat(r.outLines()).containsExactly("Stripe-Signature: " + v.path("header_value").asText());
    }

    @Test
    void usesTheClockAndARandomMessageIdByDefault() {
        Cli.Result first = Cli.create().stdin("{}").run("sign", "--scheme", "standard-webhooks", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        Cli.Result second = Cli.create().stdin("{}").run("sign", "--scheme", "standard-webhooks", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        assertThat(first.outLines()).contains("webhook-timestamp: " + Cli.NOW.getEpochSecond());
        assertThat(first.outLines()).anyMatch(l -> l.matches("webhook-id: msg_[A-Za-z0-9_-]{22}"));
        assertThat(first.outLines().get(0)).isNotEqualTo(second.outLines().get(0));
    }

    static Stream<String> schemeIds() {
        return Schemes.ids().stream();
    }

    /** Whatever 'sign' prints, 'verify' accepts: for every scheme webhook-verify knows. */
    @ParameterizedTest
    @MethodSource("schemeIds")
    void signOutputVerifiesForEveryScheme(String scheme) {
        Keys keys = keysFor(scheme);
        byte[] body = Fixtures.bytes("{\"event\":\"round-trip\",\"scheme\":\"" + scheme + "\"}\n");
        List<String> extra = extraOptions(scheme);
        List<String> signArgs = new ArrayList<>(List.of("sign", "--scheme", scheme, "--secret", keys.signing(), "--timestamp", "1772700000",
                "--url", "https://example.com/hooks?x=1"));
        signArgs.addAll(extra);

        Cli.Result signed = Cli.create().stdin(body).run(signArgs.toArray(String[]::new));
        assertThat(signed.exitCode()).as(scheme + ": " + signed).isZero();
        assertThat(signed.outLines()).isNotEmpty().allMatch(l -> l.matches("[^:\\s]+: .+"));

        List<String> verifyArgs = new ArrayList<>(List.of("verify", "--scheme", scheme, "--secret", keys.verifying(), "--now", "1772700010",
                "--url", "https://example.com/hooks?x=1"));
        verifyArgs.addAll(extra);
        signed.outLines().forEach(h -> verifyArgs.addAll(List.of("-H", h)));
        Cli.Result verified = Cli.create().stdin(body).run(verifyArgs.toArray(String[]::new));
        assertThat(verified.exitCode()).as(scheme + ": " + verified).isZero();
        assertThat(verified.outLines()).containsExactly("valid (secret: default)");

        byte[] tampered = Fixtures.bytes("{\"event\":\"round-trip\",\"scheme\":\"" + scheme + "\"}");
        Cli.Result rejected = Cli.create().stdin(tampered).run(verifyArgs.toArray(String[]::new));
        assertThat(rejected.outLines()).as(scheme).containsExactly("invalid: SIGNATURE_MISMATCH");
    }

    @Test
    void formParametersAreSignedAndVerifiedAsTheBody() {
        // Any scheme signing the body sees the form encoding of the parameters.
        Cli.Result signed = Cli.create().run("sign", "--scheme", "github", "--secret", "s", "--param", "From=+14158675309", "--param", "Body=hi there");
        Cli.Result verified = Cli.create().run("verify", "--scheme", "github", "--secret", "s", "-H", signed.out().strip(),
                "--param", "From=+14158675309", "--param", "Body=hi there");
        Cli.Result sameBodyFromStdin = Cli.create().stdin("From=%2B14158675309&Body=hi+there")
                .run("verify", "--scheme", "github", "--secret", "s", "-H", signed.out().strip());

        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(sameBodyFromStdin.exitCode()).as(sameBodyFromStdin.toString()).isZero();
    }

    @Test
    void aSecretTheSchemeCannotUseIsAUsageError() {
        Cli.Result r = Cli.create().stdin("{}").run("sign", "--scheme", "standard-webhooks", "--secret", "not a whsec secret!");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("error: ").doesNotContain("not a whsec secret!");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownSchemeIsAUsageErrorListingTheKnownIds() {
        Cli.Result r = Cli.create().stdin("{}").run("sign", "--scheme", "nope", "--secret", "s");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown --scheme 'nope'").contains(String.join(", ", Schemes.ids()));
    }

    @Test
    void badTimestampIsAUsageErrorNamingTheOption() {
        Cli.Result r = Cli.create().stdin("{}").run("sign", "--scheme", "github", "--secret", "s", "--timestamp", "noon");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--timestamp");
    }

    @Test
    void emptySecretIsAUsageErrorNamingTheOption() {
        Cli.Result r = Cli.create().stdin("{}").run("sign", "--scheme", "github", "--secret", "");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--secret");
    }

    /** A signing secret and the matching verifying one (the same for shared-secret schemes). */
    private record Keys(String signing, String verifying) {
    }

    private static Keys keysFor(String scheme) {
        if (scheme.contains("ed25519")) {
            if (scheme.startsWith("standard-webhooks")) {
                return new Keys("whsk_" + Base64.getEncoder().encodeToString(ED25519_SEED),
                        "whpk_" + Base64.getEncoder().encodeToString(ED25519_PUBLIC));
            }
            return new Keys(HexFormat.of().formatHex(ED25519_SEED), HexFormat.of().formatHex(ED25519_PUBLIC));
        }
        if (scheme.startsWith("standard-webhooks") || scheme.equals("svix")) {
            return new Keys("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        }
        return new Keys("round-trip-secret", "round-trip-secret");
    }

    /** Options a scheme needs to sign at all (none so far). */
    private static List<String> extraOptions(String scheme) {
        return List.of();
    }
}
