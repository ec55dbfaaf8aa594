package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Agnox's documented format, {@code x-agnox-signature: sha256=<hex>} with
 * {@code HMAC-SHA256(secret, rawRequestBody)}, checked against a digest computed here with
 * {@link Mac} (not with the scheme's own code) over the payload of Agnox's documentation.
 */
class AgnoxFormatTest {
    /** The payload example of Agnox's "Payload Schema", byte for byte as a sender would post it. */
    static final byte[] DOCUMENTED_PAYLOAD = ("{\"event\":\"execution.finished\",\"executionId\":\"exec_xyz789\",\"taskId\":\"task_abc123\","
            + "\"status\":\"FAILED\",\"summary\":\"3 tests failed in My Test Suite\",\"groupName\":\"my-test-group\","
            + "\"startedAt\":\"2026-03-14T11:56:00.000Z\",\"finishedAt\":\"2026-03-14T12:00:00.000Z\"}")
            .getBytes(StandardCharsets.UTF_8);
    /** A secret as Agnox suggests making one ({@code openssl rand -hex 32}). */
    static final String SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static String independentSignature(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void signsExactlyWhatAgnoxSends() throws Exception {
        Headers signed = Schemes.agnox().sign(SigningInput.of("m", Instant.EPOCH, DOCUMENTED_PAYLOAD, ""), SecretSet.ofValues(SECRET));
        assertThat(signed.toMap()).containsOnlyKeys("x-agnox-signature");
        assertThat(signed.first("x-agnox-signature")).contains(independentSignature(SECRET, DOCUMENTED_PAYLOAD));
        assertThat(signed.first("x-agnox-signature").orElseThrow()).matches("sha256=[0-9a-f]{64}");
    }

    @Test
    void verifiesAnIndependentlyComputedSignatureOnTheRawBody() throws Exception {
        Headers headers = Headers.of("x-agnox-signature", independentSignature(SECRET, DOCUMENTED_PAYLOAD));
        assertThat(WebhookVerifier.verify("agnox", SECRET, DOCUMENTED_PAYLOAD, headers)).isEqualTo(VerificationResult.valid("default"));
    }

    @Test
    void aReserialisedBodyDoesNotVerify() throws Exception {
        // Agnox's own warning: the HMAC is over the raw bytes, not a parsed and re-written object.
        byte[] pretty = new String(DOCUMENTED_PAYLOAD, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);
        Headers headers = Headers.of("x-agnox-signature", independentSignature(SECRET, DOCUMENTED_PAYLOAD));
        assertThat(WebhookVerifier.verify("agnox", SECRET, pretty, headers).failure()).contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void aBareHexDigestOrAnotherAlgorithmIsMalformed() throws Exception {
        String hex = independentSignature(SECRET, DOCUMENTED_PAYLOAD).substring("sha256=".length());
        assertThat(WebhookVerifier.verify("agnox", SECRET, DOCUMENTED_PAYLOAD, Headers.of("x-agnox-signature", hex)).failure())
                .contains(Reason.MALFORMED_SIGNATURE);
        assertThat(WebhookVerifier.verify("agnox", SECRET, DOCUMENTED_PAYLOAD, Headers.of("x-agnox-signature", "sha1=" + hex)).failure())
                .contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void theSignatureIsNotASecretAndIsKeptInTheHistory() {
        assertThat(Schemes.agnox().secretHeaders()).isEmpty();
    }
}
