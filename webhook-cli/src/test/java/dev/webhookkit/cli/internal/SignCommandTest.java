package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.verify.Schemes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignCommandTest {
    /** RFC 8032 section 7.1, TEST 1. */
    private static final byte[] ED25519_SEED = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final byte[] ED25519_PUBLIC = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    /** RFC 8032 section 7.1, TEST 2: a valid key that did not sign. */
    private static final byte[] OTHER_ED25519_PUBLIC = HexFormat.of().parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");

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

    /** Schemes whose header is the secret itself: the body is not authenticated. */
    private static final Set<String> TOKEN_SCHEMES = Set.of("gitlab", "shared-secret", "basic-auth", "bearer-token", "honeycomb", "telegram");
    /** Schemes that sign the URL and the form parameters (Twilio's algorithm). */
    private static final Set<String> URL_SCHEMES = Set.of("twilio", "splunk-oncall");

    static Stream<String> signingSchemeIds() {
        return Schemes.ids().stream().filter(id -> Schemes.byId(id).canSign());
    }

    /** Whatever 'sign' prints, 'verify' accepts: for every scheme webhook-verify can sign with. */
    @ParameterizedTest
    @MethodSource("signingSchemeIds")
    void signOutputVerifiesForEveryScheme(String scheme) {
        Keys keys = keysFor(scheme);
        List<String> request = URL_SCHEMES.contains(scheme)
                ? List.of("--url", "https://example.com/hooks?x=1", "--param", "From=+14158675309", "--param", "Body=round trip")
                : List.of("--url", "https://example.com/hooks?x=1");
        byte[] body = Fixtures.bytes("{\"event\":\"round-trip\",\"scheme\":\"" + scheme + "\"}\n");

        Cli.Result signed = Cli.create().stdin(body).run(args(List.of("sign", "--scheme", scheme, "--secret", keys.signing(),
                "--timestamp", "1772700000"), request));
        assertThat(signed.exitCode()).as(scheme + ": " + signed).isZero();
        assertThat(signed.outLines()).isNotEmpty().allMatch(l -> l.matches("[^:\\s]+: .+"));
        List<String> headers = new ArrayList<>();
        signed.outLines().forEach(h -> headers.addAll(List.of("-H", h)));

        Cli.Result verified = Cli.create().stdin(body).run(args(List.of("verify", "--scheme", scheme, "--secret", keys.verifying(),
                "--now", "1772700010"), request, headers));
        assertThat(verified.exitCode()).as(scheme + ": " + verified).isZero();
        assertThat(verified.outLines()).containsExactly("valid (secret: default)");

        Cli.Result wrongSecret = Cli.create().stdin(body).run(args(List.of("verify", "--scheme", scheme, "--secret", keys.other(),
                "--now", "1772700010"), request, headers));
        assertThat(wrongSecret.exitCode()).as(scheme + ": " + wrongSecret).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(wrongSecret.out()).as(scheme).startsWith("invalid: ");

        if (URL_SCHEMES.contains(scheme)) {
            List<String> tamperedRequest = new ArrayList<>(request);
            tamperedRequest.set(tamperedRequest.size() - 1, "Body=tampered");
            Cli.Result rejected = Cli.create().run(args(List.of("verify", "--scheme", scheme, "--secret", keys.verifying(),
                    "--now", "1772700010"), tamperedRequest, headers));
            assertThat(rejected.outLines()).as(scheme).containsExactly("invalid: SIGNATURE_MISMATCH");
        } else if (!TOKEN_SCHEMES.contains(scheme)) {
            byte[] tampered = java.util.Arrays.copyOf(body, body.length - 1);
            Cli.Result rejected = Cli.create().stdin(tampered).run(args(List.of("verify", "--scheme", scheme, "--secret", keys.verifying(),
                    "--now", "1772700010"), request, headers));
            assertThat(rejected.outLines()).as(scheme).containsExactly("invalid: SIGNATURE_MISMATCH");
        }
    }

    @Test
    void aSchemeThatCannotSignIsAUsageError() {
        Cli.Result r = Cli.create().stdin("{}").run("sign", "--scheme", "sns", "--secret", "s");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--scheme sns cannot sign");
    }

    @SafeVarargs
    private static String[] args(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all.toArray(String[]::new);
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

    /** A signing secret, the matching verifying one (the same for shared secrets), and one that does not match. */
    private record Keys(String signing, String verifying, String other) {
    }

    private static Keys keysFor(String scheme) {
        if (scheme.equals("standard-webhooks-ed25519")) {
            return new Keys("whsk_" + Base64.getEncoder().encodeToString(ED25519_SEED),
                    "whpk_" + Base64.getEncoder().encodeToString(ED25519_PUBLIC),
                    "whpk_" + Base64.getEncoder().encodeToString(OTHER_ED25519_PUBLIC));
        }
        if (scheme.equals("discord")) {
            return new Keys(HexFormat.of().formatHex(ED25519_SEED), HexFormat.of().formatHex(ED25519_PUBLIC),
                    HexFormat.of().formatHex(OTHER_ED25519_PUBLIC));
        }
        if (scheme.startsWith("standard-webhooks") || scheme.equals("svix")) {
            return new Keys("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        }
        if (scheme.equals("basic-auth")) {
            return new Keys("hooks:round-trip", "hooks:round-trip", "hooks:other");
        }
        return new Keys("round-trip-secret", "round-trip-secret", "other-secret");
    }
}
