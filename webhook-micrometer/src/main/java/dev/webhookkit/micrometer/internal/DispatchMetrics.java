package dev.webhookkit.micrometer.internal;

import dev.webhookkit.core.Headers;
import dev.webhookkit.micrometer.WebhookMetrics;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.OutboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.MDC;

/**
 * The dispatcher's attempts timer, an Observation per attempt (continuing the trace stored with
 * the message, so an attempt's span joins the publisher's trace on any instance) and the message id
 * in the MDC of the worker while it works on the message.
 */
public final class DispatchMetrics implements DispatchListener {
    private static final AttemptOutcome[] OUTCOMES = AttemptOutcome.values();
    private static final String[] STATUS_CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final BoundedNames<SubscriptionTimers> subscriptions;
    /**
     * The attempt this worker is making: the dispatcher tells {@code onAttemptStarting} and then
     * {@code onAttempt} on the thread that makes the attempt, so no map shared by all workers (and
     * no entry left behind by an attempt that never reported) is needed.
     */
    private final ThreadLocal<InFlight> current = new ThreadLocal<>();

    public DispatchMetrics(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = meters;
        this.observations = observations;
        this.subscriptions = new BoundedNames<>(SubscriptionTimers::new);
    }

    @Override
    public void onAttemptStarting(OutboundMessage message, int attemptNumber) {
        MDC.put(WebhookMetrics.MDC_MESSAGE_ID, message.id());
        if (!observations.isNoop()) {
            ReceiverContext<Headers> context = new ReceiverContext<>((headers, key) -> headers.first(key).orElse(null));
            context.setCarrier(message.headers()); // the trace context stored when it was published
            Observation observation = Observation.createNotStarted(WebhookMetrics.ATTEMPT_OBSERVATION, () -> context, observations)
                    .lowCardinalityKeyValue("subscription", subscriptions.get(message.subscriptionId()).name).start();
            InFlight stale = current.get();
            if (stale != null) { // an attempt that never reported (an interceptor threw): end its span
                stale.observation.stop();
            }
            current.set(new InFlight(message.id(), observation));
        }
    }

    @Override
    public void onAttempt(DeliveryAttempt attempt) {
        int status = statusClass(attempt.statusCode());
        timer(attempt.subscriptionId(), attempt.outcome(), status).record(attempt.latency());
        InFlight f = current.get();
        if (f != null && f.messageId.equals(attempt.messageId())) { // a test send, never announced, leaves the worker's attempt alone
            current.remove();
            f.observation.lowCardinalityKeyValue("outcome", attempt.outcome().name())
                    .lowCardinalityKeyValue("status_class", STATUS_CLASSES[status]).stop();
        }
    }

    @Override
    public void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
        clearMdc(message);
    }

    @Override
    public void onRetryScheduled(OutboundMessage message, DeliveryAttempt attempt) {
        clearMdc(message);
    }

    @Override
    public void onDeadLettered(OutboundMessage message, DeliveryAttempt attempt) {
        clearMdc(message);
    }

    /** The Observation of the attempt in hand on one worker. */
    private record InFlight(String messageId, Observation observation) {
    }

    private static void clearMdc(OutboundMessage message) {
        if (message.id().equals(MDC.get(WebhookMetrics.MDC_MESSAGE_ID))) {
            MDC.remove(WebhookMetrics.MDC_MESSAGE_ID);
        }
    }

    private static int statusClass(int statusCode) {
        return statusCode >= 100 && statusCode < 600 ? statusCode / 100 : 0;
    }

    private Timer timer(String subscriptionId, AttemptOutcome outcome, int status) {
        return subscriptions.get(subscriptionId).timer(outcome, status);
    }

    /** One subscription's timers by outcome and status class, made when first needed. */
    private final class SubscriptionTimers {
        final String name;
        private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(OUTCOMES.length * STATUS_CLASSES.length);

        SubscriptionTimers(String name) {
            this.name = name;
        }

        Timer timer(AttemptOutcome outcome, int status) {
            int i = outcome.ordinal() * STATUS_CLASSES.length + status;
            Timer t = timers.get(i);
            if (t == null) { // registering twice returns the same timer: a race is harmless
                t = Timer.builder(WebhookMetrics.DELIVERY_ATTEMPTS).description("Outbound delivery attempts")
                        .tag("subscription", name).tag("outcome", outcome.name()).tag("status_class", STATUS_CLASSES[status])
                        .register(meters);
                timers.set(i, t);
            }
            return t;
        }
    }
}
