package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.internal.SchemeSupport.MALFORMED_SIGNATURE;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureEncoding;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import java.util.List;
import java.util.Objects;

/**
 * An HMAC over the raw body, optionally preceded by a signed timestamp ({@code v0:ts:body} for
 * Slack, {@code ts:body} for Grafana), written into one header as {@code <prefix><hex|base64>} or,
 * for multi-signature senders (PagerDuty), as a comma-separated list of such entries.
 *
 * <p>The hot path feeds the signed prefix (if any) and the body into the secret's precomputed HMAC
 * state ({@link MacCache}), decodes the header once and compares raw bytes with
 * {@code MessageDigest.isEqual}.
 */
public final class HmacScheme implements SignatureScheme {
    private static final byte[] NO_PREFIX = new byte[0];

    private final String id;
    private final MacCache macs;
    private final String signHeader;
    private final List<String> lookupHeaders;
    private final String prefix;
    private final SignatureEncoding encoding;
    private final boolean multiple;
    private final String timestampHeader;
    private final String timestampLookup;
    private final String contentPrefix;
    private final String timestampSeparator;
    private final TimestampPolicy policy;
    private final int maxHeaderLength;

    private HmacScheme(Builder b) {
        this.id = b.id;
        this.macs = MacCache.utf8(b.algorithm);
        this.signHeader = b.headers.get(0);
        this.lookupHeaders = SchemeSupport.lowerCase(b.headers);
        this.prefix = b.prefix;
        this.encoding = b.encoding;
        this.multiple = b.multiple;
        this.timestampHeader = b.timestampHeader;
        this.timestampLookup = b.timestampHeader == null ? null : SchemeSupport.lowerCase(List.of(b.timestampHeader)).get(0);
        this.contentPrefix = b.contentPrefix;
        this.timestampSeparator = b.timestampSeparator;
        this.policy = b.policy;
        this.maxHeaderLength = b.maxHeaderLength;
    }

    /**
     * @param headers the header to sign into first, then further names accepted when verifying
     */
    public static Builder builder(String id, String algorithm, List<String> headers) {
        return new Builder(id, algorithm, headers);
    }

    @Override
    public String schemeId() {
        return id;
    }

    @Override
    public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        String header = SchemeSupport.firstHeader(request.headers(), lookupHeaders);
        VerificationResult rejected = SchemeSupport.rejectHeader(header, maxHeaderLength);
        if (rejected != null) {
            return rejected;
        }
        byte[] signedPrefix = NO_PREFIX;
        if (timestampLookup != null) {
            String ts = SchemeSupport.firstHeader(request.headers(), timestampLookup);
            rejected = SchemeSupport.rejectTimestamp(ts, maxHeaderLength, policy, request.receivedAt());
            if (rejected != null) {
                return rejected;
            }
            signedPrefix = SchemeSupport.utf8(contentPrefix, ts.trim(), timestampSeparator);
        }
        List<byte[]> signatures;
        if (multiple) {
            SignatureList list = SignatureList.parse(header, ',', prefix, encoding, macs.macLength());
            if (list.isEmpty()) {
                return list.emptyResult();
            }
            signatures = list.signatures();
        } else {
            int from = SchemeSupport.skipSpaces(header, 0, header.length());
            int to = SchemeSupport.trimEnd(header, from, header.length());
            if (!header.regionMatches(true, from, prefix, 0, prefix.length())) {
                return MALFORMED_SIGNATURE;
            }
            byte[] signature = Codec.decode(encoding, header, from + prefix.length(), to);
            if (signature == null || signature.length != macs.macLength()) {
                return MALFORMED_SIGNATURE;
            }
            signatures = List.of(signature);
        }
        return macs.firstMatch(secrets.activeAt(request.receivedAt()), signedPrefix, request.body(), signatures);
    }

    @Override
    public Headers sign(SigningInput input, SecretSet secrets) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(secrets, "secrets");
        String ts = Long.toString(input.timestamp().getEpochSecond());
        byte[] signedPrefix = timestampHeader == null ? NO_PREFIX : SchemeSupport.utf8(contentPrefix, ts, timestampSeparator);
        List<Secret> signing = multiple
                ? SchemeSupport.allActive(secrets, input.timestamp(), id)
                : List.of(SchemeSupport.primary(secrets, input.timestamp(), id));
        StringBuilder value = new StringBuilder();
        for (Secret secret : signing) {
            if (value.length() > 0) {
                value.append(',');
            }
            value.append(prefix).append(Codec.encode(encoding, macs.compute(secret, signedPrefix, input.body())));
        }
        Headers.Builder headers = Headers.builder().add(signHeader, value.toString());
        if (timestampHeader != null) {
            headers.add(timestampHeader, ts);
        }
        return headers.build();
    }

    @Override
    public String toString() {
        return "SignatureScheme[" + id + ", header " + signHeader + "]";
    }

    /** Describes one HMAC format; not thread-safe. */
    public static final class Builder {
        private final String id;
        private final String algorithm;
        private final List<String> headers;
        private String prefix = "";
        private SignatureEncoding encoding = SignatureEncoding.HEX;
        private boolean multiple;
        private String timestampHeader;
        private String contentPrefix = "";
        private String timestampSeparator = "";
        private TimestampPolicy policy = TimestampPolicy.defaults();
        private int maxHeaderLength = dev.webhookkit.verify.SchemeOptions.DEFAULT_MAX_HEADER_LENGTH;

        private Builder(String id, String algorithm, List<String> headers) {
            this.id = id;
            this.algorithm = algorithm;
            this.headers = List.copyOf(headers);
            if (this.headers.isEmpty()) {
                throw new IllegalArgumentException("at least one header");
            }
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder encoding(SignatureEncoding encoding) {
            this.encoding = encoding;
            return this;
        }

        /** A comma-separated list of prefixed signatures; signs with every active secret. */
        public Builder multiple() {
            this.multiple = true;
            return this;
        }

        /** Signs {@code contentPrefix + timestamp + separator + body}, with the timestamp in this header. */
        public Builder timestamp(String header, String contentPrefix, String separator) {
            this.timestampHeader = header;
            this.contentPrefix = contentPrefix;
            this.timestampSeparator = separator;
            return this;
        }

        public Builder policy(TimestampPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder maxHeaderLength(int maxHeaderLength) {
            this.maxHeaderLength = maxHeaderLength;
            return this;
        }

        public HmacScheme build() {
            return new HmacScheme(this);
        }
    }
}
