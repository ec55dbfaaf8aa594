package dev.webhookkit.testing;

import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the outbox contract kits share: a hand-moved clock (reset before each test, before the kit
 * creates its store) and builders of messages, attempts and claims.
 */
public abstract class OutboxContractSupport {
    protected static final Duration LEASE = Duration.ofSeconds(30);

    protected MutableClock clock;

    @BeforeEach
    void setUpClock() {
        clock = MutableClock.at("2026-01-01T00:00:00Z");
    }

    protected Instant now() {
        return clock.instant();
    }

    protected OutboundMessage message(String id, String subscriptionId) {
        return OutboundMessage.pending(id, subscriptionId, "incident.created", now(),
                ("{\"event\":\"incident.created\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    protected DeliveryAttempt attempt(String messageId, String subscriptionId, int number, int status) {
        return DeliveryAttempt.answered(messageId, subscriptionId, number, "http://127.0.0.1:1/hook", now(),
                Duration.ofMillis(12), status, status >= 300 ? "nope" : "ok");
    }

    protected DeliveryAttempt attempt(OutboundMessage m, int status) {
        return attempt(m.id(), m.subscriptionId(), m.attemptCount() + 1, status);
    }

    protected List<OutboundMessage> claim(DeliveryQueue queue, String claimant, int limit) {
        return queue.claim(ClaimRequest.of(claimant, now(), LEASE, limit));
    }

    /** The lease a claim returned with the message. */
    protected static OutboundMessage.Lease lease(OutboundMessage claimed) {
        return claimed.lease().orElseThrow();
    }

    protected static List<String> ids(List<OutboundMessage> messages) {
        return messages.stream().map(OutboundMessage::id).toList();
    }
}
