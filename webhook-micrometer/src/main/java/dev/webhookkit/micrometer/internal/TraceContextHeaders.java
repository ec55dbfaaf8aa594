package dev.webhookkit.micrometer.internal;

import dev.webhookkit.core.Headers;
import dev.webhookkit.micrometer.WebhookMetrics;
import dev.webhookkit.outbound.spi.PublishHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The trace context of the publishing thread, as headers to store with each message: a short
 * {@link WebhookMetrics#PUBLISH_OBSERVATION} Observation (a child of the current one) whose
 * tracing bridge writes its propagation headers. Only trace-context headers are kept (W3C and B3),
 * never {@code baggage}, which may carry anything the host put there.
 */
public final class TraceContextHeaders implements PublishHeaders {
    private static final Set<String> KEPT = Set.of("traceparent", "tracestate", "b3",
            "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags");

    private final ObservationRegistry observations;

    public TraceContextHeaders(ObservationRegistry observations) {
        this.observations = observations;
    }

    @Override
    public Headers capture() {
        if (observations.isNoop()) {
            return Headers.empty();
        }
        Map<String, String> carrier = new LinkedHashMap<>();
        SenderContext<Map<String, String>> context = new SenderContext<>((map, key, value) -> {
            if (map != null && KEPT.contains(key.toLowerCase(Locale.ROOT))) {
                map.put(key, value);
            }
        });
        context.setCarrier(carrier);
        Observation.createNotStarted(WebhookMetrics.PUBLISH_OBSERVATION, () -> context, observations).start().stop();
        if (carrier.isEmpty()) {
            return Headers.empty();
        }
        Headers.Builder b = Headers.builder();
        carrier.forEach(b::set);
        return b.build();
    }
}
