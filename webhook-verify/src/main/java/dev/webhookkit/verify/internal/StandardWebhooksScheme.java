package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.internal.SchemeSupport.MALFORMED_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.MISSING_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.MISSING_TIMESTAMP;
import static dev.webhookkit.verify.internal.SchemeSupport.SIGNATURE_MISMATCH;
import static dev.webhookkit.verify.internal.SchemeSupport.TIMESTAMP_EXPIRED;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Standard Webhooks layout, shared by its symmetric ({@code v1}, HMAC-SHA256) and asymmetric
 * ({@code v1a}, Ed25519) variants and by Svix: {@code <p>-id}, {@code <p>-timestamp} (Unix seconds)
 * and {@code <p>-signature}, a space-separated list of {@code <version>,<base64>} entries, over
 * {@code id.timestamp.body}. Entries of other versions are skipped, as the spec asks.
 */
abstract class StandardWebhooksScheme implements SignatureScheme {
    private final String id;
    private final String headerPrefix;
    private final List<String> idHeaders;
    private final List<String> timestampHeaders;
    private final List<String> signatureHeaders;
    private final String version;
    private final int signatureLength;
    private final TimestampPolicy policy;
    private final int maxHeaderLength;

    /**
     * @param headerPrefixes {@code webhook} or {@code svix} first (the one signed with), then
     *     fallbacks accepted when verifying
     */
    StandardWebhooksScheme(String id, List<String> headerPrefixes, String version, int signatureLength,
            TimestampPolicy policy, int maxHeaderLength) {
        this.id = id;
        this.headerPrefix = headerPrefixes.get(0);
        this.idHeaders = headerPrefixes.stream().map(p -> p + "-id").toList();
        this.timestampHeaders = headerPrefixes.stream().map(p -> p + "-timestamp").toList();
        this.signatureHeaders = headerPrefixes.stream().map(p -> p + "-signature").toList();
        this.version = version + ",";
        this.signatureLength = signatureLength;
        this.policy = policy;
        this.maxHeaderLength = maxHeaderLength;
    }

    @Override
    public final String schemeId() {
        return id;
    }

    /** True when one of the signatures is valid for {@code idAndTimestamp + body} under this secret. */
    abstract boolean matches(Secret secret, byte[] idAndTimestamp, byte[] body, List<byte[]> signatures);

    /** The raw signature of {@code idAndTimestamp + body} with this secret. */
    abstract byte[] signature(Secret secret, byte[] idAndTimestamp, byte[] body);

    /**
     * {@code id.timestamp.} as UTF-8, built in one array so the MAC is fed in two calls (this
     * prefix, then the body) without building {@code id.timestamp.body} as a string.
     */
    static byte[] signedPrefix(String messageId, String timestamp) {
        int idLength = messageId.length();
        int tsLength = timestamp.length();
        byte[] out = new byte[idLength + tsLength + 2];
        for (int i = 0; i < idLength; i++) {
            char c = messageId.charAt(i);
            if (c >= 0x80) {
                return (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
            }
            out[i] = (byte) c;
        }
        out[idLength] = '.';
        for (int i = 0; i < tsLength; i++) {
            out[idLength + 1 + i] = (byte) timestamp.charAt(i); // digits only, checked by the caller
        }
        out[out.length - 1] = '.';
        return out;
    }

    @Override
    public final VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        Headers headers = request.headers();
        String header = SchemeSupport.firstHeader(headers, signatureHeaders);
        if (header == null) {
            return MISSING_SIGNATURE;
        }
        String messageId = SchemeSupport.firstHeader(headers, idHeaders);
        if (header.length() > maxHeaderLength || messageId == null || messageId.isEmpty() || messageId.length() > maxHeaderLength) {
            return MALFORMED_SIGNATURE;
        }
        String ts = SchemeSupport.firstHeader(headers, timestampHeaders);
        if (ts == null) {
            return MISSING_TIMESTAMP;
        }
        long seconds = ts.length() > maxHeaderLength ? -1 : SchemeSupport.parseEpochSeconds(ts);
        if (seconds < 0) {
            return MALFORMED_SIGNATURE;
        }
        if (!policy.acceptsEpochSecond(seconds, request.receivedAt())) {
            return TIMESTAMP_EXPIRED;
        }
        List<byte[]> candidates = List.of();
        boolean malformed = false;
        int start = 0;
        while (start < header.length()) {
            int space = header.indexOf(' ', start);
            int end = space < 0 ? header.length() : space;
            if (end - start > version.length() && header.startsWith(version, start)) {
                byte[] signature = Codec.decodeBase64(header, start + version.length(), end);
                if (signature != null && signature.length == signatureLength) {
                    candidates = add(candidates, signature);
                } else {
                    malformed = true;
                }
            } else if (end > start && !contains(header, ',', start, end)) {
                malformed = true; // not "<version>,<signature>" at all
            }
            start = end + 1;
        }
        if (candidates.isEmpty()) {
            return malformed ? MALFORMED_SIGNATURE : SIGNATURE_MISMATCH;
        }
        byte[] idAndTimestamp = signedPrefix(messageId, ts.trim());
        List<Secret> active = secrets.activeAt(request.receivedAt());
        for (int i = 0; i < active.size(); i++) {
            Secret secret = active.get(i);
            boolean matched;
            try {
                matched = matches(secret, idAndTimestamp, request.body(), candidates);
            } catch (ConfigurationException e) {
                matched = false; // a secret this scheme cannot use never matches
            }
            if (matched) {
                return VerificationResult.valid(secret.id());
            }
        }
        return SIGNATURE_MISMATCH;
    }

    /** Signs with every secret active at the input's timestamp, so receivers holding either verify. */
    @Override
    public final Headers sign(SigningInput input, SecretSet secrets) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(secrets, "secrets");
        String ts = Long.toString(input.timestamp().getEpochSecond());
        byte[] idAndTimestamp = signedPrefix(input.messageId(), ts);
        StringBuilder value = new StringBuilder();
        for (Secret secret : SchemeSupport.allActive(secrets, input.timestamp(), id)) {
            if (value.length() > 0) {
                value.append(' ');
            }
            value.append(version).append(Codec.encodeBase64(signature(secret, idAndTimestamp, input.body())));
        }
        return Headers.builder()
                .add(headerPrefix + "-id", input.messageId())
                .add(headerPrefix + "-timestamp", ts)
                .add(headerPrefix + "-signature", value.toString())
                .build();
    }

    /** One signature is the common case: no list is allocated for it. */
    private static List<byte[]> add(List<byte[]> list, byte[] signature) {
        if (list.isEmpty()) {
            return List.of(signature);
        }
        List<byte[]> more = new ArrayList<>(list);
        more.add(signature);
        return more;
    }

    private static boolean contains(String s, char c, int from, int to) {
        int i = s.indexOf(c, from);
        return i >= 0 && i < to;
    }

    @Override
    public String toString() {
        return "SignatureScheme[" + id + ", headers " + headerPrefix + "-*]";
    }
}
