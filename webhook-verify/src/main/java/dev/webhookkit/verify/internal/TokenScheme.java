package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.internal.SchemeSupport.MALFORMED_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.SIGNATURE_MISMATCH;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookException;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Senders that cannot sign and send a shared secret instead: a header equal to the secret (GitLab,
 * Honeycomb, Moxxy), {@code Authorization: Bearer <secret>}, or {@code Authorization: Basic
 * <base64(user:password)>} with the secret holding {@code user:password}. The body is not
 * authenticated, only the sender's knowledge of the secret; use TLS. Compared in constant time
 * over SHA-256 digests, so neither the content nor the length of the secret leaks through timing.
 */
public final class TokenScheme implements SignatureScheme {
    /** How the secret travels in the header. */
    public enum Form {
        /** The header value is the secret itself. */
        VERBATIM(""),
        /** {@code Bearer <secret>}. */
        BEARER("Bearer "),
        /** {@code Basic <base64 of the secret's UTF-8 bytes>}. */
        BASIC("Basic ");

        private final String prefix;

        Form(String prefix) {
            this.prefix = prefix;
        }
    }

    private final String id;
    private final String header;
    private final List<String> lookups;
    private final Form form;
    private final int maxHeaderLength;

    /** @param headers the header to sign into first, then further names accepted when verifying */
    public TokenScheme(String id, List<String> headers, Form form, int maxHeaderLength) {
        this.id = id;
        this.header = headers.get(0);
        this.lookups = SchemeSupport.lowerCase(headers);
        this.form = form;
        this.maxHeaderLength = maxHeaderLength;
    }

    @Override
    public String schemeId() {
        return id;
    }

    /** Every header this scheme reads the credential from: its value is the secret (or encodes it). */
    @Override
    public List<String> secretHeaders() {
        return lookups;
    }

    @Override
    public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        String value = SchemeSupport.firstHeader(request.headers(), lookups);
        VerificationResult rejected = SchemeSupport.rejectHeader(value, maxHeaderLength);
        if (rejected != null) {
            return rejected;
        }
        byte[] presented = presented(value.trim());
        if (presented == null) {
            return MALFORMED_SIGNATURE;
        }
        byte[] presentedDigest = sha256(presented);
        for (Secret secret : secrets.activeAt(request.receivedAt())) {
            if (MessageDigest.isEqual(presentedDigest, sha256(secret.bytes()))) {
                return VerificationResult.valid(secret.id());
            }
        }
        return SIGNATURE_MISMATCH;
    }

    /** The credential bytes in the header, or null when the header is not in this scheme's form. */
    private byte[] presented(String value) {
        if (!value.regionMatches(true, 0, form.prefix, 0, form.prefix.length())) {
            return null;
        }
        String credential = value.substring(form.prefix.length()).trim();
        if (credential.isEmpty()) {
            return null;
        }
        return form == Form.BASIC ? Codec.decodeBase64(credential) : credential.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new WebhookException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public Headers sign(SigningInput input, SecretSet secrets) {
        Objects.requireNonNull(input, "input");
        Secret secret = SchemeSupport.primary(Objects.requireNonNull(secrets, "secrets"), input.timestamp(), id);
        String credential = form == Form.BASIC ? Base64.getEncoder().encodeToString(secret.bytes()) : secret.value();
        return Headers.of(header, form.prefix + credential);
    }

    @Override
    public String toString() {
        return "SignatureScheme[" + id + ", header " + header + (form == Form.VERBATIM ? "" : " " + form.name().toLowerCase(Locale.ROOT)) + "]";
    }
}
