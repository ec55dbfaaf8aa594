package dev.webhookkit.verify.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers certificates by URL. SNS names each certificate by a URL of its own, so entries never
 * go stale; the map is bounded and starts over when full. Failures are not cached.
 */
public final class CachingSnsCertificateSource implements SnsCertificateSource {
    private final SnsCertificateSource delegate;
    private final int maxEntries;
    private final ConcurrentHashMap<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    public CachingSnsCertificateSource(SnsCertificateSource delegate, int maxEntries) {
        if (maxEntries < 1) {
            throw new ConfigurationException("maxEntries must be > 0 but was " + maxEntries);
        }
        this.delegate = delegate;
        this.maxEntries = maxEntries;
    }

    @Override
    public X509Certificate certificate(URI signingCertUrl) {
        X509Certificate cached = cache.get(signingCertUrl);
        if (cached != null) {
            return cached;
        }
        X509Certificate fetched = delegate.certificate(signingCertUrl);
        if (cache.size() >= maxEntries) {
            cache.clear();
        }
        cache.put(signingCertUrl, fetched);
        return fetched;
    }

    @Override
    public String toString() {
        return "SnsCertificateSource[cached " + delegate + "]";
    }
}
