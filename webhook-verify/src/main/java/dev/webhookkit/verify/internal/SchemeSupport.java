package dev.webhookkit.verify.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.verify.TimestampPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Small pieces every scheme shares: header look-up, Unix timestamps, the common results. */
public final class SchemeSupport {
    public static final VerificationResult MISSING_SIGNATURE = VerificationResult.invalid(Reason.MISSING_SIGNATURE);
    public static final VerificationResult MALFORMED_SIGNATURE = VerificationResult.invalid(Reason.MALFORMED_SIGNATURE);
    public static final VerificationResult SIGNATURE_MISMATCH = VerificationResult.invalid(Reason.SIGNATURE_MISMATCH);
    public static final VerificationResult MISSING_TIMESTAMP = VerificationResult.invalid(Reason.MISSING_TIMESTAMP);
    public static final VerificationResult TIMESTAMP_EXPIRED = VerificationResult.invalid(Reason.TIMESTAMP_EXPIRED);
    public static final VerificationResult CERTIFICATE_UNAVAILABLE = VerificationResult.invalid(Reason.CERTIFICATE_UNAVAILABLE);

    /** Unix seconds up to year 33658 (11 digits) and no more, so parsing cannot overflow. */
    private static final int MAX_TIMESTAMP_DIGITS = 11;

    private SchemeSupport() {
    }

    /**
     * Header names lower-cased once, so look-ups in {@link Headers} (which lower-cases the name it
     * is asked for) allocate nothing.
     */
    public static List<String> lowerCase(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** The first value of the first header present, or null. */
    public static String firstHeader(Headers headers, List<String> lowerCaseNames) {
        for (int i = 0; i < lowerCaseNames.size(); i++) {
            List<String> values = headers.all(lowerCaseNames.get(i));
            if (!values.isEmpty()) {
                return values.get(0);
            }
        }
        return null;
    }

    /** The first value of a header, or null. */
    public static String firstHeader(Headers headers, String lowerCaseName) {
        List<String> values = headers.all(lowerCaseName);
        return values.isEmpty() ? null : values.get(0);
    }

    /** MISSING_SIGNATURE for an absent header value, MALFORMED_SIGNATURE for an oversized one, null when usable. */
    public static VerificationResult rejectHeader(String value, int maxLength) {
        if (value == null) {
            return MISSING_SIGNATURE;
        }
        return value.length() > maxLength ? MALFORMED_SIGNATURE : null;
    }

    /**
     * MISSING_TIMESTAMP for an absent value, MALFORMED_SIGNATURE for one that is not Unix seconds,
     * TIMESTAMP_EXPIRED outside the policy's window around {@code receivedAt}; null when acceptable.
     */
    public static VerificationResult rejectTimestamp(String value, int maxLength, TimestampPolicy policy, Instant receivedAt) {
        if (value == null) {
            return MISSING_TIMESTAMP;
        }
        long seconds = value.length() > maxLength ? -1 : parseEpochSeconds(value);
        if (seconds < 0) {
            return MALFORMED_SIGNATURE;
        }
        return policy.acceptsEpochSecond(seconds, receivedAt) ? null : TIMESTAMP_EXPIRED;
    }

    /**
     * The parts concatenated as UTF-8, in one array: signed prefixes such as {@code id.ts.} are fed
     * to the MAC in one call, without building {@code id.ts.body} as a string.
     */
    public static byte[] utf8(String... parts) {
        int length = 0;
        for (String part : parts) {
            length += part.length();
        }
        byte[] out = new byte[length];
        int o = 0;
        for (String part : parts) {
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c >= 0x80) {
                    return String.join("", parts).getBytes(StandardCharsets.UTF_8);
                }
                out[o++] = (byte) c;
            }
        }
        return out;
    }

    /** Unix seconds written as plain decimal digits (surrounding spaces allowed); -1 when not. */
    public static long parseEpochSeconds(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        if (from == to || to - from > MAX_TIMESTAMP_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Index of the first character that is not a space or tab at or after {@code from}. */
    public static int skipSpaces(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    /** Index just past the last character before {@code to} that is not a space or tab. */
    public static int trimEnd(String s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }

    /** The secret to sign with, or a ConfigurationException naming the scheme and the time. */
    public static Secret primary(SecretSet secrets, Instant at, String schemeId) {
        return secrets.primary(at).orElseThrow(() -> noActiveSecret(schemeId, at));
    }

    /** Every secret to sign with (multi-signature schemes), never empty. */
    public static List<Secret> allActive(SecretSet secrets, Instant at, String schemeId) {
        List<Secret> active = secrets.activeAt(at);
        if (active.isEmpty()) {
            throw noActiveSecret(schemeId, at);
        }
        return active;
    }

    private static ConfigurationException noActiveSecret(String schemeId, Instant at) {
        return new ConfigurationException("scheme " + schemeId + " cannot sign: no secret is active at " + at);
    }
}
