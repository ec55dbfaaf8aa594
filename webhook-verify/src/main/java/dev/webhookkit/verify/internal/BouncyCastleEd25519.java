package dev.webhookkit.verify.internal;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * BouncyCastle's RFC 8032 Ed25519. Only loaded after {@link Ed25519Engine#bouncyCastlePresent()},
 * so the dependency stays optional. Public keys are decoded once (the point decompression is then
 * not paid per signature); the public key of a signing seed is derived once too.
 */
final class BouncyCastleEd25519 implements Ed25519Engine {
    static final BouncyCastleEd25519 INSTANCE = new BouncyCastleEd25519();

    private BouncyCastleEd25519() {
        Ed25519.precompute();
    }

    @Override
    public Verifier verifier(byte[] publicKey) {
        // Partial validation (a canonical point on the curve) accepts what the JDK's provider accepts.
        Ed25519.PublicPoint point = publicKey.length == Ed25519.PUBLIC_KEY_SIZE
                ? Ed25519.validatePublicKeyPartialExport(publicKey, 0) : null;
        if (point == null) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return (signature, first, second) -> {
            if (signature.length != Ed25519.SIGNATURE_SIZE) {
                return false;
            }
            byte[] message = JdkEd25519.concat(first, second);
            return Ed25519.verify(signature, 0, point, message, 0, message.length);
        };
    }

    @Override
    public Signer signer(byte[] seed) {
        if (seed.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] sk = seed.clone();
        byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(sk, 0, pk, 0);
        return (first, second) -> {
            byte[] message = JdkEd25519.concat(first, second);
            byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(sk, 0, pk, 0, message, 0, message.length, signature, 0);
            return signature;
        };
    }

    @Override
    public String name() {
        return "bouncycastle";
    }
}
