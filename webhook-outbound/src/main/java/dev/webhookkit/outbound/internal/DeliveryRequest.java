package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.Headers;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What one attempt is about to send, as the interceptors see it. Immutable: a step that changes it
 * hands a changed copy on. {@code headers} are name, value pairs in sending order;
 * {@code messageHeaders} are the message's own ({@code WebhookDispatcher.enqueue}), added by their step.
 */
public record DeliveryRequest(Subscription subscription, String messageId, String eventType, byte[] body, Headers messageHeaders,
        int attemptNumber, int lane, Instant startedAt, List<String> headers) {

    public DeliveryRequest {
        headers = List.copyOf(headers);
    }

    public String url() {
        return subscription.url().toString();
    }

    /** This request with one more header, sent after the ones it has. */
    public DeliveryRequest withHeader(String name, String value) {
        List<String> h = new ArrayList<>(headers);
        h.add(name);
        h.add(value);
        return withHeaders(h);
    }

    /** This request without the headers whose name {@code drop} accepts. */
    public DeliveryRequest withoutHeaders(Predicate<String> drop) {
        List<String> h = new ArrayList<>(headers.size());
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            if (!drop.test(headers.get(i))) {
                h.add(headers.get(i));
                h.add(headers.get(i + 1));
            }
        }
        return withHeaders(h);
    }

    public DeliveryRequest withHeaders(List<String> namesAndValues) {
        return new DeliveryRequest(subscription, messageId, eventType, body, messageHeaders, attemptNumber, lane, startedAt, namesAndValues);
    }

    /** An attempt that ends here, unsent: for a step that refuses the request. */
    public AttemptResult notSent(AttemptOutcome outcome, String error) {
        return new AttemptResult(DeliveryAttempt.failed(messageId, subscription.id(), attemptNumber, url(), startedAt, Duration.ZERO, outcome, error),
                Optional.empty());
    }
}
