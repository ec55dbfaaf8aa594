package dev.webhookkit.verify.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.verify.spi.CertificateUnavailableException;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Remembers certificates by URL in a least-recently-used map of bounded size. SNS names each
 * certificate by a URL of its own, so entries never go stale, and only certificates that were
 * fetched and parsed enter the map: a URL that fails is not remembered, so it cannot push out a
 * good one.
 *
 * <p>Concurrent requests for one URL share one download (single flight). At most
 * {@link #MAX_CONCURRENT_FETCHES} downloads of distinct URLs run at once; beyond that a request is
 * answered "certificate unavailable" at once rather than parking another request thread.
 */
public final class CachingSnsCertificateSource implements SnsCertificateSource {
    /** Downloads of distinct URLs in progress at once; SNS uses one certificate per region at a time. */
    public static final int MAX_CONCURRENT_FETCHES = 4;

    private final SnsCertificateSource delegate;
    private final Map<URI, X509Certificate> cache; // guarded by itself
    private final ConcurrentHashMap<URI, CompletableFuture<X509Certificate>> inFlight = new ConcurrentHashMap<>();
    private final Semaphore fetchSlots = new Semaphore(MAX_CONCURRENT_FETCHES);

    public CachingSnsCertificateSource(SnsCertificateSource delegate, int maxEntries) {
        if (maxEntries < 1) {
            throw new ConfigurationException("maxEntries must be > 0 but was " + maxEntries);
        }
        this.delegate = delegate;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<URI, X509Certificate> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public X509Certificate certificate(URI signingCertUrl) {
        X509Certificate cached = cached(signingCertUrl);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<X509Certificate> mine = new CompletableFuture<>();
        CompletableFuture<X509Certificate> running = inFlight.putIfAbsent(signingCertUrl, mine);
        if (running != null) {
            return await(running, signingCertUrl); // bounded by the leader's own timeout
        }
        try {
            X509Certificate fetched = cached(signingCertUrl); // a fetch may have finished since the first look
            if (fetched == null) {
                fetched = fetch(signingCertUrl);
                synchronized (cache) {
                    cache.put(signingCertUrl, fetched);
                }
            }
            mine.complete(fetched);
            return fetched;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(signingCertUrl, mine);
        }
    }

    private X509Certificate fetch(URI url) {
        if (!fetchSlots.tryAcquire()) {
            throw new CertificateUnavailableException("too many SNS certificate downloads in progress; not fetching " + url);
        }
        try {
            return delegate.certificate(url);
        } finally {
            fetchSlots.release();
        }
    }

    private X509Certificate cached(URI url) {
        synchronized (cache) {
            return cache.get(url);
        }
    }

    private static X509Certificate await(CompletableFuture<X509Certificate> running, URI url) {
        try {
            return running.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw new CertificateUnavailableException(cause instanceof CertificateUnavailableException
                    ? cause.getMessage() : "fetching " + url + " failed", cause);
        }
    }

    /** How many certificates are remembered (for tests and diagnostics). */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    @Override
    public String toString() {
        return "SnsCertificateSource[cached " + delegate + "]";
    }
}
