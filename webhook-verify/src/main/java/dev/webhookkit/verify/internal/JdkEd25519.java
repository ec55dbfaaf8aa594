package dev.webhookkit.verify.internal;

import dev.webhookkit.core.WebhookException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** The JDK's EdDSA provider, reading raw keys through the fixed DER headers of RFC 8410. */
final class JdkEd25519 implements Ed25519Engine {
    static final JdkEd25519 INSTANCE = new JdkEd25519();
    /** SubjectPublicKeyInfo for id-Ed25519 (1.3.101.112), followed by the 32 key bytes. */
    private static final byte[] SPKI_HEADER = Codec.decodeHex("302a300506032b6570032100");
    /** PKCS#8 PrivateKeyInfo v0 for id-Ed25519 wrapping a 32-byte OCTET STRING seed. */
    private static final byte[] PKCS8_HEADER = Codec.decodeHex("302e020100300506032b657004220420");

    private JdkEd25519() {
    }

    @Override
    public Verifier verifier(byte[] publicKey) {
        PublicKey key;
        try {
            key = keyFactory().generatePublic(new X509EncodedKeySpec(concat(SPKI_HEADER, publicKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return (signature, first, second) -> {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(first);
                verifier.update(second);
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                return false; // a signature the provider cannot parse never matches
            }
        };
    }

    @Override
    public Signer signer(byte[] seed) {
        PrivateKey key;
        try {
            key = keyFactory().generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_HEADER, seed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        return (first, second) -> {
            try {
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(key);
                signer.update(first);
                signer.update(second);
                return signer.sign();
            } catch (GeneralSecurityException e) {
                throw new WebhookException("Ed25519 signing failed", e);
            }
        };
    }

    @Override
    public String name() {
        return "jdk";
    }

    private static KeyFactory keyFactory() {
        try {
            return KeyFactory.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new WebhookException("Ed25519 is not available in this JDK", e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
