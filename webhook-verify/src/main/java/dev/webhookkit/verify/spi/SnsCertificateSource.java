package dev.webhookkit.verify.spi;

import dev.webhookkit.verify.internal.CachingSnsCertificateSource;
import dev.webhookkit.verify.internal.HttpsSnsCertificateSource;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the {@code sns} scheme gets the certificate named by a message's {@code SigningCertURL}.
 * The scheme checks that the URL has the documented shape, {@code https://sns.<region>.amazonaws.com/<name>.pem}
 * (or {@code .amazonaws.com.cn}), with no port, user, query or fragment, before it asks, so
 * implementations only ever see such URLs.
 *
 * <p>The default, {@code cached(https(2 s), 64)}, downloads each certificate once over HTTPS (so TLS
 * vouches for the host), with one shared download per URL however many requests need it, and keeps
 * it. Tests supply a certificate they generated with
 * {@link #fixed(X509Certificate)}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SnsCertificateSource {
    /** How long the default source waits for one certificate download in all: connect, TLS, headers and body. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** How many certificates the default source remembers; SNS has a few per region. */
    int DEFAULT_CACHE_ENTRIES = 64;

    /**
     * The certificate at this URL.
     *
     * @throws CertificateUnavailableException when it cannot be fetched or parsed; the message is
     *     then answered {@link dev.webhookkit.core.Reason#CERTIFICATE_UNAVAILABLE} (503), so SNS retries
     */
    X509Certificate certificate(URI signingCertUrl);

    /** Downloads certificates with the JDK {@code HttpClient}; {@code timeout} bounds each whole download. */
    static SnsCertificateSource https(Duration timeout) {
        return new HttpsSnsCertificateSource(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Keeps up to {@code maxEntries} certificates by URL, least recently used out first; SNS
     * certificate URLs name one certificate each. Concurrent requests for one URL share one call
     * to {@code delegate}; failures are not remembered.
     */
    static SnsCertificateSource cached(SnsCertificateSource delegate, int maxEntries) {
        return new CachingSnsCertificateSource(Objects.requireNonNull(delegate, "delegate"), maxEntries);
    }

    /** The default: {@code cached(https(DEFAULT_TIMEOUT), DEFAULT_CACHE_ENTRIES)}, that is 2 s and 64 entries. */
    static SnsCertificateSource defaultSource() {
        return cached(https(DEFAULT_TIMEOUT), DEFAULT_CACHE_ENTRIES);
    }

    /** Always this certificate, whatever the URL: for tests and for verifying captured messages offline. */
    static SnsCertificateSource fixed(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        return url -> certificate;
    }
}
