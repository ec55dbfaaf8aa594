package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.internal.SchemeSupport.CERTIFICATE_UNAVAILABLE;
import static dev.webhookkit.verify.internal.SchemeSupport.MALFORMED_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.MISSING_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.MISSING_TIMESTAMP;
import static dev.webhookkit.verify.internal.SchemeSupport.SIGNATURE_MISMATCH;
import static dev.webhookkit.verify.internal.SchemeSupport.TIMESTAMP_EXPIRED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS SNS HTTP(S) deliveries (CloudWatch alarms and others). The signature travels in the JSON
 * body: {@code Signature} is the base64 RSA PKCS#1 v1.5 signature (SHA1withRSA for
 * {@code SignatureVersion} 1, SHA256withRSA for 2) over {@code "name\nvalue\n"} of a fixed list of
 * fields, made with the key of the certificate at {@code SigningCertURL}. That URL must have the
 * documented shape {@code https://sns.<region>.amazonaws.com/<name>.pem} (or {@code .amazonaws.com.cn});
 * any other URL is refused before anything is fetched. Needs no endpoint secrets.
 *
 * <p>A valid signature only proves that AWS sent the message, for any AWS account's topic. With a
 * {@code TopicArn} allowlist, messages of other topics are refused before their certificate is
 * fetched, which binds the endpoint to its sender ({@link #bindsSender()}).
 */
public final class SnsScheme implements SignatureScheme {
    private static final Logger LOG = LoggerFactory.getLogger(SnsScheme.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code sns.<region>.amazonaws.com[.cn]}, regions like {@code us-east-1}, {@code us-gov-west-1}, {@code cn-north-1}. */
    private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\\.amazonaws\\.com(\\.cn)?");
    /** One path segment naming a .pem file, as SNS serves them ({@code /SimpleNotificationService-<hex>.pem}). */
    private static final Pattern CERT_PATH = Pattern.compile("/[A-Za-z0-9_-]{1,128}\\.pem");
    private static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> CONFIRMATION_FIELDS =
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

    private final SnsCertificateSource certificates;
    private final TimestampPolicy policy;
    private final Set<String> topicArns;

    /** @param topicArns the topics whose messages are accepted; empty accepts every topic */
    public SnsScheme(SnsCertificateSource certificates, TimestampPolicy policy, Set<String> topicArns) {
        this.certificates = certificates;
        this.policy = policy;
        this.topicArns = Set.copyOf(topicArns);
    }

    @Override
    public String schemeId() {
        return "sns";
    }

    @Override
    public boolean requiresSecrets() {
        return false;
    }

    @Override
    public boolean canSign() {
        return false;
    }

    /** Only with a TopicArn allowlist: without one, any AWS customer's topic can produce a valid message. */
    @Override
    public boolean bindsSender() {
        return !topicArns.isEmpty();
    }

    @Override
    public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        JsonNode message;
        try {
            message = JSON.readTree(request.body());
        } catch (IOException e) {
            return MALFORMED_SIGNATURE;
        }
        if (message == null || !message.isObject()) {
            return MALFORMED_SIGNATURE;
        }
        String signatureText = text(message, "Signature");
        if (signatureText == null) {
            return MISSING_SIGNATURE;
        }
        String algorithm = switch (String.valueOf(text(message, "SignatureVersion"))) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> null;
        };
        byte[] signature = Codec.decodeBase64(signatureText);
        String type = text(message, "Type");
        List<String> fields = type == null ? null : switch (type) {
            case "Notification" -> NOTIFICATION_FIELDS;
            case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> CONFIRMATION_FIELDS;
            default -> null;
        };
        String headerType = SchemeSupport.firstHeader(request.headers(), "x-amz-sns-message-type");
        if (algorithm == null || signature == null || fields == null || headerType != null && !headerType.equals(type)) {
            return MALFORMED_SIGNATURE;
        }
        String topicArn = text(message, "TopicArn");
        if (!topicArns.isEmpty() && (topicArn == null || !topicArns.contains(topicArn))) {
            return SIGNATURE_MISMATCH; // signed by AWS, but for a topic this endpoint does not subscribe to
        }
        URI certUrl = snsCertificateUrl(text(message, "SigningCertURL"));
        if (certUrl == null) {
            return SIGNATURE_MISMATCH; // not signed by a key SNS vouches for
        }
        String timestamp = text(message, "Timestamp");
        if (timestamp == null) {
            return MISSING_TIMESTAMP;
        }
        try {
            if (!policy.accepts(Instant.parse(timestamp), request.receivedAt())) {
                return TIMESTAMP_EXPIRED;
            }
        } catch (DateTimeParseException e) {
            return MALFORMED_SIGNATURE;
        }
        byte[] stringToSign = stringToSign(message, fields);
        if (stringToSign == null) {
            return MALFORMED_SIGNATURE;
        }
        X509Certificate certificate;
        try {
            certificate = certificates.certificate(certUrl);
        } catch (RuntimeException e) {
            // transient (timeout, AWS unreachable): 503 so SNS delivers the message again later
            LOG.warn("SNS signing certificate {} unavailable: {}", certUrl, e.toString());
            return CERTIFICATE_UNAVAILABLE;
        }
        try {
            certificate.checkValidity(Date.from(request.receivedAt()));
        } catch (GeneralSecurityException e) {
            return SIGNATURE_MISMATCH;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(stringToSign);
            // MessageId is among the signed fields of every type, so it is the authenticated delivery id
            return verifier.verify(signature)
                    ? VerificationResult.valid(certUrl.toString(), text(message, "MessageId"))
                    : SIGNATURE_MISMATCH;
        } catch (GeneralSecurityException e) {
            return SIGNATURE_MISMATCH;
        }
    }

    /** The text of a string field, or null when absent, JSON null or not a string. */
    private static String text(JsonNode message, String field) {
        JsonNode node = message.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** {@code name\nvalue\n} per field; Subject only when present; null when a required field is missing. */
    static byte[] stringToSign(JsonNode message, List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (String field : fields) {
            String value = text(message, field);
            if (value == null) {
                if (field.equals("Subject")) {
                    continue;
                }
                return null;
            }
            sb.append(field).append('\n').append(value).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The URL when it is {@code https://sns.<region>.amazonaws.com[.cn]/<name>.pem} with no user
     * info, port, query or fragment; null otherwise.
     */
    static URI snsCertificateUrl(String text) {
        if (text == null || text.length() > 256) {
            return null;
        }
        try {
            URI uri = new URI(text);
            boolean trusted = "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getPort() == -1 && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && SNS_HOST.matcher(uri.getHost()).matches()
                    && uri.getRawPath() != null && CERT_PATH.matcher(uri.getRawPath()).matches();
            return trusted ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** AWS signs SNS messages with its own keys; webhookkit cannot produce them. */
    @Override
    public Headers sign(SigningInput input, SecretSet secrets) {
        throw new ConfigurationException("scheme sns cannot sign: AWS signs SNS messages with its own certificates");
    }

    @Override
    public String toString() {
        return "SignatureScheme[sns, certificates from " + certificates + "]";
    }
}
