package dev.webhookkit.cli.internal;

import dev.webhookkit.servlet.EventStreamAuthorizer;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * Lets {@code Authorization: Bearer <admin token>} open the event stream, and nothing else: the
 * stream shows every endpoint's traffic, as the admin API does. Compares SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the time taken tells nothing of the token or its length.
 * Thread-safe.
 */
final class AdminTokenStreamAuthorizer implements EventStreamAuthorizer {
    private static final String BEARER = "bearer ";

    private final byte[] tokenDigest;

    AdminTokenStreamAuthorizer(String token) {
        this.tokenDigest = sha256(Objects.requireNonNull(token, "token"));
    }

    @Override
    public Decision authorize(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() <= BEARER.length()
                || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Decision.UNAUTHENTICATED;
        }
        byte[] presented = sha256(header.substring(BEARER.length()).strip());
        return MessageDigest.isEqual(presented, tokenDigest) ? Decision.ALLOW : Decision.UNAUTHENTICATED;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminTokenStreamAuthorizer[token redacted]";
    }
}
