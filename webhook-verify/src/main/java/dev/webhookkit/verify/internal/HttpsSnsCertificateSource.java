package dev.webhookkit.verify.internal;

import dev.webhookkit.verify.spi.CertificateUnavailableException;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** Downloads an SNS signing certificate over HTTPS with the JDK client; TLS vouches for the SNS host. */
public final class HttpsSnsCertificateSource implements SnsCertificateSource {
    /** Certificates are a few kilobytes; anything far larger is not one. */
    private static final int MAX_BYTES = 64 * 1024;

    private final Duration timeout;
    private volatile HttpClient client;

    public HttpsSnsCertificateSource(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public X509Certificate certificate(URI signingCertUrl) {
        if (!"https".equals(signingCertUrl.getScheme())) {
            throw new CertificateUnavailableException("refusing to fetch a certificate over " + signingCertUrl.getScheme());
        }
        try {
            HttpResponse<byte[]> response = client().send(
                    HttpRequest.newBuilder(signingCertUrl).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new CertificateUnavailableException("GET " + signingCertUrl + " answered " + response.statusCode());
            }
            if (response.body().length > MAX_BYTES) {
                throw new CertificateUnavailableException("GET " + signingCertUrl + " returned more than " + MAX_BYTES + " bytes");
            }
            return parse(response.body(), signingCertUrl);
        } catch (IOException e) {
            throw new CertificateUnavailableException("GET " + signingCertUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CertificateUnavailableException("interrupted while fetching " + signingCertUrl, e);
        }
    }

    /** A PEM or DER X.509 certificate. */
    public static X509Certificate parse(byte[] pemOrDer, URI from) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pemOrDer));
        } catch (CertificateException | ClassCastException e) {
            throw new CertificateUnavailableException("not an X.509 certificate: " + from, e);
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
                    client = c;
                }
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "SnsCertificateSource[https, timeout " + timeout + "]";
    }
}
