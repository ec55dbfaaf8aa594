package dev.webhookkit.core.internal;

import dev.webhookkit.core.WebhookException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Constant-time comparison of URL tokens and integration ids: SHA-256 digests, so lengths do not leak either. */
public final class UrlTokens {
    private UrlTokens() {
    }

    public static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new WebhookException("SHA-256 is required of every JDK", e);
        }
    }

    public static boolean matches(byte[] expectedDigest, String presented) {
        return MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    public static boolean equalDigests(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
