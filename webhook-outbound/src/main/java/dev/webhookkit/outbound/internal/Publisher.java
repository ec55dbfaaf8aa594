package dev.webhookkit.outbound.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.outbound.DispatcherClosedException;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.Envelope;
import dev.webhookkit.outbound.spi.PublishHeaders;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans a published event out: one envelope, one stored message per matching subscription, then a wake-up per message. */
final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private final SubscriptionRegistry subscriptions;
    private final DeliveryStore store;
    private final Envelope envelope;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Wakeup wakeup;
    private final String claimant;
    private final PublishHeaders publishHeaders;
    private volatile boolean accepting = true;

    Publisher(SubscriptionRegistry subscriptions, DeliveryStore store, Envelope envelope, RetryPolicy policy, Clock clock, Wakeup wakeup,
            String claimant, PublishHeaders publishHeaders) {
        this.publishHeaders = publishHeaders;
        this.subscriptions = subscriptions;
        this.store = store;
        this.envelope = envelope;
        this.policy = policy;
        this.clock = clock;
        this.wakeup = wakeup;
        this.claimant = claimant;
    }

    List<String> publish(String eventType, JsonNode data) {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(data, "data");
        if (eventType.isBlank()) {
            throw new IllegalArgumentException("eventType must not be blank");
        }
        if (!accepting) {
            throw new DispatcherClosedException("dispatcher " + claimant + " is closed and takes no more events");
        }
        List<Subscription> targets = subscriptions.matching(eventType);
        if (targets.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        byte[] body = envelope.wrap(eventType, now, data);
        Instant due = now.plus(policy.initialDelay());
        Headers captured = captured();
        List<OutboundMessage> messages = new ArrayList<>(targets.size());
        List<String> ids = new ArrayList<>(targets.size());
        for (Subscription s : targets) {
            String id = MessageIds.next();
            ids.add(id);
            messages.add(OutboundMessage.builder(id, s.id(), eventType, now, body).headers(captured).nextAttemptAt(due).build());
        }
        store.enqueue(messages);
        wakeup.wake(messages.size());
        return ids;
    }

    /**
     * One message to one subscription with exactly these bytes and these headers of its own (no
     * envelope, no event-type filter): for actions that forward or notify.
     */
    String enqueue(String subscriptionId, String eventType, byte[] body, Headers headers) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(headers, "headers");
        if (eventType.isBlank()) {
            throw new IllegalArgumentException("eventType must not be blank");
        }
        ExtraHeaders.checkMessageHeaders(headers);
        if (!accepting) {
            throw new DispatcherClosedException("dispatcher " + claimant + " is closed and takes no more events");
        }
        if (subscriptions.get(subscriptionId).isEmpty()) {
            throw new NotFoundException("subscription", subscriptionId);
        }
        headers = withCaptured(headers);
        Instant now = clock.instant();
        String id = MessageIds.next();
        // A copy: the caller keeps its array, and the stored message must not change under the workers.
        OutboundMessage m = OutboundMessage.builder(id, subscriptionId, eventType, now, body.clone()).headers(headers)
                .nextAttemptAt(now.plus(policy.initialDelay())).build();
        store.enqueue(List.of(m));
        wakeup.wake(1);
        return id;
    }

    /** The publish-time headers, checked like enqueue's; none at all when the source fails or any one of them is refused. */
    private Headers captured() {
        if (publishHeaders == PublishHeaders.NONE) {
            return Headers.empty();
        }
        try {
            Headers h = publishHeaders.capture();
            ExtraHeaders.checkMessageHeaders(h);
            return h;
        } catch (RuntimeException e) {
            LOG.warn("publish headers left out: {}", e.getClass().getName()); // the message may name a value; the class does not
            return Headers.empty();
        }
    }

    /** The caller's headers, plus the publish-time ones they do not set. */
    private Headers withCaptured(Headers own) {
        Headers captured = captured();
        if (captured.size() == 0) {
            return own;
        }
        Headers.Builder b = own.toBuilder();
        for (String name : captured.names()) {
            if (!own.contains(name)) {
                captured.all(name).forEach(v -> b.add(name, v));
            }
        }
        return b.build();
    }

    /** Refuses further events. */
    void close() {
        accepting = false;
    }
}
