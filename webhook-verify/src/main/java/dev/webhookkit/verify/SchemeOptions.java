package dev.webhookkit.verify;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Settings that adapt a scheme to one sender's configuration: the header carrying the signature,
 * its prefix and encoding, extra header names to accept, the timestamp header (Grafana), the
 * {@link TimestampPolicy}, where SNS certificates come from and which SNS topics are accepted, and
 * the longest header value parsed.
 * An unset setting keeps the scheme's default. A set one that the scheme does not honour (see
 * {@link SchemeDescriptor#options()}) makes building the scheme fail with a
 * {@link ConfigurationException} naming the scheme and the setting.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class SchemeOptions {
    /** Header values longer than this are rejected as malformed before any parsing. */
    public static final int DEFAULT_MAX_HEADER_LENGTH = 8 * 1024;

    private static final SchemeOptions DEFAULTS = builder().build();
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:[a-z-]+:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]{1,256}");

    private final String signatureHeader;
    private final String prefix;
    private final SignatureEncoding encoding;
    private final List<String> extraHeaders;
    private final String timestampHeader;
    private final TimestampPolicy timestampPolicy;
    private final SnsCertificateSource snsCertificateSource;
    private final Set<String> snsTopicArns;
    private final int maxHeaderLength;
    private final Set<SchemeOption> given;

    private SchemeOptions(Builder b) {
        this.signatureHeader = b.signatureHeader;
        this.prefix = b.prefix;
        this.encoding = b.encoding;
        this.extraHeaders = List.copyOf(b.extraHeaders);
        this.timestampHeader = b.timestampHeader;
        this.timestampPolicy = b.timestampPolicy;
        this.snsCertificateSource = b.snsCertificateSource;
        this.snsTopicArns = Collections.unmodifiableSet(new LinkedHashSet<>(b.snsTopicArns));
        this.maxHeaderLength = b.maxHeaderLength;
        this.given = Collections.unmodifiableSet(EnumSet.copyOf(b.given));
    }

    /** Every scheme's defaults. */
    public static SchemeOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.signatureHeader = signatureHeader;
        b.prefix = prefix;
        b.encoding = encoding;
        b.extraHeaders.addAll(extraHeaders);
        b.timestampHeader = timestampHeader;
        b.timestampPolicy = timestampPolicy;
        b.snsCertificateSource = snsCertificateSource;
        b.snsTopicArns.addAll(snsTopicArns);
        b.maxHeaderLength = maxHeaderLength;
        b.given.addAll(given);
        return b;
    }

    /** The header that carries the signature (or token), replacing the scheme's default. */
    public Optional<String> signatureHeader() {
        return Optional.ofNullable(signatureHeader);
    }

    /** The text before the encoded signature ({@code sha256=}); "" for none. */
    public Optional<String> prefix() {
        return Optional.ofNullable(prefix);
    }

    public Optional<SignatureEncoding> encoding() {
        return Optional.ofNullable(encoding);
    }

    /** Further header names accepted when the main one is absent (e.g. {@code X-Signature}). */
    public List<String> extraHeaders() {
        return extraHeaders;
    }

    /** The header carrying the signed timestamp, for schemes where it is configurable (Grafana). */
    public Optional<String> timestampHeader() {
        return Optional.ofNullable(timestampHeader);
    }

    /** The replay window; when unset each timestamped scheme uses its documented default. */
    public Optional<TimestampPolicy> timestampPolicy() {
        return Optional.ofNullable(timestampPolicy);
    }

    /** Where the {@code sns} scheme fetches signing certificates; {@link SnsCertificateSource#defaultSource()} when unset. */
    public Optional<SnsCertificateSource> snsCertificateSource() {
        return Optional.ofNullable(snsCertificateSource);
    }

    /**
     * The SNS topics the {@code sns} scheme accepts messages from; empty (the default) accepts any
     * topic, which an endpoint that confirms subscriptions refuses to build with.
     */
    public Set<String> snsTopicArns() {
        return snsTopicArns;
    }

    /** The longest signature, token or timestamp header value parsed; longer ones are malformed. */
    public int maxHeaderLength() {
        return maxHeaderLength;
    }

    /** The settings given to the builder (even when given their default value), which the scheme must honour. */
    public Set<SchemeOption> setOptions() {
        return given;
    }

    @Override
    public String toString() {
        return "SchemeOptions[signatureHeader=" + signatureHeader + ", prefix=" + prefix + ", encoding=" + encoding
                + ", extraHeaders=" + extraHeaders + ", timestampHeader=" + timestampHeader + ", timestampPolicy="
                + timestampPolicy + ", snsTopicArns=" + snsTopicArns + ", maxHeaderLength=" + maxHeaderLength + ", given=" + given + "]";
    }

    /** Collects options; not thread-safe. */
    public static final class Builder {
        private String signatureHeader;
        private String prefix;
        private SignatureEncoding encoding;
        private final List<String> extraHeaders = new ArrayList<>();
        private String timestampHeader;
        private TimestampPolicy timestampPolicy;
        private SnsCertificateSource snsCertificateSource;
        private final Set<String> snsTopicArns = new LinkedHashSet<>();
        private int maxHeaderLength = DEFAULT_MAX_HEADER_LENGTH;
        private final Set<SchemeOption> given = EnumSet.noneOf(SchemeOption.class);

        private Builder() {
        }

        public Builder signatureHeader(String signatureHeader) {
            this.signatureHeader = headerName(signatureHeader, "signatureHeader");
            given.add(SchemeOption.SIGNATURE_HEADER);
            return this;
        }

        /** The text before the encoded signature; "" when the header holds the bare signature. */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            given.add(SchemeOption.PREFIX);
            return this;
        }

        public Builder encoding(SignatureEncoding encoding) {
            this.encoding = Objects.requireNonNull(encoding, "encoding");
            given.add(SchemeOption.ENCODING);
            return this;
        }

        /** Also accept the signature in this header when the main one is absent. */
        public Builder acceptHeader(String headerName) {
            extraHeaders.add(headerName(headerName, "acceptHeader"));
            given.add(SchemeOption.ACCEPT_HEADER);
            return this;
        }

        public Builder timestampHeader(String timestampHeader) {
            this.timestampHeader = headerName(timestampHeader, "timestampHeader");
            given.add(SchemeOption.TIMESTAMP_HEADER);
            return this;
        }

        public Builder timestampPolicy(TimestampPolicy timestampPolicy) {
            this.timestampPolicy = Objects.requireNonNull(timestampPolicy, "timestampPolicy");
            given.add(SchemeOption.TIMESTAMP_POLICY);
            return this;
        }

        public Builder snsCertificateSource(SnsCertificateSource snsCertificateSource) {
            this.snsCertificateSource = Objects.requireNonNull(snsCertificateSource, "snsCertificateSource");
            given.add(SchemeOption.SNS_CERTIFICATE_SOURCE);
            return this;
        }

        /**
         * Accept SNS messages only from these topics ({@code arn:aws:sns:us-east-1:123456789012:alarms});
         * replaces any set before. Required for endpoints that confirm subscriptions.
         */
        public Builder snsTopicArns(Collection<String> topicArns) {
            Objects.requireNonNull(topicArns, "topicArns");
            Set<String> checked = new LinkedHashSet<>();
            for (String arn : topicArns) {
                Objects.requireNonNull(arn, "topicArns element");
                if (!TOPIC_ARN.matcher(arn).matches()) {
                    throw new ConfigurationException("snsTopicArns must be SNS topic ARNs (arn:aws:sns:<region>:<account>:<topic>) but was '"
                            + arn + "'");
                }
                checked.add(arn);
            }
            snsTopicArns.clear();
            snsTopicArns.addAll(checked);
            given.add(SchemeOption.SNS_TOPIC_ARNS);
            return this;
        }

        /** {@link #snsTopicArns(Collection)} with the given ARNs. */
        public Builder snsTopicArns(String... topicArns) {
            return snsTopicArns(Arrays.asList(topicArns));
        }

        public Builder maxHeaderLength(int maxHeaderLength) {
            if (maxHeaderLength < 16) {
                throw new ConfigurationException("maxHeaderLength must be >= 16 but was " + maxHeaderLength);
            }
            this.maxHeaderLength = maxHeaderLength;
            given.add(SchemeOption.MAX_HEADER_LENGTH);
            return this;
        }

        public SchemeOptions build() {
            return new SchemeOptions(this);
        }

        private static String headerName(String name, String setting) {
            Objects.requireNonNull(name, setting);
            if (name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                throw new ConfigurationException(setting + " must be an HTTP header name but was '" + name + "'");
            }
            return name;
        }
    }
}
