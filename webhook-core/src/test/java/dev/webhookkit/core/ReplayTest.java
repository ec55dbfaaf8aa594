package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.Handshake;
import dev.webhookkit.core.spi.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link WebhookReceiver#replay}: an operator runs a recorded, verified event again; everything else is refused. */
class ReplayTest {
    private static final String SECRET = "replay-secret";
    private static final byte[] BODY = "{\"type\":\"order.created\",\"id\":7}".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");
    private final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private EventLog log = EventLog.inMemory();

    private Endpoint.Builder orders() {
        return Endpoint.builder("orders").verifier(new TestHmacVerifier()).secret(SECRET).handler(event -> {
            handled.add(event);
            if (failing.get()) {
                throw new IllegalStateException("downstream is down");
            }
            return HandlerResponse.empty();
        });
    }

    private WebhookReceiver receiver(Endpoint endpoint) {
        return WebhookReceiver.builder().clock(clock).eventLog(log).rateLimiter(RateLimiter.inMemory(clock)).endpoint(endpoint).build();
    }

    private WebhookRequest signed(byte[] body) {
        Headers headers = TestHmacVerifier.sign(SECRET, clock.instant(), body).toBuilder()
                .add("X-Trace", "t-1").add("X-Trace", "t-2").add("Authorization", "Bearer operator-token").build();
        return WebhookRequest.builder().body(body).headers(headers).remoteAddress("198.51.100.7").receivedAt(clock.instant()).build();
    }

