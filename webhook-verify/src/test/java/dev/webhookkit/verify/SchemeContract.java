package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The suite every signing scheme passes: what it signs it verifies, and a changed body, another
 * secret, a missing, garbled or oversized header, expired keys and (for timestamped schemes)
 * stale or future timestamps are all rejected with the right reason.
 */
abstract class SchemeContract {
    static final Instant SIGNED_AT = Instant.parse("2026-03-04T14:00:00Z");
    static final String URL = "https://hooks.example.com/webhooks/orders?tenant=7";

    /** The scheme under test, with default options. */
    abstract SignatureScheme scheme();

    /** A secret in the form the scheme signs with; distinct for distinct {@code n}. */
    String signingSecret(int n) {
        return "contract-secret-" + n + "-\u00e9";
    }

    /** The secret a receiver verifies with; the same as the signing one for shared-secret schemes. */
    String verifyingSecret(int n) {
        return signingSecret(n);
    }

    /** True when the scheme signs a timestamp and applies a {@link TimestampPolicy}. */
    boolean timestamped() {
        return false;
    }

    /** True when the scheme signs with every active secret (several signatures in one header). */
    boolean multiSignature() {
        return false;
    }

    /** True when a changed body is detected (false only for token schemes, which do not sign the body). */
    boolean signsBody() {
        return true;
    }

    /** The delivery id the signature covers (Standard Webhooks' {@code webhook-id}); null when it covers none. */
    String signedId() {
        return null;
    }

    /** What a valid verification with secret {@code keyId} of {@link #input(byte[])} reports. */
    VerificationResult validResult(String keyId) {
        return signedId() == null ? VerificationResult.valid(keyId) : VerificationResult.valid(keyId, signedId());
    }

    /** The header that carries the signature. */
    abstract String signatureHeader();

    byte[] body() {
        return "{\"event\":\"order.created\",\"data\":{\"id\":42,\"note\":\"caf\u00e9\"}}".getBytes(StandardCharsets.UTF_8);
    }

    String contentType() {
        return "application/json";
    }

    SigningInput input(byte[] body) {
        return new SigningInput("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", SIGNED_AT, body, URL, Map.of());
    }

    WebhookRequest request(Headers signed, byte[] body, Instant receivedAt) {
        return WebhookRequest.builder().body(body).url(URL).headers(signed).header("Content-Type", contentType())
                .receivedAt(receivedAt).build();
    }

    SecretSet signingSet(int... ns) {
        return set(true, ns);
    }

    SecretSet verifyingSet(int... ns) {
        return set(false, ns);
    }

    private SecretSet set(boolean signing, int... ns) {
        Secret[] secrets = new Secret[ns.length];
        for (int i = 0; i < ns.length; i++) {
            secrets[i] = Secret.of("k" + ns[i], signing ? signingSecret(ns[i]) : verifyingSecret(ns[i]));
        }
        return SecretSet.of(secrets);
    }

    VerificationResult signAndVerify(SecretSet signWith, SecretSet verifyWith, Instant receivedAt) {
        Headers signed = scheme().sign(input(body()), signWith);
        return scheme().verify(request(signed, body(), receivedAt), verifyWith);
    }

    @Test
    void verifiesWhatItSigns() {
        assertThat(signAndVerify(signingSet(1), verifyingSet(1), SIGNED_AT.plusSeconds(2)))
                .isEqualTo(validResult("k1"));
    }

