package dev.webhookkit.verify.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Secret;
import dev.webhookkit.verify.TimestampPolicy;
import java.util.List;

/**
 * Standard Webhooks {@code v1a}: Ed25519 over {@code id.timestamp.body}. Verifying secrets hold the
 * public key as {@code whpk_<base64 of the raw 32 bytes>}, signing secrets the private key as
 * {@code whsk_<base64 of the 32-byte seed>} (the 64-byte seed-plus-public-key form is accepted too).
 * The prefixes may be left off.
 */
public final class StandardWebhooksEd25519 extends StandardWebhooksScheme {
    private final Ed25519Keys keys = new Ed25519Keys(
            s -> decode(s, "whpk_"), s -> decode(s, "whsk_"));

    public StandardWebhooksEd25519(String id, TimestampPolicy policy, int maxHeaderLength) {
        super(id, List.of("webhook"), "v1a", 64, policy, maxHeaderLength);
    }

    private static byte[] decode(Secret secret, String prefix) {
        String value = secret.value();
        int from = value.startsWith(prefix) ? prefix.length() : 0;
        byte[] raw = Codec.decodeBase64(value, from, value.length());
        if (raw == null) {
            throw new ConfigurationException("secret '" + secret.id() + "' is not a " + prefix + " base64 key");
        }
        return raw;
    }

    @Override
    Secret firstMatch(List<Secret> secrets, byte[] idAndTimestamp, byte[] body, List<byte[]> signatures) {
        for (Secret secret : secrets) {
            if (matches(secret, idAndTimestamp, body, signatures)) {
                return secret;
            }
        }
        return null;
    }

    private boolean matches(Secret secret, byte[] idAndTimestamp, byte[] body, List<byte[]> signatures) {
        for (byte[] candidate : signatures) {
            if (keys.verifies(secret, candidate, idAndTimestamp, body)) {
                return true;
            }
        }
        return false;
    }

    @Override
    byte[] signature(Secret secret, byte[] idAndTimestamp, byte[] body) {
        return keys.sign(secret, idAndTimestamp, body);
    }
}
