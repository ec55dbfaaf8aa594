package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.internal.SchemeSupport.MALFORMED_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.SIGNATURE_MISMATCH;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureEncoding;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The Standard Webhooks layout, shared by its symmetric ({@code v1}, HMAC-SHA256) and asymmetric
 * ({@code v1a}, Ed25519) variants and by Svix: {@code <p>-id}, {@code <p>-timestamp} (Unix seconds)
 * and {@code <p>-signature}, a space-separated list of {@code <version>,<base64>} entries, over
 * {@code id.timestamp.body}. Entries of other versions are skipped, as the spec asks. Since the
 * id is signed, a valid result reports it as the {@linkplain VerificationResult#authenticatedId()
 * authenticated id}.
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

    /** The first secret under which one of the signatures is valid for {@code idAndTimestamp + body}, or null. */
    abstract Secret firstMatch(List<Secret> secrets, byte[] idAndTimestamp, byte[] body, List<byte[]> signatures);

    /** The raw signature of {@code idAndTimestamp + body} with this secret. */
    abstract byte[] signature(Secret secret, byte[] idAndTimestamp, byte[] body);

    @Override
    public final VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        Headers headers = request.headers();
        String header = SchemeSupport.firstHeader(headers, signatureHeaders);
        VerificationResult rejected = SchemeSupport.rejectHeader(header, maxHeaderLength);
        if (rejected != null) {
            return rejected;
        }
        String messageId = SchemeSupport.firstHeader(headers, idHeaders);
        if (messageId == null || messageId.isEmpty() || messageId.length() > maxHeaderLength) {
            return MALFORMED_SIGNATURE;
        }
        String ts = SchemeSupport.firstHeader(headers, timestampHeaders);
        rejected = SchemeSupport.rejectTimestamp(ts, maxHeaderLength, policy, request.receivedAt());
        if (rejected != null) {
            return rejected;
        }
        SignatureList list = SignatureList.parse(header, ' ', version, SignatureEncoding.BASE64, signatureLength);
        if (list.isEmpty()) {
            return list.emptyResult();
        }
        Secret matched = firstMatch(secrets.activeAt(request.receivedAt()), signedPrefix(messageId, ts.trim()), request.body(),
                list.signatures());
        // the id is part of the signed content, so the receiver may deduplicate on it
        return matched == null ? SIGNATURE_MISMATCH : VerificationResult.valid(matched.id(), messageId);
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

    /**
     * {@code id.timestamp.} as UTF-8. A concatenation then {@code getBytes} is two array copies for
     * the usual ASCII id, about half the cost of encoding the parts char by char.
     */
    private static byte[] signedPrefix(String messageId, String timestamp) {
        return (messageId + '.' + timestamp + '.').getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SignatureScheme[" + id + ", headers " + headerPrefix + "-*]";
    }
}