    @Test
    void aFailedEventReplayedReachesTheHandlerOnceWithTheSameBodyAndHeaders() {
        try (WebhookReceiver r = receiver(orders().build())) {
            failing.set(true);
            WebhookRequest sent = signed(BODY);
            ReceiveResult failed = r.receive("orders", sent);
            assertThat(failed.reason()).isEqualTo(Reason.HANDLER_FAILED);
            failing.set(false);
            handled.clear();
            clock.advance(java.time.Duration.ofHours(2)); // long past the signature's tolerance: verify is not run again

            ReceiveResult replayed = r.replay(failed.eventId());

            assertThat(replayed.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(replayed.eventId()).isNotEqualTo(failed.eventId());
            assertThat(handled).hasSize(1);
            WebhookEvent event = handled.get(0);
            assertThat(event.request().body()).isEqualTo(BODY);
            Headers expected = sent.headers().toBuilder().remove("Authorization").build(); // redacted when recorded: its value is gone
            assertThat(event.request().headers()).isEqualTo(expected);
            assertThat(event.request().headers().all("X-Trace")).containsExactly("t-1", "t-2");
            assertThat(event.matchedKeyId()).isEqualTo("default");

            EventRecord record = log.find(replayed.eventId()).orElseThrow();
            assertThat(record.replayOf()).isEqualTo(failed.eventId());
            assertThat(record.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(record.verified()).isTrue();
            assertThat(record.body()).isEqualTo(BODY);
            assertThat(log.find(failed.eventId()).orElseThrow().reason()).as("the original record stays").isEqualTo(Reason.HANDLER_FAILED);
        }
    }

    @Test
    void aReplayIsNotBlockedByDedupAndLeavesTheSendersDedupAlone() {
        try (WebhookReceiver r = receiver(orders().build())) {
            WebhookRequest sent = signed(BODY);
            ReceiveResult first = r.receive("orders", sent);
            assertThat(first.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(r.receive("orders", sent).reason()).isEqualTo(Reason.DUPLICATE);

            assertThat(r.replay(first.eventId()).reason()).isEqualTo(Reason.PROCESSED);
            assertThat(r.replay(first.eventId()).reason()).as("again").isEqualTo(Reason.PROCESSED);

            assertThat(handled).hasSize(3);
            assertThat(r.receive("orders", sent).reason()).as("the sender's retry is still a duplicate").isEqualTo(Reason.DUPLICATE);
        }
    }

    @Test
    void aReplaySkipsTheRateLimitAndTheAllowlist() {
        Endpoint limited = orders().rateLimit(RateLimit.perMinute(1)).ipAllowlist("198.51.100.0/24").build();
        try (WebhookReceiver r = receiver(limited)) {
            ReceiveResult first = r.receive("orders", signed(BODY));
            assertThat(first.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(r.receive("orders", signed("{\"n\":2}".getBytes(StandardCharsets.UTF_8))).reason()).isEqualTo(Reason.RATE_LIMITED);
            r.registry().put(limited.toBuilder().ipAllowlist("203.0.113.0/24").build()); // the original's address is not allowed now

            assertThat(r.replay(first.eventId()).reason()).isEqualTo(Reason.PROCESSED);
        }
    }

    @Test
    void aReplayOfAForgedEventIsRefused() {
        try (WebhookReceiver r = receiver(orders().build())) {
            WebhookRequest forged = WebhookRequest.builder().body(BODY)
                    .headers(TestHmacVerifier.sign("guessed-secret", clock.instant(), BODY)).receivedAt(clock.instant()).build();
            ReceiveResult refused = r.receive("orders", forged);
            assertThat(refused.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);

            assertThatThrownBy(() -> r.replay(refused.eventId()))
                    .isInstanceOfSatisfying(ReplayRefusedException.class, e -> {
                        assertThat(e.refusal()).isEqualTo(ReplayRefusedException.Refusal.NOT_VERIFIED);
                        assertThat(e.eventId()).isEqualTo(refused.eventId());
                    })
                    .hasMessage("event '" + refused.eventId() + "' cannot be replayed: it never passed signature verification"
                            + " (SIGNATURE_MISMATCH)");
            assertThat(handled).isEmpty();
        }
    }

    @Test
    void eventsRefusedBeforeVerificationAreRefused() {
        Endpoint small = orders().maxBodyBytes(8).ipAllowlist("198.51.100.0/24").build();
        try (WebhookReceiver r = receiver(small)) {
            ReceiveResult tooLarge = r.receive("orders", signed(BODY));
            ReceiveResult notAllowed = r.receive("orders", signed("{}".getBytes(StandardCharsets.UTF_8)).toBuilder()
                    .remoteAddress("203.0.113.5").build());
            assertThat(tooLarge.reason()).isEqualTo(Reason.PAYLOAD_TOO_LARGE);
            assertThat(notAllowed.reason()).isEqualTo(Reason.IP_NOT_ALLOWED);

            for (ReceiveResult refused : List.of(tooLarge, notAllowed)) {
                assertThatThrownBy(() -> r.replay(refused.eventId())).isInstanceOfSatisfying(ReplayRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(ReplayRefusedException.Refusal.NOT_VERIFIED));
            }
        }
    }

    @Test
    void anEventThatFailedBeforeVerifyingIsRefusedEvenWhenItsReasonIsNotARefusal() {
        RateLimiter down = new RateLimiter() {
            @Override
            public RateLimitDecision tryAcquire(String key, RateLimit limit) {
                throw new DependencyUnavailableException("redis down", new java.io.IOException("connection refused"));
            }

            @Override
            public RateLimitDecision tryAcquireForSource(String endpoint, String source, RateLimit limit) {
                throw new DependencyUnavailableException("redis down", new java.io.IOException("connection refused"));
            }
        };
        try (WebhookReceiver r = WebhookReceiver.builder().clock(clock).eventLog(log).rateLimiter(down)
                .endpoint(orders().rateLimit(RateLimit.perMinute(10)).build()).build()) {
            ReceiveResult unavailable = r.receive("orders", signed(BODY));
            assertThat(unavailable.reason()).isEqualTo(Reason.DEPENDENCY_UNAVAILABLE); // decided in the guard, before verify
            assertThat(log.find(unavailable.eventId()).orElseThrow().verified()).isFalse();

            assertThatThrownBy(() -> r.replay(unavailable.eventId())).isInstanceOfSatisfying(ReplayRefusedException.class,
                    e -> assertThat(e.refusal()).isEqualTo(ReplayRefusedException.Refusal.NOT_VERIFIED));
        }
    }

    @Test
    void aHandshakeIsRefused() {
        try (WebhookReceiver r = receiver(orders().handshakes(List.of(Handshake.githubPing())).build())) {
            WebhookRequest ping = signed(BODY).toBuilder().header("X-GitHub-Event", "ping").build();
            ReceiveResult pong = r.receive("orders", ping);
            assertThat(pong.reason()).isEqualTo(Reason.HANDSHAKE);

            assertThatThrownBy(() -> r.replay(pong.eventId())).isInstanceOfSatisfying(ReplayRefusedException.class,
                    e -> assertThat(e.refusal()).isEqualTo(ReplayRefusedException.Refusal.NOT_VERIFIED));
            assertThat(handled).isEmpty();
        }
    }

    @Test
    void anEventWhoseBodyTheLogCutIsRefused() {
        log = EventLog.inMemory(100, 8);
        try (WebhookReceiver r = receiver(orders().build())) {
            ReceiveResult processed = r.receive("orders", signed(BODY));
            assertThat(processed.reason()).isEqualTo(Reason.PROCESSED);

            assertThatThrownBy(() -> r.replay(processed.eventId()))
                    .isInstanceOfSatisfying(ReplayRefusedException.class,
                            e -> assertThat(e.refusal()).isEqualTo(ReplayRefusedException.Refusal.BODY_NOT_KEPT))
                    .hasMessageContaining("kept only the first 8 bytes of its body")
                    .hasMessageNotContaining("order.created");
            assertThat(handled).hasSize(1);
        }
    }

    @Test
    void anEventOfADeletedOrDisabledEndpointIsRefused() {
        Endpoint endpoint = orders().build();
        try (WebhookReceiver r = receiver(endpoint)) {
            ReceiveResult processed = r.receive("orders", signed(BODY));

            r.registry().put(endpoint.toBuilder().enabled(false).build());
            assertThatThrownBy(() -> r.replay(processed.eventId())).isInstanceOfSatisfying(ReplayRefusedException.class,
                    e -> assertThat(e.refusal()).isEqualTo(ReplayRefusedException.Refusal.ENDPOINT_DISABLED));

            r.registry().delete("orders");
            assertThatThrownBy(() -> r.replay(processed.eventId())).isInstanceOfSatisfying(ReplayRefusedException.class,
                    e -> assertThat(e.refusal()).isEqualTo(ReplayRefusedException.Refusal.ENDPOINT_GONE));
            assertThat(handled).hasSize(1);
        }
    }

    @Test
    void anUnknownEventIsNotFound() {
        try (WebhookReceiver r = receiver(orders().build())) {
            assertThatThrownBy(() -> r.replay("no-such-event")).isInstanceOf(NotFoundException.class)
                    .hasMessage("event 'no-such-event' does not exist");
        }
    }

    @Test
    void anEventOfAnUnsignedEndpointCanBeReplayed() {
        try (WebhookReceiver r = receiver(orders().verifier(dev.webhookkit.core.spi.SignatureVerifier.none()).allowUnsigned().build())) {
            ReceiveResult processed = r.receive("orders", WebhookRequest.post(BODY, Headers.of("X-Trace", "t-9")));

            ReceiveResult replayed = r.replay(processed.eventId());

            assertThat(replayed.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(handled).hasSize(2);
            assertThat(handled.get(1).request().headers().all("X-Trace")).containsExactly("t-9");
        }
    }

    @Test
    void aReplayOfAReplayNamesTheEventItRan() {
        try (WebhookReceiver r = receiver(orders().build())) {
            ReceiveResult first = r.receive("orders", signed(BODY));
            ReceiveResult second = r.replay(first.eventId());
            ReceiveResult third = r.replay(second.eventId());

            assertThat(log.find(third.eventId()).orElseThrow().replayOf()).isEqualTo(second.eventId());
            assertThat(handled).hasSize(3);
        }
    }
}
