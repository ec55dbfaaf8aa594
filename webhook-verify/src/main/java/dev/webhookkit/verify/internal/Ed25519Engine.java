package dev.webhookkit.verify.internal;

/**
 * Ed25519 on raw keys, as one provider computes it. {@link #best()} takes BouncyCastle's when it is
 * on the class path (several times faster than JDK 17's, see docs/performance.md) and the JDK's
 * otherwise, so BouncyCastle stays an optional dependency.
 */
public interface Ed25519Engine {
    String BOUNCY_CASTLE_CLASS = "org.bouncycastle.math.ec.rfc8032.Ed25519";

    /** @throws IllegalArgumentException when {@code publicKey} is not the 32-byte encoding of a curve point */
    Verifier verifier(byte[] publicKey);

    /** @param seed the 32-byte private seed */
    Signer signer(byte[] seed);

    /** {@code jdk} or {@code bouncycastle}. */
    String name();

    /** Checks signatures against one public key; safe to share between threads. */
    interface Verifier {
        /** Whether {@code signature} signs {@code first} followed by {@code second}; false for a malformed signature. */
        boolean verify(byte[] signature, byte[] first, byte[] second);
    }

    /** Signs with one private key; safe to share between threads. */
    interface Signer {
        /** The 64-byte signature of {@code first} followed by {@code second}. */
        byte[] sign(byte[] first, byte[] second);
    }

    static Ed25519Engine jdk() {
        return JdkEd25519.INSTANCE;
    }

    /** @throws IllegalStateException when BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}) is not on the class path */
    static Ed25519Engine bouncyCastle() {
        if (!bouncyCastlePresent()) {
            throw new IllegalStateException("BouncyCastle (org.bouncycastle:bcprov-jdk18on) is not on the class path");
        }
        return BouncyCastleEd25519.INSTANCE;
    }

    /** BouncyCastle's when present, else the JDK's. */
    static Ed25519Engine best() {
        return bouncyCastlePresent() ? BouncyCastleEd25519.INSTANCE : JdkEd25519.INSTANCE;
    }

    static boolean bouncyCastlePresent() {
        try {
            Class.forName(BOUNCY_CASTLE_CLASS, false, Ed25519Engine.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
