package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.internal.SignatureList;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A signature header with more than {@link SignatureList#MAX_ENTRIES} entries is refused as
 * malformed before any signature is checked: an 88-entry {@code v1a} header used to cost 88 Ed25519
 * verifications. The headers here carry a genuinely valid signature first, so a verifier that tried
 * any entry would answer valid; MALFORMED_SIGNATURE proves none was tried.
 */
class SignatureEntryLimitTest {
    static final Instant AT = Instant.parse("2026-03-04T14:00:00Z");
    static final byte[] BODY = "{\"event\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    static final SigningInput INPUT = SigningInput.of("msg_limit", AT, BODY, "");

    static String whsk() {
        return "whsk_" + Base64.getEncoder().encodeToString(TestKeys.rawPrivate(7));
    }

    static String whpk() {
        return "whpk_" + Base64.getEncoder().encodeToString(TestKeys.rawPublic(7));
    }

    /** The valid entry followed by {@code extra} well-formed entries that do not verify. */
    static String withDecoys(String valid, String decoy, int extra, String separator) {
        List<String> entries = new ArrayList<>(Collections.nCopies(extra, decoy));
        entries.add(0, valid);
        return String.join(separator, entries);
    }

    static VerificationResult verify(SignatureScheme scheme, Headers headers, SecretSet secrets) {
        return scheme.verify(WebhookRequest.builder().body(BODY).headers(headers).receivedAt(AT).build(), secrets);
    }

    @Test
    void anEightyEightEntryEd25519HeaderIsRefusedBeforeAnyVerification() {
        SignatureScheme scheme = Schemes.standardWebhooksEd25519();
        Headers signed = scheme.sign(INPUT, SecretSet.ofValues(whsk()));
        String valid = signed.first("webhook-signature").orElseThrow();
        String decoy = "v1a," + Base64.getEncoder().encodeToString(new byte[64]);

        Headers flooded = signed.toBuilder().set("webhook-signature", withDecoys(valid, decoy, 87, " ")).build();
        assertThat(verify(scheme, flooded, SecretSet.ofValues(whpk())).failure()).contains(Reason.MALFORMED_SIGNATURE);

        String decoysThenValid = String.join(" ", Collections.nCopies(SignatureList.MAX_ENTRIES - 1, decoy)) + " " + valid;
        Headers atTheCap = signed.toBuilder().set("webhook-signature", decoysThenValid).build();
        assertThat(verify(scheme, atTheCap, SecretSet.ofValues(whpk())).isValid()).as("%d entries, valid last", SignatureList.MAX_ENTRIES)
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"standard-webhooks", "svix", "standard-webhooks-ed25519"})
    void oneEntryOverTheCapIsMalformedEvenWhenAllOfOtherVersions(String id) {
        SignatureScheme scheme = Schemes.byId(id);
        boolean ed = id.endsWith("ed25519");
        Headers signed = scheme.sign(INPUT, SecretSet.ofValues(ed ? whsk() : "whsec_" + Base64.getEncoder().encodeToString(new byte[24])));
        String header = id.equals("svix") ? "svix-signature" : "webhook-signature";
        String valid = signed.first(header).orElseThrow();
        String otherVersion = "v9," + Base64.getEncoder().encodeToString(new byte[32]);
        SecretSet verifying = ed ? SecretSet.ofValues(whpk()) : SecretSet.ofValues("whsec_" + Base64.getEncoder().encodeToString(new byte[24]));

        Headers atCap = signed.toBuilder().set(header, withDecoys(valid, otherVersion, SignatureList.MAX_ENTRIES - 1, " ")).build();
        Headers overCap = signed.toBuilder().set(header, withDecoys(valid, otherVersion, SignatureList.MAX_ENTRIES, " ")).build();
        assertThat(verify(scheme, atCap, verifying).isValid()).isTrue();
        assertThat(verify(scheme, overCap, verifying).failure()).contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void stripeAllowsItsTimestampPlusTheCapOfSignatures() {
        SignatureScheme scheme = Schemes.stripe();
        SecretSet secrets = SecretSet.ofValues("whsec_stripe_limit");
        String valid = scheme.sign(INPUT, secrets).first("Stripe-Signature").orElseThrow(); // t=…,v1=…
        String decoy = "v1=" + "00".repeat(32);
        String atCap = withDecoys(valid, decoy, SignatureList.MAX_ENTRIES - 1, ",");
        String overCap = withDecoys(valid, decoy, SignatureList.MAX_ENTRIES, ",");
        assertThat(verify(scheme, Headers.of("Stripe-Signature", atCap), secrets).isValid()).isTrue();
        assertThat(verify(scheme, Headers.of("Stripe-Signature", overCap), secrets).failure()).contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void pagerDutyListsAreCappedToo() {
        SignatureScheme scheme = Schemes.pagerduty();
        SecretSet secrets = SecretSet.ofValues("pd-limit-secret");
        String valid = scheme.sign(INPUT, secrets).first("X-PagerDuty-Signature").orElseThrow();
        String decoy = "v1=" + "00".repeat(32);
        String overCap = withDecoys(valid, decoy, SignatureList.MAX_ENTRIES, ",");
        assertThat(verify(scheme, Headers.of("X-PagerDuty-Signature", withDecoys(valid, decoy, SignatureList.MAX_ENTRIES - 1, ",")),
                secrets).isValid()).isTrue();
        assertThat(verify(scheme, Headers.of("X-PagerDuty-Signature", overCap), secrets).failure()).contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void blankSeparatorsBeyondTheCapAreNotEntries() {
        SignatureScheme scheme = Schemes.standardWebhooks();
        SecretSet secrets = SecretSet.ofValues("whsec_" + Base64.getEncoder().encodeToString(new byte[24]));
        String valid = scheme.sign(INPUT, secrets).first("webhook-signature").orElseThrow();
        String decoy = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
        // the cap of entries, but three times as many separators: the exact count must decide
        String spaced = withDecoys(valid, decoy, SignatureList.MAX_ENTRIES - 1, "   ") + "   ";
        assertThat(verify(scheme, Headers.of("webhook-id", "msg_limit", "webhook-timestamp", Long.toString(AT.getEpochSecond()),
                "webhook-signature", spaced), secrets).isValid()).isTrue();
        String overCap = withDecoys(valid, decoy, SignatureList.MAX_ENTRIES, "   ");
        assertThat(verify(scheme, Headers.of("webhook-id", "msg_limit", "webhook-timestamp", Long.toString(AT.getEpochSecond()),
                "webhook-signature", overCap), secrets).failure()).contains(Reason.MALFORMED_SIGNATURE);
    }
}
