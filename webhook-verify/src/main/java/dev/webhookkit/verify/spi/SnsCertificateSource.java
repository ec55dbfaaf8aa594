package dev.webhookkit.verify.spi;

import dev.webhookkit.verify.internal.CachingSnsCertificateSource;
import dev.webhookkit.verify.internal.HttpsSnsCertificateSource;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the {@code sns} scheme gets the certificate named by a message's {@code SigningCertURL}.
 * The scheme checks that the URL is {@code https} on an SNS host ({@code sns.<region>.amazonaws.com})
 * before it asks, so implementations only ever see such URLs.
 *
 * <p>The default, {@code cached(https(…))}, downloads each certificate once over HTTPS (so TLS
 * vouches for the host) and keeps it. Tests supply a certificate they generated with
 * {@link #fixed(X509Certificate)}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SnsCertificateSource {

    /**
     * The certificate at this URL.
     *
     * @throws CertificateUnavailableException when it cannot be fetched or parsed; the message is
     *     then rejected as a signature mismatch
     */
    X509Certificate certificate(URI signingCertUrl);

    /** Downloads certificates with the JDK {@code HttpClient}, with this connect and request timeout. */
    static SnsCertificateSource https(Duration timeout) {
        return new HttpsSnsCertificateSource(Objects.requireNonNull(timeout, "timeout"));
    }

    /** Keeps up to {@code maxEntries} certificates by URL; SNS certificate URLs name one certificate each. */
    static SnsCertificateSource cached(SnsCertificateSource delegate, int maxEntries) {
        return new CachingSnsCertificateSource(Objects.requireNonNull(delegate, "delegate"), maxEntries);
    }

    /** The default: {@code cached(https(10 s), 64)}. */
    static SnsCertificateSource defaultSource() {
        return cached(https(Duration.ofSeconds(10)), 64);
    }

    /** Always this certificate, whatever the URL: for tests and for verifying captured messages offline. */
    static SnsCertificateSource fixed(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        return url -> certificate;
    }
}
