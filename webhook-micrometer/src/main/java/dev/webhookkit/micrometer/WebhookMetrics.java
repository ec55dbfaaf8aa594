package dev.webhookkit.micrometer;

import dev.webhookkit.core.spi.ReceiveListener;
import dev.webhookkit.micrometer.internal.BacklogGauges;
import dev.webhookkit.micrometer.internal.DispatchMetrics;
import dev.webhookkit.micrometer.internal.ReceiveMetrics;
import dev.webhookkit.micrometer.internal.TraceContextHeaders;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.PublishHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * webhookkit's meters and Observations, bound to one {@link MeterRegistry} and one
 * {@link ObservationRegistry}:
 *
 * <pre>{@code
 * WebhookMetrics metrics = WebhookMetrics.bind(meterRegistry, observationRegistry);
 * WebhookReceiver receiver = WebhookReceiver.builder().listener(metrics.receiveListener()) ... .build();
 * WebhookDispatcher dispatcher = WebhookDispatcher.builder().listener(metrics.dispatchListener())
 *         .publishHeaders(metrics.publishHeaders()) ... .build();
 * metrics.monitor(dispatcher);
 * }</pre>
 *
 * <p>The meter names below are a contract. Tag values are bounded: endpoint and subscription names
 * are the registered ones (an unknown endpoint is {@value #UNKNOWN}, names past the first
 * {@value #MAX_NAMES} are {@value #OTHER}), never ids, URLs or secrets. A tracing bridge on the
 * ObservationRegistry (OpenTelemetry or Brave) turns each receive and each delivery attempt into a
 * span; webhookkit depends on neither. Log lines written while an event or an attempt is in hand
 * carry {@value #MDC_EVENT_ID} or {@value #MDC_MESSAGE_ID} in the SLF4J MDC. Thread-safe; bind once
 * per registry and share the instance.
 */
public final class WebhookMetrics {
    /** Timer of every answered request; tags {@code endpoint}, {@code reason}. */
    public static final String RECEIVE = "webhookkit.receive";
    /** Timer of the signature check alone; tags {@code scheme}, {@code valid}. */
    public static final String VERIFY = "webhookkit.verify";
    /** Timer of every delivery attempt; tags {@code subscription}, {@code outcome}, {@code status_class}. */
    public static final String DELIVERY_ATTEMPTS = "webhookkit.delivery.attempts";
    /** Gauge: messages waiting for delivery (the dispatcher's backlog). */
    public static final String DELIVERY_PENDING = "webhookkit.delivery.pending";
    /** Time gauge (seconds): age of the oldest waiting message, 0 when none waits. */
    public static final String DELIVERY_OLDEST_AGE = "webhookkit.delivery.oldest.age";
    /** Counter of redelivered copies acknowledged and dropped; tag {@code endpoint}. */
    public static final String DEDUP_DUPLICATES = "webhookkit.dedup.duplicates";

    /** The Observation (span) of one receive. */
    public static final String RECEIVE_OBSERVATION = "webhookkit.receive.request";
    /** The Observation (span) of one delivery attempt. */
    public static final String ATTEMPT_OBSERVATION = "webhookkit.delivery.attempt";
    /** The short Observation whose trace context is stored with a published message. */
    public static final String PUBLISH_OBSERVATION = "webhookkit.publish";

    /** MDC key of the event id while a request is received. */
    public static final String MDC_EVENT_ID = "webhookkit.event_id";
    /** MDC key of the message id while a delivery attempt is made. */
    public static final String MDC_MESSAGE_ID = "webhookkit.message_id";

    /** The tag value every unknown (or disabled) endpoint shares. */
    public static final String UNKNOWN = "_unknown";
    /** The tag value of names past the first {@value #MAX_NAMES}. */
    public static final String OTHER = "_other";
    /** How many distinct endpoint or subscription names get a tag value of their own. */
    public static final int MAX_NAMES = 256;

    private final ReceiveMetrics receive;
    private final DispatchMetrics dispatch;
    private final TraceContextHeaders publish;
    private final MeterRegistry meters;

    private WebhookMetrics(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = meters;
        this.receive = new ReceiveMetrics(meters, observations);
        this.dispatch = new DispatchMetrics(meters, observations);
        this.publish = new TraceContextHeaders(observations);
    }

    /** Meters in {@code meters}, Observations (spans) in {@code observations}. */
    public static WebhookMetrics bind(MeterRegistry meters, ObservationRegistry observations) {
        return new WebhookMetrics(Objects.requireNonNull(meters, "meters"), Objects.requireNonNull(observations, "observations"));
    }

    /** Meters only: no Observations, no trace context. */
    public static WebhookMetrics bind(MeterRegistry meters) {
        return bind(meters, ObservationRegistry.NOOP);
    }

    /** For {@code WebhookReceiver.Builder.listener}: receive and verify timers, the dedup counter, a receive Observation, the MDC. */
    public ReceiveListener receiveListener() {
        return receive;
    }

    /** For {@code WebhookDispatcher.Builder.listener}: the attempts timer, an Observation per attempt, the MDC. */
    public DispatchListener dispatchListener() {
        return dispatch;
    }

    /** For {@code WebhookDispatcher.Builder.publishHeaders}: the publishing span's {@code traceparent}/{@code tracestate}. */
    public PublishHeaders publishHeaders() {
        return publish;
    }

    /**
     * Binds the gauges {@value #DELIVERY_PENDING} and {@value #DELIVERY_OLDEST_AGE} to {@code dispatcher}
     * (read from its health at most once a second, so a scrape does not load the store).
     *
     * @return closing it removes the gauges
     */
    public AutoCloseable monitor(WebhookDispatcher dispatcher) {
        return BacklogGauges.register(meters, Objects.requireNonNull(dispatcher, "dispatcher"));
    }
}
