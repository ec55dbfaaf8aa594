package dev.webhookkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.verify.Schemes;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The receiver's meters, spans and MDC, through a real receiver and a real (in-memory) OpenTelemetry tracer. */
class ReceiveMetricsTest {
    private static final String SECRET = "gh-secret-Zq81xv";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestTracing tracing = new TestTracing();
    private final Map<String, String> mdcInHandler = new ConcurrentHashMap<>();
    private final WebhookMetrics metrics = WebhookMetrics.bind(meters, tracing.observations);
    private final WebhookReceiver receiver = WebhookReceiver.builder().listener(metrics.receiveListener())
            .endpoint(Endpoint.builder("github").verifier(Schemes.github()).secret(SECRET).handler(event -> {
                mdcInHandler.put(event.eventId(), String.valueOf(MDC.get(WebhookMetrics.MDC_EVENT_ID)));
                return HandlerResponse.empty();
            }).build())
            .build();

    @AfterEach
    void close() {
        receiver.close();
        tracing.close();
    }

    @Test
    void aSignedDeliveryIsTimedByEndpointAndReasonAndItsVerifyBySchemeAndValidity() {
        assertThat(receiver.receive("github", Signing.github(SECRET, "{\"a\":1}", "d-1")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(receiver.receive("github", Signing.github("wrong", "{\"a\":1}", "d-2")).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);

        assertThat(meters.get(WebhookMetrics.RECEIVE).tags("endpoint", "github", "reason", "PROCESSED").timer().count()).isEqualTo(1);
        assertThat(meters.get(WebhookMetrics.RECEIVE).tags("endpoint", "github", "reason", "SIGNATURE_MISMATCH").timer().count()).isEqualTo(1);
        assertThat(meters.get(WebhookMetrics.VERIFY).tags("scheme", "github", "valid", "true").timer().count()).isEqualTo(1);
        assertThat(meters.get(WebhookMetrics.VERIFY).tags("scheme", "github", "valid", "false").timer().count()).isEqualTo(1);
        assertThat(meters.get(WebhookMetrics.VERIFY).tags("valid", "true").timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                .isPositive();
    }

    @Test
    void unknownEndpointsShareOneTagValueSoASenderCannotGrowTheTags() {
        for (int i = 0; i < 50; i++) {
            assertThat(receiver.receive("probe-" + i, Signing.github(SECRET, "{}", "p-" + i)).reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);
        }
        List<String> endpoints = meters.find(WebhookMetrics.RECEIVE).timers().stream().map(t -> t.getId().getTag("endpoint")).distinct().toList();
        assertThat(endpoints).containsExactly(WebhookMetrics.UNKNOWN);
        assertThat(meters.get(WebhookMetrics.RECEIVE).tags("endpoint", WebhookMetrics.UNKNOWN).timer().count()).isEqualTo(50);
    }

    @Test
    void endpointNamesPastTheFirst256ShareTheOtherTagValue() {
        int extra = 4;
        WebhookReceiver.Builder b = WebhookReceiver.builder().listener(metrics.receiveListener());
        for (int i = 0; i < WebhookMetrics.MAX_NAMES + extra; i++) {
            b.endpoint(Endpoint.builder("e-" + i).verifier(Schemes.github()).secret(SECRET).handler(event -> HandlerResponse.empty()).build());
        }
        try (WebhookReceiver many = b.build()) {
            for (int i = 0; i < WebhookMetrics.MAX_NAMES + extra; i++) {
                assertThat(many.receive("e-" + i, Signing.github(SECRET, "{}", "cap-" + i)).reason()).isEqualTo(Reason.PROCESSED);
            }
        }

        List<String> endpoints = meters.find(WebhookMetrics.RECEIVE).timers().stream().map(t -> t.getId().getTag("endpoint")).distinct().toList();
        assertThat(endpoints).hasSize(WebhookMetrics.MAX_NAMES + 1).contains(WebhookMetrics.OTHER, "e-0", "e-255").doesNotContain("e-256", "e-259");
        assertThat(meters.get(WebhookMetrics.RECEIVE).tags("endpoint", WebhookMetrics.OTHER, "reason", "PROCESSED").timer().count()).isEqualTo(extra);
    }

    @Test
    void aRedeliveredCopyCountsAsADuplicate() {
        receiver.receive("github", Signing.github(SECRET, "{\"a\":1}", "same-delivery"));
        assertThat(receiver.receive("github", Signing.github(SECRET, "{\"a\":1}", "same-delivery")).reason()).isEqualTo(Reason.DUPLICATE);

        assertThat(meters.get(WebhookMetrics.DEDUP_DUPLICATES).tags("endpoint", "github").counter().count()).isEqualTo(1);
    }

    @Test
    void theHandlerSeesTheEventIdInTheMdcAndTheThreadIsCleanAfterwards() {
        String eventId = receiver.receive("github", Signing.github(SECRET, "{\"a\":1}", "d-mdc")).eventId();

        assertThat(mdcInHandler).containsEntry(eventId, eventId);
        assertThat(MDC.get(WebhookMetrics.MDC_EVENT_ID)).isNull();
    }

    @Test
    void eachReceiveIsASpanWithBoundedAttributesAndNoSecret() {
        receiver.receive("github", Signing.github(SECRET, "{\"a\":1}", "d-span"));
        receiver.receive("nope", Signing.github(SECRET, "{}", "d-span-2"));

        List<SpanData> spans = tracing.spans.getFinishedSpanItems();
        assertThat(spans).extracting(SpanData::getName).containsOnly(WebhookMetrics.RECEIVE_OBSERVATION);
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0).getAttributes().asMap().toString()).contains("endpoint=github", "reason=PROCESSED");
        assertThat(spans.get(1).getAttributes().asMap().toString()).contains("endpoint=" + WebhookMetrics.UNKNOWN).doesNotContain("nope");
        for (SpanData s : spans) {
            assertThat(s.toString()).doesNotContain(SECRET);
        }
        for (Meter m : meters.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                assertThat(t.getValue()).doesNotContain(SECRET);
            }
        }
    }
}
