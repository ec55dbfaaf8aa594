package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import dev.webhookkit.core.spi.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the receiver records of a request's headers: all of them, credentials redacted, bounded; none of a refused request. */
class RecordedHeadersTest {
    private static final String TOKEN = "tok-5ecret-value";
    private static final byte[] BODY = "{\"type\":\"order.created\"}".getBytes(StandardCharsets.UTF_8);

    /** The secret travels as the value of X-Token (like GitLab's token): that header names itself a secret one. */
    private static final SignatureVerifier TOKEN_VERIFIER = new SignatureVerifier() {
        @Override
        public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
            return request.header("X-Token").map(TOKEN::equals).orElse(false)
                    ? VerificationResult.valid("k1") : VerificationResult.invalid(Reason.SIGNATURE_MISMATCH);
        }

        @Override
        public boolean requiresSecrets() {
            return false;
        }

        @Override
        public List<String> secretHeaders() {
            return List.of("x-TOKEN");
        }
    };

    private final EventLog log = EventLog.inMemory();
    private final List<EventRecord> heard = new CopyOnWriteArrayList<>();

    private WebhookReceiver receiver(Endpoint.Builder endpoint) {
        return WebhookReceiver.builder().eventLog(log).recordListener((EventLogListener) heard::add)
                .endpoint(endpoint.build()).build();
    }

    private static Endpoint.Builder orders() {
        return Endpoint.builder("orders").verifier(TOKEN_VERIFIER);
    }

    private static WebhookRequest request(Headers headers) {
        return WebhookRequest.post(BODY, headers);
    }

    @Test
    void credentialsAreRedactedBeforeAnyStoreOrListenerSeesThem() {
        Headers sent = Headers.builder().add("Content-Type", "application/json").add("X-Token", TOKEN)
                .add("Authorization", "Bearer other-credential").add("proxy-authorization", "Basic cHJveHk6cHc=")
                .add("Cookie", "session=abc").add("Cookie", "csrf=def").add("X-GitHub-Event", "push").build();
        try (WebhookReceiver r = receiver(orders())) {
            ReceiveResult result = r.receive("orders", request(sent));
            assertThat(result.reason()).isEqualTo(Reason.PROCESSED);

            EventRecord stored = log.find(result.eventId()).orElseThrow();
            assertThat(stored.headers().toMap()).containsExactly(
                    java.util.Map.entry("Content-Type", List.of("application/json")),
                    java.util.Map.entry("X-Token", List.of(EventRecord.REDACTED)),
                    java.util.Map.entry("Authorization", List.of(EventRecord.REDACTED)),
                    java.util.Map.entry("proxy-authorization", List.of(EventRecord.REDACTED)),
                    java.util.Map.entry("Cookie", List.of(EventRecord.REDACTED, EventRecord.REDACTED)),
                    java.util.Map.entry("X-GitHub-Event", List.of("push")));
            assertThat(stored.verified()).isTrue();
            assertThat(heard).singleElement().satisfies(h -> assertThat(h.headers()).isEqualTo(stored.headers()));
            assertThat(stored.headers().toMap().toString()).doesNotContain(TOKEN, "other-credential", "cHJveHk6cHc=", "abc", "def");
        }
    }

    @Test
    void aRefusedRequestKeepsNoHeadersLikeNoBody() {
        try (WebhookReceiver r = receiver(orders())) {
            ReceiveResult forged = r.receive("orders", request(Headers.of("X-Token", "guess", "X-Trace", "t-1")));
            ReceiveResult unknown = r.receive("nobody", request(Headers.of("X-Trace", "t-2")));

            assertThat(forged.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
            EventRecord stored = log.find(forged.eventId()).orElseThrow();
            assertThat(stored.headers().size()).isZero();
            assertThat(stored.body()).isEmpty();
            assertThat(stored.verified()).isFalse();
            assertThat(log.find(unknown.eventId()).orElseThrow().headers().size()).isZero();
        }
    }

    @Test
    void aVerifiedRequestWhoseHandlerFailedKeepsItsHeaders() {
        try (WebhookReceiver r = receiver(orders().handler(e -> {
            throw new IllegalStateException("down");
        }))) {
            ReceiveResult failed = r.receive("orders", request(Headers.of("X-Token", TOKEN, "X-Trace", "t-3")));

            assertThat(failed.reason()).isEqualTo(Reason.HANDLER_FAILED);
            EventRecord stored = log.find(failed.eventId()).orElseThrow();
            assertThat(stored.headers().all("X-Trace")).containsExactly("t-3");
            assertThat(stored.headers().all("X-Token")).containsExactly(EventRecord.REDACTED);
            assertThat(stored.verified()).isTrue();
        }
    }

    @Test
    void headersPastSixteenKibibytesAreDroppedInArrivalOrder() {
        Headers.Builder many = Headers.builder().add("X-Token", TOKEN);
        String kib = "v".repeat(1_000);
        for (int i = 0; i < 40; i++) {
            many.add(String.format("X-Big-%02d", i), kib);
        }
        try (WebhookReceiver r = receiver(orders())) {
            ReceiveResult result = r.receive("orders", request(many.build()));

            Headers kept = log.find(result.eventId()).orElseThrow().headers();
            int chars = 0;
            for (var h : kept.toMap().entrySet()) {
                for (String v : h.getValue()) {
                    chars += h.getKey().length() + v.length() + 4;
                }
            }
            assertThat(chars).isLessThanOrEqualTo(EventRecord.MAX_HEADER_CHARS).isGreaterThan(EventRecord.MAX_HEADER_CHARS - 1_020);
            List<String> names = new ArrayList<>(kept.names());
            assertThat(names.get(0)).isEqualTo("X-Token");
            assertThat(names).contains("X-Big-00", "X-Big-14").doesNotContain("X-Big-16", "X-Big-39");
        }
    }

    @Test
    void anAsyncEventKeepsItsHeadersOnBothRecords() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch release = new CountDownLatch(1);
        try (WebhookReceiver r = WebhookReceiver.builder().eventLog(log).executor(executor).recordListener((EventLogListener) heard::add)
                .endpoint(orders().mode(HandlerMode.ASYNC).handler(EventHandler.of(e -> awaitQuietly(release))).build()).build()) {
            ReceiveResult accepted = r.receive("orders", request(Headers.of("X-Token", TOKEN, "X-Trace", "t-4")));
            assertThat(accepted.reason()).isEqualTo(Reason.ACCEPTED);
            release.countDown();
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(heard).extracting(EventRecord::reason).containsExactly(Reason.ACCEPTED, Reason.PROCESSED);
            assertThat(heard).allSatisfy(h -> {
                assertThat(h.headers().all("X-Trace")).containsExactly("t-4");
                assertThat(h.headers().all("X-Token")).containsExactly(EventRecord.REDACTED);
            });
        }
    }

    @Test
    void aVerifierThatCannotNameItsSecretHeadersGetsNoHeadersRecordedAndTheRequestStillAnswered() {
        SignatureVerifier broken = new SignatureVerifier() {
            @Override
            public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
                return TOKEN_VERIFIER.verify(request, secrets);
            }

            @Override
            public boolean requiresSecrets() {
                return false;
            }

            @Override
            public List<String> secretHeaders() {
                return null;
            }
        };
        try (WebhookReceiver r = receiver(Endpoint.builder("orders").verifier(broken))) {
            ReceiveResult result = r.receive("orders", request(Headers.of("X-Token", TOKEN)));

            assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(log.find(result.eventId()).orElseThrow().headers().size()).isZero();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
