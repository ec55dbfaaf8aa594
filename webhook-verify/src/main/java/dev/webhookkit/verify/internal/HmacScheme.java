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
import dev.webhookkit.verify.SignatureEncoding;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * An HMAC over the raw body, optionally preceded by a signed timestamp ({@code v0:ts:body} for
 * Slack, {@code ts:body} for Grafana), written into one header as {@code <prefix><hex|base64>} or,
 * for multi-signature senders (PagerDuty), as a comma-separated list of such entries.
 *
 * <p>The hot path streams the parts into a cached, initialized {@link Mac}, decodes the header
 * once and compares raw bytes with {@link MessageDigest#isEqual}.
 */
public final class HmacScheme implements SignatureScheme {
    private final String id;
    private final MacCache macs;
    private final int macLength;
    private final String signHeader;
    private final List<String> lookupHeaders;
    private final String prefix;
    private final SignatureEncoding encoding;
    private final boolean multiple;
    private final String timestampHeader;
    private final String timestampLookup;
    private final byte[] contentPrefix;
    private final byte[] timestampSeparator;
    private final TimestampPolicy policy;
    private final int maxHeaderLength;

    private HmacScheme(Builder b) {
        this.id = b.id;
        this.macs = MacCache.utf8(b.algorithm);
        this.macLength = macs.macLength();
        this.signHeader = b.headers.get(0);
        this.lookupHeaders = SchemeSupport.lowerCase(b.headers);
        this.prefix = b.prefix;
        this.encoding = b.encoding;
        this.multiple = b.multiple;
        this.timestampHeader = b.timestampHeader;
        this.timestampLookup = b.timestampHeader == null ? null : SchemeSupport.lowerCase(List.of(b.timestampHeader)).get(0);
        this.contentPrefix = b.contentPrefix.getBytes(StandardCharsets.US_ASCII);
        this.timestampSeparator = b.timestampSeparator.getBytes(StandardCharsets.US_ASCII);
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
        if (header == null) {
            return MISSING_SIGNATURE;
        }
        if (header.length() > maxHeaderLength) {
            return MALFORMED_SIGNATURE;
        }
        byte[] timestamp = null;
        if (timestampLookup != null) {
            String ts = SchemeSupport.firstHeader(request.headers(), timestampLookup);
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
            timestamp = ts.trim().getBytes(StandardCharsets.US_ASCII);
        }
        if (multiple) {
            return verifyList(header, timestamp, request, secrets);
        }
        int from = SchemeSupport.skipSpaces(header, 0, header.length());
        int to = SchemeSupport.trimEnd(header, from, header.length());
        if (!header.regionMatches(true, from, prefix, 0, prefix.length())) {
            return MALFORMED_SIGNATURE;
        }
        byte[] signature = Codec.decode(encoding, header, from + prefix.length(), to);
        if (signature == null || signature.length != macLength) {
            return MALFORMED_SIGNATURE;
        }
        List<Secret> active = secrets.activeAt(request.receivedAt());
        for (int i = 0; i < active.size(); i++) {
            Secret secret = active.get(i);
            byte[] expected = computeOrNull(secret, timestamp, request.body());
            if (expected != null && MessageDigest.isEqual(expected, signature)) {
                return VerificationResult.valid(secret.id());
            }
        }
        return SIGNATURE_MISMATCH;
    }

    /** Entries of other versions are skipped so senders can add new ones; a bad entry of ours is malformed. */
    private VerificationResult verifyList(String header, byte[] timestamp, WebhookRequest request, SecretSet secrets) {
        List<byte[]> candidates = new ArrayList<>(2);
        boolean malformed = false;
        int start = 0;
        while (start <= header.length()) {
            int comma = header.indexOf(',', start);
            int end = comma < 0 ? header.length() : comma;
            int from = SchemeSupport.skipSpaces(header, start, end);
            int to = SchemeSupport.trimEnd(header, from, end);
            if (to - from > prefix.length() && header.regionMatches(true, from, prefix, 0, prefix.length())) {
                byte[] signature = Codec.decode(encoding, header, from + prefix.length(), to);
                if (signature != null && signature.length == macLength) {
                    candidates.add(signature);
                } else {
                    malformed = true;
                }
            } else if (to > from && !contains(header, '=', from, to)) {
                malformed = true; // not "<version>=<signature>" at all
            }
            start = end + 1;
        }
        if (candidates.isEmpty()) {
            return malformed ? MALFORMED_SIGNATURE : SIGNATURE_MISMATCH;
        }
        List<Secret> active = secrets.activeAt(request.receivedAt());
        for (Secret secret : active) {
            byte[] expected = computeOrNull(secret, timestamp, request.body());
            if (expected == null) {
                continue;
            }
            for (byte[] candidate : candidates) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return VerificationResult.valid(secret.id());
                }
            }
        }
        return SIGNATURE_MISMATCH;
    }

    private byte[] computeOrNull(Secret secret, byte[] timestamp, byte[] body) {
        try {
            return compute(macs.mac(secret), timestamp, body);
        } catch (ConfigurationException e) {
            return null; // a secret this scheme cannot use never matches
        }
    }

    private byte[] compute(Mac mac, byte[] timestamp, byte[] body) {
        if (timestamp != null) {
            mac.update(contentPrefix);
            mac.update(timestamp);
            mac.update(timestampSeparator);
        }
        mac.update(body);
        return mac.doFinal();
    }

    @Override
    public Headers sign(SigningInput input, SecretSet secrets) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(secrets, "secrets");
        String ts = Long.toString(input.timestamp().getEpochSecond());
        byte[] timestamp = timestampHeader == null ? null : ts.getBytes(StandardCharsets.US_ASCII);
        List<Secret> signing = multiple
                ? SchemeSupport.allActive(secrets, input.timestamp(), id)
                : List.of(SchemeSupport.primary(secrets, input.timestamp(), id));
        StringBuilder value = new StringBuilder();
        for (Secret secret : signing) {
            if (value.length() > 0) {
                value.append(',');
            }
            value.append(prefix).append(Codec.encode(encoding, compute(macs.mac(secret), timestamp, input.body())));
        }
        Headers.Builder headers = Headers.builder().add(signHeader, value.toString());
        if (timestampHeader != null) {
            headers.add(timestampHeader, ts);
        }
        return headers.build();
    }

    private static boolean contains(String s, char c, int from, int to) {
        int i = s.indexOf(c, from);
        return i >= 0 && i < to;
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
