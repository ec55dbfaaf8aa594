package dev.webhookkit.outbound;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on its way to one subscription: what is sent (id, event type, creation time, the exact
 * body bytes) and where its delivery stands (status, attempts so far, next attempt, lease).
 *
 * <p>The id stays the same across retries so receivers can deduplicate. The body array is shared,
 * not copied (one publish sends the same bytes to every subscription): never modify it.
 *
 * <p>Immutable and thread-safe. Stores build changed copies with {@link #toBuilder()}.
 */
public final class OutboundMessage {
    private final String id;
    private final String subscriptionId;
    private final String eventType;
    private final Instant createdAt;
    private final byte[] body;
    private final DeliveryStatus status;
    private final int attemptCount;
    private final Instant nextAttemptAt;
    private final Instant updatedAt;
    private final Lease lease;
    private final Headers headers;

    private OutboundMessage(Builder b) {
        this.id = b.id;
        this.subscriptionId = b.subscriptionId;
        this.eventType = b.eventType;
        this.createdAt = b.createdAt;
        this.body = b.body;
        this.status = b.status;
        this.attemptCount = b.attemptCount;
        this.nextAttemptAt = b.nextAttemptAt;
        this.updatedAt = b.updatedAt;
        this.lease = b.lease;
        this.headers = b.headers;
    }

    /** A new pending message, due at {@code createdAt}, with no attempts and no lease. */
    public static OutboundMessage pending(String id, String subscriptionId, String eventType, Instant createdAt, byte[] body) {
        return builder(id, subscriptionId, eventType, createdAt, body).build();
    }

    /** A builder for a message (pending, due at {@code createdAt}, unless set otherwise): stores use it to restore rows. */
    public static Builder builder(String id, String subscriptionId, String eventType, Instant createdAt, byte[] body) {
        return new Builder(id, subscriptionId, eventType, createdAt, body);
    }

    /** A builder with every field of this message. */
    public Builder toBuilder() {
        Builder b = new Builder(id, subscriptionId, eventType, createdAt, body);
        b.status = status;
        b.attemptCount = attemptCount;
        b.nextAttemptAt = nextAttemptAt;
        b.updatedAt = updatedAt;
        b.lease = lease;
        b.headers = headers;
        return b;
    }

    /** Unique per message; sent as {@code X-Webhook-Id} (and {@code webhook-id}) on every attempt. */
    public String id() {
        return id;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    public String eventType() {
        return eventType;
    }

    /** When the event was published: the envelope's timestamp. */
    public Instant createdAt() {
        return createdAt;
    }

    /** The exact bytes sent, shared and not copied: do not modify. */
    public byte[] body() {
        return body;
    }

    /**
     * Headers of this message alone, sent after the subscription's on every attempt: empty for a
     * {@code publish}ed event, the caller's for {@code WebhookDispatcher.enqueue}. Stores keep them.
     */
    public Headers headers() {
        return headers;
    }

    /** The body as UTF-8 text, for logs and tests. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public DeliveryStatus status() {
        return status;
    }

    /** Attempts made since the message was created or last redelivered by hand. */
    public int attemptCount() {
        return attemptCount;
    }

    /** When the next attempt is due; for a finished message, when its last attempt was due. */
    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    /** When the store last changed the message. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** The claim on the message, if a dispatcher holds (or held, and nobody took over) one. */
    public Optional<Lease> lease() {
        return Optional.ofNullable(lease);
    }

    /** True while a claimant holds a lease that has not ended at {@code now}. */
    public boolean isLeasedAt(Instant now) {
        return lease != null && lease.until().isAfter(now);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboundMessage m && m.id.equals(id) && m.subscriptionId.equals(subscriptionId)
                && m.eventType.equals(eventType) && m.createdAt.equals(createdAt) && java.util.Arrays.equals(m.body, body)
                && m.status == status && m.attemptCount == attemptCount && m.nextAttemptAt.equals(nextAttemptAt)
                && m.updatedAt.equals(updatedAt) && Objects.equals(m.lease, lease) && m.headers.equals(headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, status, attemptCount, nextAttemptAt);
    }

    @Override
    public String toString() {
        return "OutboundMessage[" + id + " " + eventType + " to " + subscriptionId + ", " + status.id() + ", attempts=" + attemptCount
                + ", next=" + nextAttemptAt + (lease != null ? ", " + lease : "") + ", " + body.length + " bytes]";
    }

    /**
     * A dispatcher's claim on a message. The token is new for every claim, so it tells apart two
     * claims by the same instance: only the holder of the current token may settle the message.
     *
     * @param claimant the dispatcher instance that claimed it (for operators; ownership is the token)
     * @param until when the claim ends and another dispatcher may take the message
     * @param token unique to this claim; the store writes it with the lease and settles only for it
     */
    public record Lease(String claimant, Instant until, String token) {
        public Lease {
            Objects.requireNonNull(claimant, "claimant");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new ConfigurationException("lease token must not be blank");
            }
        }

        /** A fresh random token for a new claim. */
        public static String newToken() {
            return java.util.UUID.randomUUID().toString();
        }
    }

    /** Builds a message; validated in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private final String subscriptionId;
        private final String eventType;
        private final Instant createdAt;
        private final byte[] body;
        private DeliveryStatus status = DeliveryStatus.PENDING;
        private int attemptCount;
        private Instant nextAttemptAt;
        private Instant updatedAt;
        private Lease lease;
        private Headers headers = Headers.empty();

        private Builder(String id, String subscriptionId, String eventType, Instant createdAt, byte[] body) {
            this.id = Objects.requireNonNull(id, "id");
            this.subscriptionId = Objects.requireNonNull(subscriptionId, "subscriptionId");
            this.eventType = Objects.requireNonNull(eventType, "eventType");
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            this.body = Objects.requireNonNull(body, "body");
        }

        public Builder status(DeliveryStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        public Builder attemptCount(int attemptCount) {
            this.attemptCount = attemptCount;
            return this;
        }

        public Builder nextAttemptAt(Instant nextAttemptAt) {
            this.nextAttemptAt = Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            return this;
        }

        /** Sets the lease; {@code null} for none. */
        public Builder lease(Lease lease) {
            this.lease = lease;
            return this;
        }

        /** Headers of this message alone (see {@link OutboundMessage#headers()}); default none. */
        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        public OutboundMessage build() {
            if (id.isBlank()) {
                throw new ConfigurationException("message id must not be blank");
            }
            if (subscriptionId.isBlank()) {
                throw new ConfigurationException("subscriptionId must not be blank");
            }
            if (attemptCount < 0) {
                throw new ConfigurationException("attemptCount must be >= 0 but was " + attemptCount);
            }
            if (nextAttemptAt == null) {
                nextAttemptAt = createdAt;
            }
            if (updatedAt == null) {
                updatedAt = createdAt;
            }
            return new OutboundMessage(this);
        }
    }
}
