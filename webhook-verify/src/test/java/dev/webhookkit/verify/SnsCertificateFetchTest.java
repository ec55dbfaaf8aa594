package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.verify.internal.CachingSnsCertificateSource;
import dev.webhookkit.verify.spi.CertificateUnavailableException;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fetching SNS signing certificates: a stalling server costs a request at most the download
 * timeout, concurrent requests for one URL share one download, the cache is a bounded LRU that
 * failures do not enter, and URLs of the wrong shape are never fetched at all.
 */
class SnsCertificateFetchTest {
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:prod-alarms";
    static final URI A = URI.create("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-a.pem");
    static final URI B = URI.create("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-b.pem");
    static final URI C = URI.create("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-c.pem");

    ServerSocket stalling;
    final List<Socket> held = new CopyOnWriteArrayList<>();
    final ExecutorService pool = Executors.newFixedThreadPool(9);

    @BeforeAll
    static void loadKey() throws Exception {
        SnsSchemeTest.loadTestKey();
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        if (stalling != null) {
            stalling.close();
        }
        for (Socket s : held) {
            s.close();
        }
    }

    /** Accepts TCP connections on 127.0.0.1 and never answers: the TLS handshake never completes. */
    int startStallingServer() throws Exception {
        stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (!stalling.isClosed()) {
                    held.add(stalling.accept());
                }
            } catch (java.io.IOException closed) {
                // test over
            }
        }, "stalling-cert-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return stalling.getLocalPort();
    }

    @Test
    void theDefaultDownloadTimeoutIsShort() {
        assertThat(SnsCertificateSource.DEFAULT_TIMEOUT).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(SnsCertificateSource.defaultSource().toString()).contains("PT2S");
    }

    @Test
    void aStallingCertificateServerIsAnsweredWithinTheTimeoutAsCertificateUnavailable() throws Exception {
        int port = startStallingServer();
        SnsCertificateSource https = SnsCertificateSource.https(SnsCertificateSource.DEFAULT_TIMEOUT);
        // the real HTTPS source and cache, pointed at the local server instead of AWS
        SnsCertificateSource local = SnsCertificateSource.cached(
                url -> https.certificate(URI.create("https://127.0.0.1:" + port + url.getPath())), SnsCertificateSource.DEFAULT_CACHE_ENTRIES);
        SignatureScheme sns = Schemes.sns(SchemeOptions.builder().snsCertificateSource(local).snsTopicArns(TOPIC).build());
        try (WebhookReceiver receiver = WebhookReceiver.builder().endpoint(Endpoint.builder("aws").verifier(sns).build()).build()) {
            // the first download also creates the HTTP client and loads the trust store: not timed
            var warmUp = SnsSchemeTest.notification("2").put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/warm-up.pem");
            assertThat(receiver.receive("aws", SnsSchemeTest.request(SnsSchemeTest.signed(warmUp), SnsSchemeTest.SENT)).reason())
                    .isEqualTo(Reason.CERTIFICATE_UNAVAILABLE);

            long start = System.nanoTime();
            ReceiveResult result = receiver.receive("aws",
                    SnsSchemeTest.request(SnsSchemeTest.signed(SnsSchemeTest.notification("2")), SnsSchemeTest.SENT));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.reason()).isEqualTo(Reason.CERTIFICATE_UNAVAILABLE);
            assertThat(result.status()).isEqualTo(503);
            assertThat(took).as("the old default waited 10 s").isLessThan(SnsCertificateSource.DEFAULT_TIMEOUT.plusMillis(2500));
            assertThat(took).as("it really waited for the server").isGreaterThanOrEqualTo(SnsCertificateSource.DEFAULT_TIMEOUT.minusMillis(100));
        }
        assertThat(held).as("the server was really contacted").isNotEmpty();
    }

    @Test
    void concurrentRequestsForOneUrlShareOneFetch() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        SnsCertificateSource slow = url -> {
            fetches.incrementAndGet();
            try {
                Thread.sleep(300); // a slow download, so the other requests arrive while it runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SnsSchemeTest.certificate;
        };
        SignatureScheme sns = Schemes.sns(SchemeOptions.builder().snsCertificateSource(SnsCertificateSource.cached(slow, 64)).build());
        var request = SnsSchemeTest.request(SnsSchemeTest.signed(SnsSchemeTest.notification("2")), SnsSchemeTest.SENT);
        CyclicBarrier start = new CyclicBarrier(8);
        List<Future<Boolean>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await(5, TimeUnit.SECONDS);
                return sns.verify(request, SecretSet.empty()).isValid();
            }));
        }
        for (Future<Boolean> r : results) {
            assertThat(r.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void theCacheEvictsTheLeastRecentlyUsedAndFailuresNeverEnterIt() {
        List<URI> fetched = new CopyOnWriteArrayList<>();
        CachingSnsCertificateSource cache = new CachingSnsCertificateSource(url -> {
            fetched.add(url);
            if (url.getPath().contains("missing")) {
                throw new CertificateUnavailableException("GET " + url + " answered 404");
            }
            return SnsSchemeTest.certificate;
        }, 2);
        cache.certificate(A);
        cache.certificate(B);
        cache.certificate(A); // A is now the most recently used
        for (int i = 0; i < 3; i++) {
            URI missing = URI.create("https://sns.us-east-1.amazonaws.com/missing-" + i + ".pem");
            assertThatThrownBy(() -> cache.certificate(missing)).isInstanceOf(CertificateUnavailableException.class);
        }
        assertThat(cache.size()).isEqualTo(2);
        cache.certificate(A);
        cache.certificate(B);
        assertThat(fetched.stream().filter(u -> u.equals(A) || u.equals(B))).as("failures evicted nothing").hasSize(2);
        cache.certificate(C); // evicts A, the least recently used
        cache.certificate(B);
        cache.certificate(A);
        assertThat(fetched).filteredOn(A::equals).hasSize(2);
        assertThat(fetched).filteredOn(B::equals).hasSize(1);
    }

    @Test
    void beyondTheConcurrentDownloadLimitARequestIsRefusedAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(CachingSnsCertificateSource.MAX_CONCURRENT_FETCHES);
        SnsCertificateSource cache = SnsCertificateSource.cached(url -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return SnsSchemeTest.certificate;
        }, 64);
        List<Future<X509Certificate>> running = new java.util.ArrayList<>();
        for (int i = 0; i < CachingSnsCertificateSource.MAX_CONCURRENT_FETCHES; i++) {
            URI url = URI.create("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-" + i + ".pem");
            running.add(pool.submit(() -> cache.certificate(url)));
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> cache.certificate(C)).isInstanceOf(CertificateUnavailableException.class)
                .hasMessageContaining("too many");
        release.countDown();
        for (Future<X509Certificate> f : running) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(cache.certificate(C)).isNotNull();
    }

    @Test
    void aCertificateUrlOfTheWrongShapeCausesNoFetchThroughTheReceiver() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        SignatureScheme sns = Schemes.sns(SchemeOptions.builder().snsCertificateSource(url -> {
            fetches.incrementAndGet();
            return SnsSchemeTest.certificate;
        }).build());
        var m = SnsSchemeTest.notification("2").put("SigningCertURL", "https://sns.us-east-1.amazonaws.com/x.pem?u=https://evil.example/");
        try (WebhookReceiver receiver = WebhookReceiver.builder().endpoint(Endpoint.builder("aws").verifier(sns).build()).build()) {
            assertThat(receiver.receive("aws", SnsSchemeTest.request(SnsSchemeTest.signed(m), SnsSchemeTest.SENT)).reason())
                    .isEqualTo(Reason.SIGNATURE_MISMATCH);
        }
        assertThat(fetches).hasValue(0);
    }
}
