package dev.webhookkit.core.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 with one digest per thread: getInstance's provider look-up costs more than hashing 1 KiB. */
public final class Sha256 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private Sha256() {
    }

    public static byte[] digest(byte[] data) {
        MessageDigest d = DIGEST.get();
        d.reset();
        return d.digest(data);
    }

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }
}
