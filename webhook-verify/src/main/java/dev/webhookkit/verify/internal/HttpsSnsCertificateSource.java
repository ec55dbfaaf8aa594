package dev.webhookkit.verify.internal;

import dev.webhookkit.verify.spi.CertificateUnavailableException;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads an SNS signing certificate over HTTPS with the JDK client; TLS vouches for the SNS host.
 * The timeout bounds the whole download (connect, TLS handshake, headers and body), so a stalling
 * server holds a request thread for no longer than that.
 */
public final class HttpsSnsCertificateSource implements SnsCertificateSource {
    /** Certificates are a few kilobytes; anything far larger is not one. */
    private static final int MAX_BYTES = 64 * 1024;

    private final Duration timeout;
    private volatile HttpClient client;

    public HttpsSnsCertificateSource(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new dev.webhookkit.core.ConfigurationException("timeout must be > 0 but was " + timeout);
        }
        this.timeout = timeout;
    }

    @Override
    public X509Certificate certificate(URI signingCertUrl) {
        if (!"https".equals(signingCertUrl.getScheme())) {
            throw new CertificateUnavailableException("refusing to fetch a certificate over " + signingCertUrl.getScheme());
        }
        CompletableFuture<HttpResponse<byte[]>> download = client().sendAsync(
                HttpRequest.newBuilder(signingCertUrl).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            // the request timeout stops at the response headers; this one bounds the body too
            HttpResponse<byte[]> response = download.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (response.statusCode() != 200) {
                throw new CertificateUnavailableException("GET " + signingCertUrl + " answered " + response.statusCode());
            }
            if (response.body().length > MAX_BYTES) {
                throw new CertificateUnavailableException("GET " + signingCertUrl + " returned more than " + MAX_BYTES + " bytes");
            }
            return parse(response.body(), signingCertUrl);
        } catch (TimeoutException e) {
            download.cancel(true);
            throw new CertificateUnavailableException("GET " + signingCertUrl + " took longer than " + timeout, e);
        } catch (ExecutionException e) {
            throw new CertificateUnavailableException("GET " + signingCertUrl + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            download.cancel(true);
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
