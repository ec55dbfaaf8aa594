package dev.webhookkit.outbound;

import dev.webhookkit.core.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One try to deliver a message: when, to which URL, what came back and how long it took. The
 * delivery log is made of these.
 *
 * @param messageId the message tried (a {@code sendTest} attempt's message is not in the store)
 * @param subscriptionId the subscription it was sent to
 * @param attemptNumber 1 for the first attempt, counted again from 1 after a redelivery by hand
 * @param url the URL tried
 * @param startedAt when the attempt began
 * @param latency from the start to the answer or the failure
 * @param outcome what happened
 * @param statusCode the HTTP status, 0 when no answer came
 * @param responseSnippet the start of the answer's body (a few hundred bytes), "" when none
 * @param error why no answer came or why nothing was sent, "" when an answer came
 * @param unsigned true when the subscription was {@link Subscription#unsigned() unsigned}: the request carried no signature
 */
public record DeliveryAttempt(String messageId, String subscriptionId, int attemptNumber, String url, Instant startedAt,
        Duration latency, AttemptOutcome outcome, int statusCode, String responseSnippet, String error, boolean unsigned) {

    /** A signed attempt (every attempt before unsigned subscriptions existed). */
    public DeliveryAttempt(String messageId, String subscriptionId, int attemptNumber, String url, Instant startedAt,
            Duration latency, AttemptOutcome outcome, int statusCode, String responseSnippet, String error) {
        this(messageId, subscriptionId, attemptNumber, url, startedAt, latency, outcome, statusCode, responseSnippet, error, false);
    }

    public DeliveryAttempt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(responseSnippet, "responseSnippet");
        Objects.requireNonNull(error, "error");
        if (attemptNumber < 1) {
            throw new ConfigurationException("attemptNumber must be >= 1 but was " + attemptNumber);
        }
        if (statusCode != 0 && (statusCode < 100 || statusCode > 999)) {
            throw new ConfigurationException("statusCode must be 0 or 100..999 but was " + statusCode);
        }
    }

    /** An attempt that got an HTTP answer. */
    public static DeliveryAttempt answered(String messageId, String subscriptionId, int attemptNumber, String url, Instant startedAt,
            Duration latency, int statusCode, String responseSnippet) {
        return new DeliveryAttempt(messageId, subscriptionId, attemptNumber, url, startedAt, latency,
                AttemptOutcome.ofStatus(statusCode), statusCode, responseSnippet, "");
    }

    /** An attempt that got no HTTP answer (timeout, connection error) or sent nothing (blocked, not sent). */
    public static DeliveryAttempt failed(String messageId, String subscriptionId, int attemptNumber, String url, Instant startedAt,
            Duration latency, AttemptOutcome outcome, String error) {
        return new DeliveryAttempt(messageId, subscriptionId, attemptNumber, url, startedAt, latency, outcome, 0, "", error);
    }

    /** The HTTP status, if an answer came. */
    public OptionalInt status() {
        return statusCode == 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    /** The error, if there was no answer. */
    public Optional<String> errorMessage() {
        return error.isEmpty() ? Optional.empty() : Optional.of(error);
    }

    /** This attempt, marked as sent with or without a signature. */
    public DeliveryAttempt withUnsigned(boolean unsigned) {
        return unsigned == this.unsigned ? this
                : new DeliveryAttempt(messageId, subscriptionId, attemptNumber, url, startedAt, latency, outcome, statusCode, responseSnippet, error, unsigned);
    }

    public boolean succeeded() {
        return outcome == AttemptOutcome.SUCCESS;
    }
}
