package dev.webhookkit.outbound.spi;

import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.OutboundMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * One settling change of a claimed message, as {@link DeliveryQueue#settleAll} takes many at once:
 * the same change, under the same lease rule, as the single call its {@link Kind} names.
 *
 * @param kind which change
 * @param messageId the claimed message
 * @param lease the lease its claim returned
 * @param attempt the attempt that led to the change; null only for {@link Kind#RELEASE}
 * @param nextAttemptAt when the message is due again; set only for {@link Kind#RESCHEDULE}
 */
public record SettleRequest(Kind kind, String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt, Instant nextAttemptAt) {

    /** The single {@link DeliveryQueue} call a request stands for. */
    public enum Kind {
        /** {@link DeliveryQueue#complete}. */
        COMPLETE,
        /** {@link DeliveryQueue#reschedule}. */
        RESCHEDULE,
        /** {@link DeliveryQueue#deadLetter}. */
        DEAD_LETTER,
        /** {@link DeliveryQueue#release}: no attempt. */
        RELEASE
    }

    /** @throws IllegalArgumentException when the attempt or due time does not fit the kind */
    public SettleRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(lease, "lease");
        if ((attempt == null) != (kind == Kind.RELEASE)) {
            throw new IllegalArgumentException(kind + " of " + messageId + (attempt == null ? " needs an attempt" : " takes no attempt"));
        }
        if ((nextAttemptAt == null) == (kind == Kind.RESCHEDULE)) {
            throw new IllegalArgumentException(kind + " of " + messageId + (nextAttemptAt == null ? " needs" : " takes no") + " nextAttemptAt");
        }
    }

    /** As {@link DeliveryQueue#complete}. */
    public static SettleRequest complete(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt) {
        return new SettleRequest(Kind.COMPLETE, messageId, lease, Objects.requireNonNull(attempt, "attempt"), null);
    }

    /** As {@link DeliveryQueue#reschedule}. */
    public static SettleRequest reschedule(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt, Instant nextAttemptAt) {
        return new SettleRequest(Kind.RESCHEDULE, messageId, lease, Objects.requireNonNull(attempt, "attempt"),
                Objects.requireNonNull(nextAttemptAt, "nextAttemptAt"));
    }

    /** As {@link DeliveryQueue#deadLetter}. */
    public static SettleRequest deadLetter(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt) {
        return new SettleRequest(Kind.DEAD_LETTER, messageId, lease, Objects.requireNonNull(attempt, "attempt"), null);
    }

    /** As {@link DeliveryQueue#release}. */
    public static SettleRequest release(String messageId, OutboundMessage.Lease lease) {
        return new SettleRequest(Kind.RELEASE, messageId, lease, null, null);
    }

    /** Applies this request with the single call it stands for. */
    boolean applyTo(DeliveryQueue queue) {
        return switch (kind) {
            case COMPLETE -> queue.complete(messageId, lease, attempt);
            case RESCHEDULE -> queue.reschedule(messageId, lease, attempt, nextAttemptAt);
            case DEAD_LETTER -> queue.deadLetter(messageId, lease, attempt);
            case RELEASE -> queue.release(messageId, lease);
        };
    }
}
