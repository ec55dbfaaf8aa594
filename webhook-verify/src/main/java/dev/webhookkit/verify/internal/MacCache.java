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

/**
 * HMAC (RFC 2104) with the keyed state precomputed once per secret. {@code Mac.init} costs about
 * as much as hashing a kilobyte, and even a reused {@code javax.crypto.Mac} hashes the padded key
 * block twice per message; here the digests of the inner and outer key blocks are computed once
 * and each message starts from a copy of them, so verifying costs the hashing of the content
 * alone. The prototypes are never updated after construction, so copying them is thread-safe.
 *
 * <p>Bounded: when more than {@link #MAX_KEYS} secrets pass through, the cache starts over.
 * Known-answer tests against the senders' documented signatures and the interoperability tests
 * against their libraries guard the construction.
 */
public final class MacCache {
    static final int MAX_KEYS = 256;
    private static final int BLOCK_SIZE = 64; // SHA-1 and SHA-256
    private static final byte[] NO_BYTES = new byte[0];

    private final String algorithm;
    private final String digestAlgorithm;
    private final int macLength;
    private final Function<Secret, byte[]> keyDerivation;
    private final ConcurrentHashMap<String, KeyedHmac> keys = new ConcurrentHashMap<>();

    /**
     * @param algorithm {@code HmacSHA256} or {@code HmacSHA1}
     * @param keyDerivation the HMAC key bytes of a secret; throws {@link ConfigurationException}
     *     (naming the secret id, never the value) when the secret has the wrong format
     */
    public MacCache(String algorithm, Function<Secret, byte[]> keyDerivation) {
        this.algorithm = algorithm;
        this.digestAlgorithm = switch (algorithm) {
            case "HmacSHA256" -> "SHA-256";
            case "HmacSHA1" -> "SHA-1";
            default -> throw new IllegalArgumentException("unsupported HMAC " + algorithm);
        };
        this.keyDerivation = keyDerivation;
        // fails at construction, not per request, if the JDK lacks the digest or cannot copy it
        this.macLength = new KeyedHmac(new byte[] {1}).compute(NO_BYTES, NO_BYTES).length;
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
     * The MAC of {@code prefix} then {@code body}.
     *
     * @throws ConfigurationException when the secret is not in the format the scheme needs
     */
    public byte[] compute(Secret secret, byte[] prefix, byte[] body) {
        KeyedHmac keyed = keys.get(secret.value());
        if (keyed == null) {
            keyed = register(secret);
        }
        return keyed.compute(prefix, body);
    }

    /**
     * Valid with the id of the first secret whose MAC of {@code prefix + body} equals one of the
     * signatures (compared in constant time), else SIGNATURE_MISMATCH. Secrets this scheme cannot
     * use are skipped.
     */
    public VerificationResult firstMatch(List<Secret> secrets, byte[] prefix, byte[] body, List<byte[]> signatures) {
        Secret matched = matchingSecret(secrets, prefix, body, signatures);
        return matched == null ? SchemeSupport.SIGNATURE_MISMATCH : VerificationResult.valid(matched.id());
    }

    /**
     * The secret {@link #firstMatch} would report, or null: for schemes that build a result of their
     * own (one that also carries the signed delivery id).
     */
    public Secret matchingSecret(List<Secret> secrets, byte[] prefix, byte[] body, List<byte[]> signatures) {
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
                    return secret;
                }
            }
        }
        return null;
    }

    private KeyedHmac register(Secret secret) {
        byte[] key = keyDerivation.apply(secret);
        if (key.length == 0) {
            throw new ConfigurationException("secret '" + secret.id() + "' gives an empty " + algorithm + " key");
        }
        if (keys.size() >= MAX_KEYS) {
            keys.clear();
        }
        KeyedHmac keyed = new KeyedHmac(key);
        KeyedHmac raced = keys.putIfAbsent(secret.value(), keyed);
        return raced != null ? raced : keyed;
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(digestAlgorithm);
        } catch (GeneralSecurityException e) {
            throw new WebhookException(digestAlgorithm + " is not available in this JDK", e);
        }
    }

    /** The digests of {@code key XOR ipad} and {@code key XOR opad}, ready to be copied. */
    private final class KeyedHmac {
        private final MessageDigest inner;
        private final MessageDigest outer;

        KeyedHmac(byte[] key) {
            byte[] block = key.length > BLOCK_SIZE ? newDigest().digest(key) : key;
            byte[] innerPad = new byte[BLOCK_SIZE];
            byte[] outerPad = new byte[BLOCK_SIZE];
            for (int i = 0; i < BLOCK_SIZE; i++) {
                byte k = i < block.length ? block[i] : 0;
                innerPad[i] = (byte) (k ^ 0x36);
                outerPad[i] = (byte) (k ^ 0x5c);
            }
            inner = newDigest();
            inner.update(innerPad);
            outer = newDigest();
            outer.update(outerPad);
        }

        byte[] compute(byte[] prefix, byte[] body) {
            MessageDigest in = copy(inner);
            if (prefix.length > 0) {
                in.update(prefix);
            }
            in.update(body);
            MessageDigest out = copy(outer);
            out.update(in.digest());
            return out.digest();
        }

        private MessageDigest copy(MessageDigest prototype) {
            try {
                return (MessageDigest) prototype.clone();
            } catch (CloneNotSupportedException e) {
                throw new WebhookException(digestAlgorithm + " digests of this JDK's provider cannot be copied", e);
            }
        }
    }
}
