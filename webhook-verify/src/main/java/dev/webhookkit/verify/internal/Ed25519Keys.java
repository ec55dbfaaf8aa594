package dev.webhookkit.verify.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.WebhookException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Ed25519 keys from the raw 32-byte forms senders publish (hex for Discord, base64 behind
 * {@code whpk_}/{@code whsk_} for Standard Webhooks), wrapped in the fixed DER headers of
 * RFC 8410 so the JDK's {@code KeyFactory} can read them. Parsed keys are cached by secret value.
 */
public final class Ed25519Keys {
    /** SubjectPublicKeyInfo for id-Ed25519 (1.3.101.112), followed by the 32 key bytes. */
    private static final byte[] SPKI_HEADER = Codec.decodeHex("302a300506032b6570032100");
    /** PKCS#8 PrivateKeyInfo v0 for id-Ed25519 wrapping a 32-byte OCTET STRING seed. */
    private static final byte[] PKCS8_HEADER = Codec.decodeHex("302e020100300506032b657004220420");
    private static final int MAX_KEYS = 256;

    private final Function<Secret, byte[]> publicBytes;
    private final Function<Secret, byte[]> privateSeed;
    private final ConcurrentHashMap<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PrivateKey> privateKeys = new ConcurrentHashMap<>();

    /**
     * @param publicBytes the raw 32-byte public key a secret holds, or an exception naming the id
     * @param privateSeed the raw 32-byte private seed a secret holds, or an exception naming the id
     */
    public Ed25519Keys(Function<Secret, byte[]> publicBytes, Function<Secret, byte[]> privateSeed) {
        this.publicBytes = publicBytes;
        this.privateSeed = privateSeed;
    }

    /** @throws ConfigurationException when the secret does not hold a public key in the expected form */
    public PublicKey publicKey(Secret secret) {
        PublicKey key = publicKeys.get(secret.value());
        if (key == null) {
            key = publicKeyFromRaw(publicBytes.apply(secret), secret.id());
            if (publicKeys.size() >= MAX_KEYS) {
                publicKeys.clear();
            }
            publicKeys.put(secret.value(), key);
        }
        return key;
    }

    /** @throws ConfigurationException when the secret does not hold a private key in the expected form */
    public PrivateKey privateKey(Secret secret) {
        PrivateKey key = privateKeys.get(secret.value());
        if (key == null) {
            key = privateKeyFromSeed(privateSeed.apply(secret), secret.id());
            if (privateKeys.size() >= MAX_KEYS) {
                privateKeys.clear();
            }
            privateKeys.put(secret.value(), key);
        }
        return key;
    }

    static PublicKey publicKeyFromRaw(byte[] raw, String secretId) {
        if (raw == null || raw.length != 32) {
            throw new ConfigurationException("secret '" + secretId + "' is not a 32-byte Ed25519 public key");
        }
        try {
            return keyFactory().generatePublic(new X509EncodedKeySpec(concat(SPKI_HEADER, raw)));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("secret '" + secretId + "' is not a valid Ed25519 public key");
        }
    }

    /** Accepts the 32-byte seed, or the 64-byte seed-then-public-key form of NaCl and libsodium. */
    static PrivateKey privateKeyFromSeed(byte[] raw, String secretId) {
        if (raw == null || raw.length != 32 && raw.length != 64) {
            throw new ConfigurationException("secret '" + secretId + "' is not a 32-byte Ed25519 private key");
        }
        try {
            return keyFactory().generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_HEADER, Arrays.copyOf(raw, 32))));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("secret '" + secretId + "' is not a valid Ed25519 private key");
        }
    }

    /** The raw 32 bytes of a JDK Ed25519 public key (the last 32 of its X.509 encoding). */
    public static byte[] rawPublic(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    /** The raw 32-byte seed of a JDK Ed25519 private key (the last 32 of its PKCS#8 encoding). */
    public static byte[] rawPrivate(PrivateKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    private static KeyFactory keyFactory() {
        try {
            return KeyFactory.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new WebhookException("Ed25519 is not available in this JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
