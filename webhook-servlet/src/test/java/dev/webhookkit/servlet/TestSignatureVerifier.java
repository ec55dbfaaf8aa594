package dev.webhookkit.servlet;

import dev.webhookkit.core.Reason;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small scheme of the tests' own (webhook-verify's schemes are written elsewhere): header
 * {@code X-Test-Signature: v1=<hex HMAC-SHA256 of "timestamp.url.body">} and
 * {@code X-Test-Timestamp: <epoch seconds>} within five minutes of {@code receivedAt}. Signing the
 * full URL, as Twilio does, shows the filter hands over the URL with its query.
 */
final class TestSignatureVerifier implements SignatureVerifier {
    static final String SIGNATURE = "X-Test-Signature";
    static final String TIMESTAMP = "X-Test-Timestamp";
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern FORMAT = Pattern.compile("v1=[0-9a-f]{64}");

    @Override
    public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        Optional<String> signature = request.header(SIGNATURE);
        if (signature.isEmpty()) {
            return VerificationResult.invalid(Reason.MISSING_SIGNATURE);
        }
        if (!FORMAT.matcher(signature.get()).matches()) {
            return VerificationResult.invalid(Reason.MALFORMED_SIGNATURE);
        }
        Optional<String> timestamp = request.header(TIMESTAMP);
        if (timestamp.isEmpty()) {
            return VerificationResult.invalid(Reason.MISSING_TIMESTAMP);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.get());
        } catch (NumberFormatException e) {
            return VerificationResult.invalid(Reason.MALFORMED_SIGNATURE);
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), request.receivedAt()).abs();
        if (skew.compareTo(TOLERANCE) > 0) {
            return VerificationResult.invalid(Reason.TIMESTAMP_EXPIRED);
        }
        byte[] sent = HexFormat.of().parseHex(signature.get().substring(3));
        for (Secret secret : secrets.activeAt(request.receivedAt())) {
            byte[] expected = hmac(secret.bytes(), timestamp.get(), request.url(), request.body());
            if (MessageDigest.isEqual(expected, sent)) {
                return VerificationResult.valid(secret.id());
            }
        }
        return VerificationResult.invalid(Reason.SIGNATURE_MISMATCH);
    }

    @Override
    public String schemeId() {
        return "test-hmac";
    }

    /** The header value a sender with this secret would send. */
    static String sign(String secret, String timestamp, String url, byte[] body) {
        return "v1=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, url, body));
    }

    private static byte[] hmac(byte[] key, String timestamp, String url, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((timestamp + "." + url + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
