package dev.webhookkit.micrometer.internal;

import dev.webhookkit.core.Reason;
import dev.webhookkit.core.spi.ReceiveListener;
import dev.webhookkit.micrometer.WebhookMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.MDC;

/**
 * The receiver's meters, its Observation per request and the event id in the MDC. Meters are
 * cached per endpoint and reason so that a request costs a map lookup and a timer record. The
 * endpoint tag is the request's name only once the receiver reported it {@linkplain #routed routed}
 * to a registered endpoint; otherwise it is {@link WebhookMetrics#UNKNOWN}. Stages are not
 * observed, so the receiver reads the clock only for the request and the signature check.
 */
public final class ReceiveMetrics implements ReceiveListener {
    private static final Reason[] REASONS = Reason.values();

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final BoundedNames<EndpointMeters> endpoints;
    private final EndpointMeters unknown;
    private final BoundedNames<Timer[]> schemes;
    /** The request in hand on this thread (requestStarted to requestEnded run on one thread; a nested receive stacks). */
    private final ThreadLocal<InFlight> current = new ThreadLocal<>();

    public ReceiveMetrics(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = meters;
        this.observations = observations;
        this.endpoints = new BoundedNames<>(EndpointMeters::new);
        this.unknown = new EndpointMeters(WebhookMetrics.UNKNOWN);
        this.schemes = new BoundedNames<>(scheme -> new Timer[] {verifyTimer(scheme, false), verifyTimer(scheme, true)});
    }

    @Override
    public void requestStarted(String eventId, String endpointName) {
        InFlight f = new InFlight(eventId, current.get());
        MDC.put(WebhookMetrics.MDC_EVENT_ID, eventId);
        if (!observations.isNoop()) {
            // Started without the endpoint: the name in the path is the sender's until ROUTE knows it.
            f.scope = Observation.start(WebhookMetrics.RECEIVE_OBSERVATION, observations).openScope();
        }
        current.set(f);
    }

    /** The meters need no stage times: the receiver then reads no clock per stage. */
    @Override
    public boolean observesStages() {
        return false;
    }

    @Override
    public void routed(String eventId, String endpointName) {
        InFlight f = current.get();
        if (f != null && f.eventId.equals(eventId)) {
            f.routedName = endpointName; // a registered endpoint's own name: bounded, so it may be a tag value
        }
    }

    @Override
    public void verified(String eventId, String schemeId, boolean valid, Duration took) {
        schemes.get(schemeId)[valid ? 1 : 0].record(took);
    }

    @Override
    public void requestEnded(String eventId, String endpointName, Reason reason, Duration took) {
        InFlight f = current.get();
        boolean mine = f != null && f.eventId.equals(eventId);
        try {
            EndpointMeters m = mine && f.routedName != null ? endpoints.get(f.routedName) : unknown;
            m.timer(reason).record(took);
            if (reason == Reason.DUPLICATE) {
                m.duplicates().increment();
            }
            Observation.Scope scope = mine ? f.scope : null;
            if (scope != null) {
                scope.close();
                Observation observation = scope.getCurrentObservation();
                observation.lowCardinalityKeyValue("endpoint", m.name).lowCardinalityKeyValue("reason", reason.name());
                observation.stop();
            }
        } finally {
            if (mine) {
                current.set(f.outer);
            }
            if (mine && f.outer != null) {
                MDC.put(WebhookMetrics.MDC_EVENT_ID, f.outer.eventId);
            } else {
                MDC.remove(WebhookMetrics.MDC_EVENT_ID);
            }
        }
    }

    /** One request between requestStarted and requestEnded. */
    private static final class InFlight {
        final String eventId;
        final InFlight outer;
        /** The registered name ROUTE found, null until then (and for ever when it found none). */
        String routedName;
        Observation.Scope scope;

        InFlight(String eventId, InFlight outer) {
            this.eventId = eventId;
            this.outer = outer;
        }
    }

    private Timer verifyTimer(String scheme, boolean valid) {
        return Timer.builder(WebhookMetrics.VERIFY).description("Signature checks of received webhooks")
                .tag("scheme", scheme).tag("valid", Boolean.toString(valid)).register(meters);
    }

    /** One endpoint's timers (by reason, made when first needed) and duplicates counter. */
    private final class EndpointMeters {
        final String name;
        private final AtomicReferenceArray<Timer> byReason = new AtomicReferenceArray<>(REASONS.length);
        private volatile Counter duplicates;

        EndpointMeters(String name) {
            this.name = name;
        }

        Timer timer(Reason reason) {
            Timer t = byReason.get(reason.ordinal());
            if (t == null) {
                // Registering twice returns the same timer, so a race here is harmless.
                t = Timer.builder(WebhookMetrics.RECEIVE).description("Webhook requests answered, by endpoint and reason")
                        .tag("endpoint", name).tag("reason", reason.name()).register(meters);
                byReason.set(reason.ordinal(), t);
            }
            return t;
        }

        Counter duplicates() {
            Counter c = duplicates;
            if (c == null) {
                c = Counter.builder(WebhookMetrics.DEDUP_DUPLICATES).description("Redelivered copies acknowledged and not processed again")
                        .tag("endpoint", name).register(meters);
                duplicates = c;
            }
            return c;
        }
    }
}
