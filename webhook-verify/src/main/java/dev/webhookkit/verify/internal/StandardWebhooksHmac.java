package dev.webhookkit.verify.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Secret;
import dev.webhookkit.verify.TimestampPolicy;
import java.util.List;

/**
 * Standard Webhooks {@code v1} (and Svix): base64 HMAC-SHA256 keyed with the base64-decoded
 * {@code whsec_} secret (a secret without the prefix is base64-decoded whole, as the reference
 * libraries do).
 */
public final class StandardWebhooksHmac extends StandardWebhooksScheme {
    static final String SECRET_PREFIX = "whsec_";

    private final MacCache macs = new MacCache("HmacSHA256", StandardWebhooksHmac::key);

    public StandardWebhooksHmac(String id, List<String> headerPrefixes, TimestampPolicy policy, int maxHeaderLength) {
        super(id, headerPrefixes, "v1", 32, policy, maxHeaderLength);
    }

    static byte[] key(Secret secret) {
        String value = secret.value();
        int from = value.startsWith(SECRET_PREFIX) ? SECRET_PREFIX.length() : 0;
        byte[] key = Codec.decodeBase64(value, from, value.length());
        if (key == null || key.length == 0) {
            throw new ConfigurationException("secret '" + secret.id() + "' is not a whsec_ base64 secret");
        }
        return key;
    }

    @Override
    Secret firstMatch(List<Secret> secrets, byte[] idAndTimestamp, byte[] body, List<byte[]> signatures) {
        return macs.matchingSecret(secrets, idAndTimestamp, body, signatures);
    }

    @Override
    byte[] signature(Secret secret, byte[] idAndTimestamp, byte[] body) {
        return macs.compute(secret, idAndTimestamp, body);
    }
}
