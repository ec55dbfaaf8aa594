package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.internal.TokenBucketRateLimiter;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.RateLimiter;
import dev.webhookkit.core.spi.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An attacker without the secret gets no work done for free: no rate-limit tokens, no history evicted. */
class UnauthenticatedTrafficTest {
    private static final String SIGNATURE = "x-test-signature";
    private static final String GOOD = "good-signature";

    private final MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");
    private final AtomicInteger handled = new AtomicInteger();

    /** Accepts requests whose {@value #SIGNATURE} header is {@value #GOOD}. */
    private static final SignatureVerifier VERIFIER = new SignatureVerifier() {
        @Override
        public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
            return request.header(SIGNATURE).map(GOOD::equals).orElse(false)
                    ? VerificationResult.valid("k") : VerificationResult.invalid(Reason.SIGNATURE_MISMATCH);
        }

        @Override
        public boolean requiresSecrets() {
            return false;
        }
    };

    private WebhookReceiver receiver(EventLog log, RateLimit limit) {
        Endpoint.Builder orders = Endpoint.builder("orders").verifier(VERIFIER).handler(EventHandler.of(e -> handled.incrementAndGet()));
        if (limit != null) {
            orders.rateLimit(limit);
        }
        return WebhookReceiver.builder().clock(clock).eventLog(log).rateLimiter(RateLimiter.inMemory(clock))
                .endpoint(orders.build()).build();
    }

    private WebhookRequest request(String body, String from, boolean signed) {
        Headers headers = signed ? Headers.of(SIGNATURE, GOOD) : Headers.of(SIGNATURE, "forged");
        return WebhookRequest.builder().body(body.getBytes(StandardCharsets.UTF_8)).headers(headers)
                .remoteAddress(from).receivedAt(clock.instant()).build();
    }

    @Test
    void forgedRequestsFromOneAddressDoNotSpendTheRealSendersLimit() {
        WebhookReceiver r = receiver(EventLog.inMemory(), RateLimit.perMinute(60));
        List<Reason> forged = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            forged.add(r.receive("orders", request("{\"n\":" + i + "}", "203.0.113.66", false)).reason());
        }
        // The forger's own bucket runs dry: after 60 it is answered 429 without any verification work.
        assertThat(forged.subList(0, 60)).containsOnly(Reason.SIGNATURE_MISMATCH);
        assertThat(forged.subList(60, 200)).containsOnly(Reason.RATE_LIMITED);

        for (int i = 0; i < 60; i++) {
            assertThat(r.receive("orders", request("{\"real\":" + i + "}", "198.51.100.7", true)).reason())
                    .as("real delivery %d", i).isEqualTo(Reason.PROCESSED);
        }
        assertThat(handled).hasValue(60);
        // The endpoint's own budget is spent by authenticated requests only, and it holds.
        assertThat(r.receive("orders", request("{\"real\":60}", "198.51.100.8", true)).reason()).isEqualTo(Reason.RATE_LIMITED);
    }

    @Test
    void forgedRequestsNeverEvictVerifiedHistoryAndKeepNoBody() {
        EventLog log = EventLog.inMemory(100, 1024);
        WebhookReceiver r = receiver(log, null);
        List<String> verified = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            verified.add(r.receive("orders", request("{\"real\":" + i + "}", "198.51.100.7", true)).eventId());
        }
        String lastForged = "";
        for (int i = 0; i < 3_000; i++) {
            if (i % 500 == 0) {
                clock.advance(Duration.ofMinutes(1)); // past the per-minute cap on refused records: all are written
            }
            lastForged = r.receive("orders", request("{\"secret-looking\":\"" + "x".repeat(500) + "\"}", "203.0.113." + (i % 250), false))
                    .eventId();
        }
        for (String id : verified) {
            assertThat(log.find(id)).as("verified %s", id).hasValueSatisfying(rec -> {
                assertThat(rec.reason()).isEqualTo(Reason.PROCESSED);
                assertThat(rec.bodyAsString()).startsWith("{\"real\":");
            });
        }
        EventRecord forged = log.find(lastForged).orElseThrow();
        assertThat(forged.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(forged.body()).isEmpty();
        assertThat(forged.bodyTruncated()).isTrue();
        assertThat(log.recent(10_000)).hasSizeLessThanOrEqualTo(100 + 200);
    }

    @Test
    void atMostAFixedNumberOfRefusedRequestsAreRecordedAMinute() {
        List<EventRecord> written = new ArrayList<>();
        EventLog counting = new EventLog() {
            final EventLog inner = EventLog.inMemory();

            @Override
            public void record(EventRecord record) {
                written.add(record);
                inner.record(record);
            }

            @Override
            public List<EventRecord> recent(int limit) {
                return inner.recent(limit);
            }

            @Override
            public java.util.Optional<EventRecord> find(String eventId) {
                return inner.find(eventId);
            }
        };
        WebhookReceiver r = receiver(counting, null);
        for (int i = 0; i < 2_000; i++) {
            r.receive("orders", request("{}", "203.0.113.9", false));
        }
        assertThat(written).hasSize(600);
        r.receive("orders", request("{\"real\":1}", "198.51.100.7", true));
        assertThat(written).hasSize(601).last().extracting(EventRecord::reason).isEqualTo(Reason.PROCESSED);
        clock.advance(Duration.ofMinutes(1));
        r.receive("orders", request("{}", "203.0.113.9", false));
        assertThat(written).hasSize(602);
    }

    @Test
    void theInMemoryLimiterBoundsHowManySourcesItKeeps() {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(clock);
        RateLimit limit = RateLimit.perMinute(5);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("orders", limit).allowed()).isTrue();
        }
        for (int i = 0; i < 3 * TokenBucketRateLimiter.MAX_SOURCES; i++) {
            limiter.tryAcquireForSource("orders", "2001:db8::" + Integer.toHexString(i), limit);
            assertThat(limiter.sourceCount()).isLessThanOrEqualTo(TokenBucketRateLimiter.MAX_SOURCES);
        }
        // Sources never evict an endpoint's own bucket: it is still empty.
        assertThat(limiter.tryAcquire("orders", limit).allowed()).isFalse();
    }
}
