package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.internal.HttpsSnsCertificateSource;
import dev.webhookkit.verify.spi.CertificateUnavailableException;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SNS messages signed in the test with a key generated for it (src/test/resources/sns-test-signing.p12,
 * a self-signed certificate that is not AWS's), served through a fixed certificate source.
 */
class SnsSchemeTest {
    static final String CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem";
    static final Instant SENT = Instant.parse("2026-03-04T14:00:13.112Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static PrivateKey key;
    static X509Certificate certificate;

    final List<URI> fetched = new ArrayList<>();
    final SnsCertificateSource recording = url -> {
        fetched.add(url);
        return certificate;
    };
    final SignatureScheme scheme = Schemes.sns(SchemeOptions.builder().snsCertificateSource(recording).build());

    @BeforeAll
    static void loadTestKey() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = SnsSchemeTest.class.getResourceAsStream("/sns-test-signing.p12")) {
            store.load(in, "test-only".toCharArray());
        }
        key = (PrivateKey) store.getKey("sns-test", "test-only".toCharArray());
        certificate = (X509Certificate) store.getCertificate("sns-test");
    }

    static ObjectNode notification(String version) {
        ObjectNode m = JSON.createObjectNode();
        m.put("Type", "Notification");
        m.put("MessageId", "b1c2d3e4-5f60-5a7b-8c9d-0e1f2a3b4c5d");
        m.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:prod-alarms");
        m.put("Subject", "ALARM: \"prod-api-5xx-rate\" in US East (N. Virginia)");
        m.put("Message", "{\"AlarmName\":\"prod-api-5xx-rate\",\"NewStateValue\":\"ALARM\"}");
        m.put("Timestamp", SENT.toString());
        m.put("SignatureVersion", version);
        m.put("SigningCertURL", CERT_URL);
        m.put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x");
        return m;
    }

    static ObjectNode confirmation() {
        ObjectNode m = JSON.createObjectNode();
        m.put("Type", "SubscriptionConfirmation");
        m.put("MessageId", "0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a");
        m.put("Token", "2336412f37fb687f5d51e6e2425c464de12884d3c4e1");
        m.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:prod-alarms");
        m.put("Message", "You have chosen to subscribe to the topic.\nTo confirm the subscription, visit the SubscribeURL.");
        m.put("SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:prod-alarms&Token=2336");
        m.put("Timestamp", SENT.toString());
        m.put("SignatureVersion", "2");
        m.put("SigningCertURL", CERT_URL);
        return m;
    }

    /** Signs as SNS does: "name\nvalue\n" for the documented fields in order, Subject only when present. */
    static ObjectNode signed(ObjectNode m) throws Exception {
        boolean notification = m.path("Type").asText().equals("Notification");
        List<String> fields = notification
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder toSign = new StringBuilder();
        for (String f : fields) {
            if (m.has(f)) {
                toSign.append(f).append('\n').append(m.path(f).asText()).append('\n');
            }
        }
        Signature signer = Signature.getInstance(m.path("SignatureVersion").asText().equals("1") ? "SHA1withRSA" : "SHA256withRSA");
        signer.initSign(key);
        signer.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
        m.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
        return m;
    }

    static WebhookRequest request(ObjectNode message, Instant receivedAt) throws Exception {
        return WebhookRequest.builder().body(JSON.writeValueAsBytes(message))
                .headers(Headers.of("x-amz-sns-message-type", message.path("Type").asText(), "Content-Type", "text/plain; charset=UTF-8"))
                .receivedAt(receivedAt).build();
    }

    @ParameterizedTest(name = "SignatureVersion {0}")
    @ValueSource(strings = {"1", "2"})
    void verifiesBothSignatureVersions(String version) throws Exception {
        VerificationResult result = scheme.verify(request(signed(notification(version)), SENT.plusSeconds(3)), SecretSet.empty());
        assertThat(result).isEqualTo(VerificationResult.valid(CERT_URL, "b1c2d3e4-5f60-5a7b-8c9d-0e1f2a3b4c5d"));
        assertThat(result.authenticatedId()).as("MessageId is signed").contains("b1c2d3e4-5f60-5a7b-8c9d-0e1f2a3b4c5d");
        assertThat(fetched).containsExactly(URI.create(CERT_URL));
    }

    @Test
    void verifiesSubscriptionConfirmations() throws Exception {
        assertThat(scheme.verify(request(signed(confirmation()), SENT), SecretSet.empty()).isValid()).isTrue();
    }

    @Test
    void aNotificationWithoutSubjectLeavesItOutOfTheSignedText() throws Exception {
        ObjectNode m = notification("2");
        m.remove("Subject");
        assertThat(scheme.verify(request(signed(m), SENT), SecretSet.empty()).isValid()).isTrue();
    }

    @Test
    void rejectsAChangedMessage() throws Exception {
        ObjectNode m = signed(notification("2"));
        m.put("Message", "{\"AlarmName\":\"prod-api-5xx-rate\",\"NewStateValue\":\"OK\"}");
        assertThat(scheme.verify(request(m, SENT), SecretSet.empty()).failure()).contains(Reason.SIGNATURE_MISMATCH);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "http://sns.us-east-1.amazonaws.com/cert.pem",
        "https://sns.us-east-1.amazonaws.com.evil.example/cert.pem",
        "https://evil.example/sns.us-east-1.amazonaws.com/cert.pem",
        "https://attacker@sns.us-east-1.amazonaws.com/cert.pem",
        "https://sns.us-east-1.amazonaws.com:8443/cert.pem",
        "https://s3.amazonaws.com/cert.pem",
        "file:///etc/passwd",
        "not a url",
        "https://sns.us-east-1.amazonaws.com:443/SimpleNotificationService-x.pem",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem?redirect=https://evil.example/",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem#x",
        "https://sns.us-east-1.amazonaws.com/a/SimpleNotificationService-x.pem",
        "https://sns.us-east-1.amazonaws.com/%2e%2e/SimpleNotificationService-x.pem",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.txt",
        "https://sns.us-east-1.amazonaws.com/",
        "https://sns.evil.amazonaws.com/SimpleNotificationService-x.pem",
        "https://SNS.US-EAST-1.AMAZONAWS.COM/SimpleNotificationService-x.pem"})
    void refusesCertificateUrlsNotOfTheDocumentedShapeWithoutFetching(String url) throws Exception {
        ObjectNode m = notification("2");
        m.put("SigningCertURL", url);
        assertThat(scheme.verify(request(signed(m), SENT), SecretSet.empty()).failure()).contains(Reason.SIGNATURE_MISMATCH);
        assertThat(fetched).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
        "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-x.pem",
        "https://sns.ap-southeast-2.amazonaws.com/SimpleNotificationService-x.pem"})
    void acceptsCertificateUrlsOfTheDocumentedShape(String url) throws Exception {
        ObjectNode m = notification("2");
        m.put("SigningCertURL", url);
        assertThat(scheme.verify(request(signed(m), SENT), SecretSet.empty()).isValid()).isTrue();
        assertThat(fetched).containsExactly(URI.create(url));
    }

    @Test
    void acceptsChinaRegionCertificateHosts() throws Exception {
        ObjectNode m = notification("2");
        m.put("SigningCertURL", "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-x.pem");
        assertThat(scheme.verify(request(signed(m), SENT), SecretSet.empty()).isValid()).isTrue();
    }

    @Test
    void timestampsOlderThanAnHourAreExpiredByDefault() throws Exception {
        ObjectNode m = signed(notification("2"));
        assertThat(scheme.verify(request(m, SENT.plus(Duration.ofMinutes(59))), SecretSet.empty()).isValid()).isTrue();
        assertThat(scheme.verify(request(m, SENT.plus(Duration.ofMinutes(61))), SecretSet.empty()).failure())
                .contains(Reason.TIMESTAMP_EXPIRED);
        assertThat(scheme.verify(request(m, SENT.minus(Duration.ofMinutes(6))), SecretSet.empty()).failure())
                .contains(Reason.TIMESTAMP_EXPIRED);
    }

    @Test
    void malformedMessagesAreRejectedWithTheirReason() throws Exception {
        ObjectNode noSignature = notification("2");
        assertThat(scheme.verify(request(noSignature, SENT), SecretSet.empty()).failure()).contains(Reason.MISSING_SIGNATURE);

        ObjectNode v3 = signed(notification("2")).put("SignatureVersion", "3");
        assertThat(scheme.verify(request(v3, SENT), SecretSet.empty()).failure()).contains(Reason.MALFORMED_SIGNATURE);

        ObjectNode noTimestamp = signed(notification("2"));
        noTimestamp.remove("Timestamp");
        assertThat(scheme.verify(request(noTimestamp, SENT), SecretSet.empty()).failure()).contains(Reason.MISSING_TIMESTAMP);

        ObjectNode badTimestamp = signed(notification("2")).put("Timestamp", "yesterday");
        assertThat(scheme.verify(request(badTimestamp, SENT), SecretSet.empty()).failure()).contains(Reason.MALFORMED_SIGNATURE);

        WebhookRequest notJson = WebhookRequest.builder().body("Type=Notification").receivedAt(SENT).build();
        assertThat(scheme.verify(notJson, SecretSet.empty()).failure()).contains(Reason.MALFORMED_SIGNATURE);

        WebhookRequest lyingHeader = request(signed(notification("2")), SENT).toBuilder()
                .headers(Headers.of("x-amz-sns-message-type", "SubscriptionConfirmation")).build();
        assertThat(scheme.verify(lyingHeader, SecretSet.empty()).failure()).contains(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void anUnavailableCertificateIsATypedRetryableResultNotAnException() throws Exception {
        SignatureScheme failing = Schemes.sns(SchemeOptions.builder().snsCertificateSource(url -> {
            throw new CertificateUnavailableException("GET " + url + " timed out");
        }).build());
        assertThat(failing.verify(request(signed(notification("2")), SENT), SecretSet.empty()).failure())
                .contains(Reason.CERTIFICATE_UNAVAILABLE);
        assertThat(Reason.CERTIFICATE_UNAVAILABLE.httpStatus()).as("SNS retries 5xx").isEqualTo(503);
    }

    @Test
    void aCertificateOutsideItsValidityIsRejected() throws Exception {
        SignatureScheme replaying = Schemes.sns(SchemeOptions.builder().snsCertificateSource(recording)
                .timestampPolicy(TimestampPolicy.ignore()).build());
        Instant afterExpiry = certificate.getNotAfter().toInstant().plusSeconds(1);
        assertThat(replaying.verify(request(signed(notification("2")), afterExpiry), SecretSet.empty()).failure())
                .contains(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void theCachedSourceFetchesEachCertificateOnce() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        SnsCertificateSource cached = SnsCertificateSource.cached(url -> {
            fetches.incrementAndGet();
            return certificate;
        }, 4);
        SignatureScheme caching = Schemes.sns(SchemeOptions.builder().snsCertificateSource(cached).build());
        for (int i = 0; i < 3; i++) {
            assertThat(caching.verify(request(signed(notification("2")), SENT), SecretSet.empty()).isValid()).isTrue();
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void cannotSignAndNeedsNoSecrets() {
        assertThat(scheme.canSign()).isFalse();
        assertThat(scheme.requiresSecrets()).isFalse();
        assertThatThrownBy(() -> scheme.sign(SigningInput.of("m", SENT, new byte[0], ""), SecretSet.ofValues("x")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sns");
    }

    @Test
    void theHttpsSourceRefusesPlainHttp() {
        assertThatThrownBy(() -> SnsCertificateSource.https(Duration.ofSeconds(1)).certificate(URI.create("http://127.0.0.1:9/x.pem")))
                .isInstanceOf(CertificateUnavailableException.class);
    }

    @Test
    void parsesPemAndDerCertificates() throws Exception {
        byte[] der = certificate.getEncoded();
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE-----\n";
        assertThat(HttpsSnsCertificateSource.parse(der, URI.create("test:der"))).isEqualTo(certificate);
        assertThat(HttpsSnsCertificateSource.parse(pem.getBytes(StandardCharsets.US_ASCII), URI.create("test:pem"))).isEqualTo(certificate);
        assertThatThrownBy(() -> HttpsSnsCertificateSource.parse("nope".getBytes(StandardCharsets.US_ASCII), URI.create("test:x")))
                .isInstanceOf(CertificateUnavailableException.class).hasMessageContaining("test:x");
    }
}
