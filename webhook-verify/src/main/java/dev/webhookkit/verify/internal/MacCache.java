package dev.webhookkit.verify.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Initialized {@link Mac} instances per secret and per thread. {@code Mac.init} costs about as much
 * as hashing a kilobyte, and {@code doFinal} leaves the instance ready for the same key, so each
 * thread keeps one initialized Mac per secret. Bounded: when more secrets than {@link #MAX_KEYS}
 * pass through, the cache starts over.
 */
public final class MacCache {
    static final int MAX_KEYS = 256;

    private final String algorithm;
    private final Function<Secret, byte[]> keyDerivation;
    private final ConcurrentHashMap<String, ThreadLocal<Mac>> macs = new ConcurrentHashMap<>();
    private final int macLength;

    /**
     * @param keyDerivation the HMAC key bytes of a secret; throws {@link ConfigurationException}
     *     (naming the secret id, never the value) when the secret has the wrong format
     */
    public MacCache(String algorithm, Function<Secret, byte[]> keyDerivation) {
        this.algorithm = algorithm;
        this.keyDerivation = keyDerivation;
        // fails at construction, not per request, if the JDK lacks the algorithm
        this.macLength = newMac(new byte[] {1}).getMacLength();
    }

    /** HMAC keyed with the secret's UTF-8 bytes, the key of most senders. */
    public static MacCache utf8(String algorithm) {
        return new MacCache(algorithm, Secret::bytes);
    }

    public String algorithm() {
        return algorithm;
    }

    /** Length of the MAC in bytes (32 for HmacSHA256, 20 for HmacSHA1). */
    public int macLength() {
        return macLength;
    }

    /**
     * This thread's Mac for the secret, initialized and reset.
     *
     * @throws ConfigurationException when the secret is not in the format the scheme needs
     */
    public Mac mac(Secret secret) {
        ThreadLocal<Mac> local = macs.get(secret.value());
        if (local == null) {
            local = register(secret);
        }
        return local.get();
    }

    /**
     * The MAC of {@code prefix} then {@code body}, streamed into this thread's cached Mac.
     *
     * @throws ConfigurationException when the secret is not in the format the scheme needs
     */
    public byte[] compute(Secret secret, byte[] prefix, byte[] body) {
        Mac mac = mac(secret);
        if (prefix.length > 0) {
            mac.update(prefix);
        }
        mac.update(body);
        return mac.doFinal();
    }

    /**
     * Valid with the id of the first secret whose MAC of {@code prefix + body} equals one of the
     * signatures (compared in constant time), else SIGNATURE_MISMATCH. Secrets this scheme cannot
     * use are skipped.
     */
    public VerificationResult firstMatch(List<Secret> secrets, byte[] prefix, byte[] body, List<byte[]> signatures) {
        for (int i = 0; i < secrets.size(); i++) {
            Secret secret = secrets.get(i);
            byte[] expected;
            try {
                expected = compute(secret, prefix, body);
            } catch (ConfigurationException e) {
                continue;
            }
            for (int c = 0; c < signatures.size(); c++) {
                if (MessageDigest.isEqual(expected, signatures.get(c))) {
                    return VerificationResult.valid(secret.id());
                }
            }
        }
        return SchemeSupport.SIGNATURE_MISMATCH;
    }

    private ThreadLocal<Mac> register(Secret secret) {
        byte[] key = keyDerivation.apply(secret);
        if (key.length == 0) {
            throw new ConfigurationException("secret '" + secret.id() + "' gives an empty " + algorithm + " key");
        }
        if (macs.size() >= MAX_KEYS) {
            macs.clear();
        }
        ThreadLocal<Mac> local = ThreadLocal.withInitial(() -> newMac(key));
        ThreadLocal<Mac> raced = macs.putIfAbsent(secret.value(), local);
        return raced != null ? raced : local;
    }

    private Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new WebhookException(algorithm + " is not available in this JDK", e);
        }
    }
}
