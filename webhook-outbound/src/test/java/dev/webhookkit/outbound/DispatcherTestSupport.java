package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.MutableClock;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver;
import dev.webhookkit.verify.WebhookVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up for dispatcher tests: a hand-moved clock, an in-memory store, a dispatcher allowed
 * to reach 127.0.0.1, and helpers that drive the retry schedule by moving the clock rather than waiting.
 */
abstract class DispatcherTestSupport {
    static final String SECRET = "test-secret-0123456789";

    protected MutableClock clock;
    protected DeliveryStore store;
    protected SubscriptionRegistry subscriptions;
    protected WebhookDispatcher dispatcher;
    protected final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUpDispatcher() {
        clock = MutableClock.at("2026-01-01T00:00:00Z");
        store = DeliveryStore.inMemory(10_000, clock);
        subscriptions = SubscriptionRegistry.inMemory();
    }

    @AfterEach
    void tearDownDispatcher() throws Exception {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(2));
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    /** A dispatcher for tests: 127.0.0.1 allowed, no jitter, a 5 ms poll. */
    protected WebhookDispatcher.Builder testDispatcher() {
        return WebhookDispatcher.builder()
                .clock(clock)
                .store(store)
                .subscriptions(subscriptions)
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build())
                .retryPolicy(RetryPolicy.builder().jitter(0).build())
                .pollInterval(Duration.ofMillis(5))
                .workers(4)
                .httpClients(2);
    }

    protected WebhookDispatcher start(Consumer<WebhookDispatcher.Builder> customize) {
        WebhookDispatcher.Builder b = testDispatcher();
        customize.accept(b);
        dispatcher = b.build();
        return dispatcher;
    }

    protected WebhookDispatcher start() {
        return start(b -> {
        });
    }

    protected Receiver receiver(Receiver.Script script) throws Exception {
        Receiver r = Receiver.start(script);
        closeables.add(r);
        return r;
    }

    protected Subscription subscribe(String id, String url) {
        return subscribe(Subscription.builder(id, url).secret(SECRET));
    }

    protected Subscription subscribe(Subscription.Builder builder) {
        Subscription s = builder.build();
        subscriptions.create(s);
        return s;
    }

    protected OutboundMessage message(String id) {
        return store.message(id).orElseThrow();
    }

    /** Waits until the message has this many recorded attempts. */
    protected void awaitAttempts(String id, int attempts) {
        Poll.until("message " + id + " to have " + attempts + " attempts", () -> store.attempts(id), list -> list.size() >= attempts);
        Poll.until("message " + id + " to be settled after attempt " + attempts,
                () -> message(id), m -> m.attemptCount() >= attempts && m.lease().isEmpty());
    }

    protected OutboundMessage awaitStatus(String id, DeliveryStatus status) {
        return Poll.until("message " + id + " to be " + status, () -> message(id), m -> m.status() == status);
    }

    /**
     * Moves the clock from due time to due time until every message is finished, waiting at each
     * step for the workers to settle (nothing claimed, nothing due).
     */
    protected void driveUntilFinished(Collection<String> ids) {
        for (int step = 0; step < 10_000; step++) {
            Poll.until("workers to settle", this::settled);
            List<OutboundMessage> pending = ids.stream().map(this::message).filter(m -> m.status() == DeliveryStatus.PENDING).toList();
            if (pending.isEmpty()) {
                return;
            }
            Instant next = pending.stream().map(OutboundMessage::nextAttemptAt).min(Instant::compareTo).orElseThrow();
            if (next.isAfter(clock.instant())) {
                clock.set(next);
            }
        }
        throw new AssertionError("messages did not finish");
    }

    /** No pending message is claimed or due: the workers have nothing to do until the clock moves. */
    protected boolean settled() {
        Instant now = clock.instant();
        for (OutboundMessage m : store.messagesWithStatus(DeliveryStatus.PENDING, Integer.MAX_VALUE)) {
            if (m.lease().isPresent() || !m.nextAttemptAt().isAfter(now)) {
                return false;
            }
        }
        return true;
    }

    /** What webhook-verify makes of a received request, checked at the test clock's time. */
    protected VerificationResult verify(String scheme, Receiver.Received r) {
        WebhookRequest request = WebhookRequest.builder().body(r.body()).headers(r.headers()).receivedAt(clock.instant()).build();
        return WebhookVerifier.verify(scheme, SecretSet.ofValues(SECRET), request);
    }

    protected void assertAllVerify(String scheme, List<Receiver.Received> requests) {
        assertThat(requests).isNotEmpty();
        assertThat(requests).allSatisfy(r -> assertThat(verify(scheme, r).isValid()).as("signature of %s", r.headers().first("X-Webhook-Id")).isTrue());
    }
}
