package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.Headers;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt, as a chain of {@link DeliveryInterceptor}s in a fixed order: SSRF check, standard
 * headers, signing (none for an unsigned subscription), the subscription's headers, the message's own headers, then the extra interceptors (user or tracing steps,
 * which thus see the finished request and the real result), and last the send.
 */
final class AttemptRunner {
    private final Clock clock;
    private final List<DeliveryInterceptor> steps;

    AttemptRunner(Clock clock, SsrfGuard ssrfGuard, HttpTransport transport, List<DeliveryInterceptor> extra) {
        this(clock, ssrfGuard, transport, extra, Version.USER_AGENT);
    }

    AttemptRunner(Clock clock, SsrfGuard ssrfGuard, HttpTransport transport, List<DeliveryInterceptor> extra, String userAgent) {
        this.clock = clock;
        List<DeliveryInterceptor> s = new ArrayList<>();
        s.add(BuiltInInterceptors.ssrfCheck(ssrfGuard));
        s.add(BuiltInInterceptors.standardHeaders(userAgent));
        s.add(BuiltInInterceptors.signing());
        s.add(BuiltInInterceptors.subscriptionHeaders());
        s.add(BuiltInInterceptors.messageHeaders());
        s.addAll(extra);
        s.add(BuiltInInterceptors.send(transport));
        this.steps = List.copyOf(s);
    }

    /** Never throws except when interrupted (or when an extra interceptor throws: the worker logs it and the lease retries). */
    AttemptResult run(Subscription sub, String messageId, String eventType, byte[] body, int number, int lane) throws InterruptedException {
        return run(sub, messageId, eventType, body, Headers.empty(), number, lane);
    }

    /** As above, with the message's own headers; the attempt is marked unsigned when the subscription is. */
    AttemptResult run(Subscription sub, String messageId, String eventType, byte[] body, Headers messageHeaders, int number, int lane)
            throws InterruptedException {
        DeliveryRequest request = new DeliveryRequest(sub, messageId, eventType, body, messageHeaders, number, lane, clock.instant(), List.of());
        AttemptResult result = new Step(0, request).proceed(request);
        return sub.unsigned() ? new AttemptResult(result.attempt().withUnsigned(true), result.retryAfter()) : result;
    }

    /** The chain from step {@code index} on. */
    private final class Step implements DeliveryInterceptor.Chain {
        private final int index;
        private final DeliveryRequest request;

        Step(int index, DeliveryRequest request) {
            this.index = index;
            this.request = request;
        }

        @Override
        public DeliveryRequest request() {
            return request;
        }

        @Override
        public AttemptResult proceed(DeliveryRequest next) throws InterruptedException {
            if (index >= steps.size()) {
                throw new IllegalStateException("the send step is last and does not proceed");
            }
            return steps.get(index).intercept(new Step(index + 1, next));
        }
    }
}
