package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.internal.SchemeSupport.MALFORMED_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.SIGNATURE_MISMATCH;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Discord interactions: {@code X-Signature-Ed25519} holds the hex Ed25519 signature of
 * {@code X-Signature-Timestamp} followed directly by the raw body. Verifying secrets hold the
 * application's public key as 64 hex digits (as the developer portal shows it); signing secrets
 * hold the private key as the hex 32-byte seed (or the 64-byte seed-plus-public-key form).
 */
public final class DiscordScheme implements SignatureScheme {
    static final String SIGNATURE_HEADER = "X-Signature-Ed25519";
    static final String TIMESTAMP_HEADER = "X-Signature-Timestamp";

    private final Ed25519Keys keys = new Ed25519Keys(DiscordScheme::hex, DiscordScheme::hex);
    private final TimestampPolicy policy;
    private final int maxHeaderLength;

    public DiscordScheme(TimestampPolicy policy, int maxHeaderLength) {
        this.policy = policy;
        this.maxHeaderLength = maxHeaderLength;
    }

    private static byte[] hex(Secret secret) {
        byte[] raw = Codec.decodeHex(secret.value().trim());
        if (raw == null) {
            throw new ConfigurationException("secret '" + secret.id() + "' is not a hex Ed25519 key");
        }
        return raw;
    }

    @Override
    public String schemeId() {
        return "discord";
    }

    @Override
    public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        String value = SchemeSupport.firstHeader(request.headers(), "x-signature-ed25519");
        VerificationResult rejected = SchemeSupport.rejectHeader(value, maxHeaderLength);
        if (rejected != null) {
            return rejected;
        }
        byte[] signature = Codec.decodeHex(value.trim());
        if (signature == null || signature.length != 64) {
            return MALFORMED_SIGNATURE;
        }
        String ts = SchemeSupport.firstHeader(request.headers(), "x-signature-timestamp");
        rejected = SchemeSupport.rejectTimestamp(ts, maxHeaderLength, policy, request.receivedAt());
        if (rejected != null) {
            return rejected;
        }
        byte[] timestamp = ts.getBytes(StandardCharsets.UTF_8);
        for (Secret secret : secrets.activeAt(request.receivedAt())) {
            if (keys.verifies(secret, signature, timestamp, request.body())) {
                return VerificationResult.valid(secret.id());
            }
        }
        return SIGNATURE_MISMATCH;
    }

    @Override
    public Headers sign(SigningInput input, SecretSet secrets) {
        Objects.requireNonNull(input, "input");
        Secret secret = SchemeSupport.primary(Objects.requireNonNull(secrets, "secrets"), input.timestamp(), schemeId());
        String ts = Long.toString(input.timestamp().getEpochSecond());
        byte[] signature = keys.sign(secret, ts.getBytes(StandardCharsets.US_ASCII), input.body());
        return Headers.of(SIGNATURE_HEADER, Codec.encodeHex(signature), TIMESTAMP_HEADER, ts);
    }

    @Override
    public String toString() {
        return "SignatureScheme[discord, header " + SIGNATURE_HEADER + "]";
    }
}