    /**
     * A verified request's record keeps its headers, but never the secret: a header that carries it
     * (token schemes) is recorded as "[redacted]", a signature (an HMAC, not a secret) is kept.
     */
    @Test
    void theEventRecordNeverHoldsTheSecret() {
        EventLog log = EventLog.inMemory();
        Headers signed = scheme().sign(input(body()), signingSet(1));
        WebhookRequest sent = request(signed.toBuilder().add("Cookie", "session=c00kie").add("X-Trace", "t-1").build(), body(),
                SIGNED_AT.plusSeconds(1));
        try (WebhookReceiver receiver = WebhookReceiver.builder().eventLog(log).clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .endpoint(Endpoint.builder("orders").verifier(scheme()).secrets(verifyingSet(1)).build()).build()) {
            ReceiveResult result = receiver.receive("orders", sent);

            EventRecord stored = log.find(result.eventId()).orElseThrow();
            assertThat(stored.verified()).as(result.reason().name()).isTrue();
            String kept = stored.headers().toMap().toString();
            for (String secret : List.of(signingSecret(1), verifyingSecret(1))) {
                assertThat(kept).doesNotContain(secret)
                        .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(stored.headers().all("Cookie")).containsExactly(EventRecord.REDACTED);
            assertThat(stored.headers().all("X-Trace")).containsExactly("t-1");
            boolean carriesSecret = scheme().secretHeaders().stream().anyMatch(h -> h.equalsIgnoreCase(signatureHeader()));
            assertThat(stored.headers().all(signatureHeader()))
                    .containsExactly(carriesSecret ? EventRecord.REDACTED : signed.first(signatureHeader()).orElseThrow());
        }
    }

    @Test
    void reportsTheSignedDeliveryIdAndOnlyThat() {
        VerificationResult result = signAndVerify(signingSet(1), verifyingSet(1), SIGNED_AT);
        assertThat(result.authenticatedId()).isEqualTo(java.util.Optional.ofNullable(signedId()));
    }

    @Test
    void verifiesAnEmptyBody() {
        byte[] empty = new byte[0];
        Headers signed = scheme().sign(input(empty), signingSet(1));
        assertThat(scheme().verify(request(signed, empty, SIGNED_AT), verifyingSet(1)).isValid()).isTrue();
    }

    @Test
    void rejectsTamperedBody() {
        assumeTrue(signsBody(), "token schemes do not sign the body");
        Headers signed = scheme().sign(input(body()), signingSet(1));
        byte[] tampered = body().clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(scheme().verify(request(signed, tampered, SIGNED_AT), verifyingSet(1)).failure())
                .contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsBodyWithTrailingNewline() {
        assumeTrue(signsBody(), "token schemes do not sign the body");
        Headers signed = scheme().sign(input(body()), signingSet(1));
        byte[] longer = (new String(body(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(scheme().verify(request(signed, longer, SIGNED_AT), verifyingSet(1)).failure())
                .contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsWrongSecret() {
        assertThat(signAndVerify(signingSet(1), verifyingSet(2), SIGNED_AT).failure()).contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsMissingSignatureHeader() {
        Headers signed = scheme().sign(input(body()), signingSet(1)).toBuilder().remove(signatureHeader()).build();
        assertThat(scheme().verify(request(signed, body(), SIGNED_AT), verifyingSet(1)).failure())
                .contains(Reason.MISSING_SIGNATURE);
    }

    @Test
    void rejectsGarbledSignatureHeader() {
        Headers signed = scheme().sign(input(body()), signingSet(1)).toBuilder()
                .set(signatureHeader(), garbled()).build();
        assertThat(scheme().verify(request(signed, body(), SIGNED_AT), verifyingSet(1)).failure())
                .contains(garbledReason());
    }

    /** Token schemes take any text as a (wrong) token; signature schemes call it malformed. */
    Reason garbledReason() {
        return Reason.MALFORMED_SIGNATURE;
    }

    /** Options for the scheme under test; the replay test adds an ignoring timestamp policy. */
    SchemeOptions.Builder options() {
        return SchemeOptions.builder();
    }

    /** False for a scheme whose timestamp travels inside the signature header (Stripe). */
    boolean separateTimestampHeader() {
        return true;
    }

    /** False when {@link #scheme()} is built with non-default options. */
    boolean registryDefault() {
        return true;
    }

    /** A header value that no parser of this scheme accepts. */
    String garbled() {
        return "%%%not a signature%%%";
    }

    @Test
    void rejectsOversizedSignatureHeaderAsMalformed() {
        Headers signed = scheme().sign(input(body()), signingSet(1));
        String valid = signed.first(signatureHeader()).orElseThrow();
        String huge = valid + " ".repeat(SchemeOptions.DEFAULT_MAX_HEADER_LENGTH);
        Headers oversized = signed.toBuilder().set(signatureHeader(), huge).build();
        assertThat(scheme().verify(request(oversized, body(), SIGNED_AT), verifyingSet(1)).failure())
                .contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void signatureHeaderNameIsMatchedIgnoringCase() {
        Headers signed = scheme().sign(input(body()), signingSet(1));
        Headers.Builder renamed = Headers.builder();
        signed.toMap().forEach((name, values) -> values.forEach(v -> renamed.add(name.toUpperCase(java.util.Locale.ROOT), v)));
        assertThat(scheme().verify(request(renamed.build(), body(), SIGNED_AT), verifyingSet(1)).isValid()).isTrue();
    }

    @Test
    void duringRotationTheOldSecretStillVerifiesAndIsReported() {
        SecretSet old = verifyingSet(1);
        SecretSet rotated = old.rotate(Secret.of("k2", verifyingSecret(2)), Duration.ofHours(24), SIGNED_AT);
        VerificationResult result = signAndVerify(signingSet(1), rotated, SIGNED_AT.plusSeconds(1));
        assertThat(result).isEqualTo(validResult("k1"));
    }

    @Test
    void afterTheGracePeriodTheOldSecretNoLongerVerifies() {
        SecretSet rotated = verifyingSet(1).rotate(Secret.of("k2", verifyingSecret(2)), Duration.ofSeconds(1), SIGNED_AT);
        Headers signed = scheme().sign(input(body()), signingSet(1));
        VerificationResult result = scheme().verify(request(signed, body(), SIGNED_AT.plusSeconds(2)),
                rotated);
        assertThat(result.failure()).contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void signsWithTheNewestSecretAfterRotation() {
        SecretSet rotated = signingSet(1).rotate(Secret.of("k2", signingSecret(2)), Duration.ofHours(1), SIGNED_AT);
        assertThat(signAndVerify(rotated, verifyingSet(2), SIGNED_AT).matchedKeyId()).contains("k2");
    }

    @Test
    void signingWithoutAnActiveSecretFails() {
        SecretSet expired = SecretSet.of(Secret.of("k1", signingSecret(1), SIGNED_AT.minusSeconds(1)));
        assertThatThrownBy(() -> scheme().sign(input(body()), expired))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(scheme().schemeId())
                .hasMessageNotContaining(signingSecret(1));
    }

    @Test
    void noSecretsMeansMismatch() {
        Headers signed = scheme().sign(input(body()), signingSet(1));
        assertThat(scheme().verify(request(signed, body(), SIGNED_AT), SecretSet.empty()).failure())
                .contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void multiSignatureHeadersCarryEveryActiveSecretAndEachVerifies() {
        assumeTrue(multiSignature(), "single-signature scheme");
        SecretSet both = signingSet(1, 2);
        Headers signed = scheme().sign(input(body()), both);
        assertThat(scheme().verify(request(signed, body(), SIGNED_AT), verifyingSet(2)).matchedKeyId()).contains("k2");
        assertThat(scheme().verify(request(signed, body(), SIGNED_AT), verifyingSet(1)).matchedKeyId()).contains("k1");
        assertThat(scheme().verify(request(signed, body(), SIGNED_AT), verifyingSet(3)).failure())
                .contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsTimestampOlderThanTolerance() {
        assumeTrue(timestamped(), "scheme signs no timestamp");
        assertThat(signAndVerify(signingSet(1), verifyingSet(1), SIGNED_AT.plus(Duration.ofMinutes(5)).plusSeconds(1)).failure())
                .contains(Reason.TIMESTAMP_EXPIRED);
        assertThat(signAndVerify(signingSet(1), verifyingSet(1), SIGNED_AT.plus(Duration.ofMinutes(5))).isValid()).isTrue();
    }

    @Test
    void rejectsTimestampFurtherInTheFutureThanTolerance() {
        assumeTrue(timestamped(), "scheme signs no timestamp");
        assertThat(signAndVerify(signingSet(1), verifyingSet(1), SIGNED_AT.minus(Duration.ofMinutes(5)).minusSeconds(1)).failure())
                .contains(Reason.TIMESTAMP_EXPIRED);
        assertThat(signAndVerify(signingSet(1), verifyingSet(1), SIGNED_AT.minus(Duration.ofMinutes(5))).isValid()).isTrue();
    }

    @Test
    void ignoredTimestampPolicyAcceptsAnOldCapturedRequest() {
        assumeTrue(timestamped(), "scheme signs no timestamp");
        SignatureScheme replaying = Schemes.byId(scheme().schemeId(),
                options().timestampPolicy(TimestampPolicy.ignore()).build());
        Headers signed = replaying.sign(input(body()), signingSet(1));
        assertThat(replaying.verify(request(signed, body(), SIGNED_AT.plus(Duration.ofDays(400))), verifyingSet(1)).isValid())
                .isTrue();
    }

    @Test
    void timestampHeaderIsRequired() {
        assumeTrue(timestamped() && separateTimestampHeader(), "no separate timestamp header");
        Headers signed = scheme().sign(input(body()), signingSet(1));
        Headers without = signed.toBuilder().remove(timestampHeader()).build();
        assertThat(scheme().verify(request(without, body(), SIGNED_AT), verifyingSet(1)).failure())
                .contains(Reason.MISSING_TIMESTAMP);
        Headers garbled = signed.toBuilder().set(timestampHeader(), "yesterday").build();
        assertThat(scheme().verify(request(garbled, body(), SIGNED_AT), verifyingSet(1)).failure())
                .contains(Reason.MALFORMED_SIGNATURE);
    }

    /** The timestamp header of a timestamped scheme. */
    String timestampHeader() {
        throw new UnsupportedOperationException();
    }

    @Test
    void idIsTheOneTheRegistryKnows() {
        assertThat(Schemes.ids()).contains(scheme().schemeId());
        if (registryDefault()) {
            assertThat(Schemes.byId(scheme().schemeId())).isSameAs(scheme());
        }
    }

    @Test
    void toStringShowsNoSecret() {
        assertThat(scheme().toString()).doesNotContain(signingSecret(1));
        assertThat(List.of(scheme().sign(input(body()), signingSet(1)).toString())).noneMatch(s -> s.contains(signingSecret(1)));
    }
}
