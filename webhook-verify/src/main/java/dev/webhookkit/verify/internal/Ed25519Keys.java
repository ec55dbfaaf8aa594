package dev.webhookkit.verify.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Secret;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Ed25519 keys from the raw 32-byte forms senders publish (hex for Discord, base64 behind
 * {@code whpk_}/{@code whsk_} for Standard Webhooks), parsed once per secret value by an
 * {@link Ed25519Engine} and cached (at most {@value #MAX_KEYS} of each kind).
 */
public final class Ed25519Keys {
    private static final int MAX_KEYS = 256;

    private final Ed25519Engine engine;
    private final Function<Secret, byte[]> publicBytes;
    private final Function<Secret, byte[]> privateSeed;
    private final ConcurrentHashMap<String, Ed25519Engine.Verifier> verifiers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Ed25519Engine.Signer> signers = new ConcurrentHashMap<>();

    /**
     * @param publicBytes the raw 32-byte public key a secret holds, or an exception naming the id
     * @param privateSeed the raw 32-byte private seed a secret holds, or an exception naming the id
     */
    public Ed25519Keys(Function<Secret, byte[]> publicBytes, Function<Secret, byte[]> privateSeed) {
        this(Ed25519Engine.best(), publicBytes, privateSeed);
    }

    Ed25519Keys(Ed25519Engine engine, Function<Secret, byte[]> publicBytes, Function<Secret, byte[]> privateSeed) {
        this.engine = engine;
        this.publicBytes = publicBytes;
        this.privateSeed = privateSeed;
    }

    /** Whether {@code signature} signs {@code first} then {@code second} under the public key {@code secret} holds. */
    public boolean verifies(Secret secret, byte[] signature, byte[] first, byte[] second) {
        try {
            return verifier(secret).verify(signature, first, second);
        } catch (ConfigurationException e) {
            return false; // a secret that is not a public key never matches
        }
    }

    /** @throws ConfigurationException when the secret does not hold a private key in the expected form */
    public byte[] sign(Secret secret, byte[] first, byte[] second) {
        Ed25519Engine.Signer signer = signers.get(secret.value());
        if (signer == null) {
            signer = signerFromSeed(privateSeed.apply(secret), secret.id());
            cache(signers, secret.value(), signer);
        }
        return signer.sign(first, second);
    }

    /** @throws ConfigurationException when the secret does not hold a public key in the expected form */
    Ed25519Engine.Verifier verifier(Secret secret) {
        Ed25519Engine.Verifier verifier = verifiers.get(secret.value());
        if (verifier == null) {
            verifier = verifierFromRaw(publicBytes.apply(secret), secret.id());
            cache(verifiers, secret.value(), verifier);
        }
        return verifier;
    }

    private static <T> void cache(ConcurrentHashMap<String, T> cache, String key, T value) {
        if (cache.size() >= MAX_KEYS) {
            cache.clear();
        }
        cache.put(key, value);
    }

    private Ed25519Engine.Verifier verifierFromRaw(byte[] raw, String secretId) {
        if (raw == null || raw.length != 32) {
            throw new ConfigurationException("secret '" + secretId + "' is not a 32-byte Ed25519 public key");
        }
        try {
            return engine.verifier(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("secret '" + secretId + "' is not a valid Ed25519 public key");
        }
    }

    /** Accepts the 32-byte seed, or the 64-byte seed-then-public-key form of NaCl and libsodium. */
    private Ed25519Engine.Signer signerFromSeed(byte[] raw, String secretId) {
        if (raw == null || raw.length != 32 && raw.length != 64) {
            throw new ConfigurationException("secret '" + secretId + "' is not a 32-byte Ed25519 private key");
        }
        try {
            return engine.signer(Arrays.copyOf(raw, 32));
        } catch (IllegalArgumentException e) {
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
}
