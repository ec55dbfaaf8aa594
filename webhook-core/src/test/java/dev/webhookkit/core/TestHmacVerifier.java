package dev.webhookkit.core;

import dev.webhookkit.core.spi.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small timestamped HMAC scheme for core's tests (the real schemes live in webhook-verify):
 * {@code X-Test-Timestamp: <epoch seconds>}, {@code X-Test-Signature: sha256=<hex of HMAC(ts + "." + body)>}.
 */
final class TestHmacVerifier implements SignatureVerifier {
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Override
    public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        var sig = request.header("X-Test-Signature");
        if (sig.isEmpty()) {
            return VerificationResult.invalid(Reason.MISSING_SIGNATURE);
        }
        if (!sig.get().startsWith("sha256=") || sig.get().length() != 7 + 64) {
            return VerificationResult.invalid(Reason.MALFORMED_SIGNATURE);
        }
        var ts = request.header("X-Test-Timestamp");
        if (ts.isEmpty()) {
            return VerificationResult.invalid(Reason.MISSING_TIMESTAMP);
        }
        long seconds;
        try {
            seconds = Long.parseLong(ts.get());
        } catch (NumberFormatException e) {
            return VerificationResult.invalid(Reason.MALFORMED_SIGNATURE);
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), request.receivedAt()).abs().compareTo(TOLERANCE) > 0) {
            return VerificationResult.invalid(Reason.TIMESTAMP_EXPIRED);
        }
        byte[] given = HexFormat.of().parseHex(sig.get().substring(7));
        for (Secret s : secrets.activeAt(request.receivedAt())) {
            if (MessageDigest.isEqual(given, mac(s.value(), ts.get(), request.body()))) {
                return VerificationResult.valid(s.id());
            }
        }
        return VerificationResult.invalid(Reason.SIGNATURE_MISMATCH);
    }

    @Override
    public String schemeId() {
        return "test-hmac";
    }

    static Headers sign(String secret, Instant at, byte[] body) {
        String ts = Long.toString(at.getEpochSecond());
        return Headers.of("X-Test-Timestamp", ts, "X-Test-Signature", "sha256=" + HexFormat.of().formatHex(mac(secret, ts, body)),
                "Content-Type", "application/json");
    }

    private static byte[] mac(String secret, String ts, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
