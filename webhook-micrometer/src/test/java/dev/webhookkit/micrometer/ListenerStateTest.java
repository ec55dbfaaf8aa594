package dev.webhookkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.verify.Schemes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where the listeners keep a request's and an attempt's state: the endpoint tag comes from the
 * receiver's report that ROUTE found a registered endpoint (not from guessing by stage), and an
 * attempt's span lives with the worker thread that makes it.
 */
class ListenerStateTest {
    private static final String SECRET = "gh-secret-Lx02qp";
    private static final Instant AT = Instant.parse("2026-12-04T03:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestTracing tracing = new TestTracing();
    private final WebhookMetrics metrics = WebhookMetrics.bind(meters, tracing.observations);

    @AfterEach
    void close() {
        tracing.close();
    }

    private long received(String endpoint, Reason reason) {
        var timer = meters.find(WebhookMetrics.RECEIVE).tags("endpoint", endpoint, "reason", reason.name()).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void onlyARequestRoutedToARegisteredEndpointIsTaggedWithItsName() {
        try (WebhookReceiver receiver = WebhookReceiver.builder().listener(metrics.receiveListener())
                .endpoint(Endpoint.builder("github").verifier(Schemes.github()).secret(SECRET).handler(e -> HandlerResponse.empty()).build())
                .endpoint(Endpoint.builder("paused").verifier(Schemes.github()).secret(SECRET).enabled(false).handler(e -> HandlerResponse.empty()).build())
                .build()) {
            assertThat(receiver.receive("github", Signing.github(SECRET, "{}", "d-1")).reason()).isEqualTo(Reason.PROCESSED);
            assertThat(receiver.receive("paused", Signing.github(SECRET, "{}", "d-2")).reason()).isEqualTo(Reason.ENDPOINT_DISABLED);
            WebhookRequest put = WebhookRequest.builder().method("PUT").body("{}".getBytes(StandardCharsets.UTF_8)).build();
            assertThat(receiver.receive("github", put).reason()).isEqualTo(Reason.METHOD_NOT_ALLOWED);
        }
        assertThat(received("github", Reason.PROCESSED)).isEqualTo(1);
        assertThat(received(WebhookMetrics.UNKNOWN, Reason.ENDPOINT_DISABLED)).isEqualTo(1);
        assertThat(received(WebhookMetrics.UNKNOWN, Reason.METHOD_NOT_ALLOWED)).isEqualTo(1);
        assertThat(meters.find(WebhookMetrics.RECEIVE).tag("endpoint", "paused").timers()).isEmpty();
        assertThat(meters.find(WebhookMetrics.RECEIVE).tag("reason", "METHOD_NOT_ALLOWED").tag("endpoint", "github").timers()).isEmpty();
    }

    @Test
    void anUnsignedEndpointIsTimedButRecordsNoSignatureCheck() {
        try (WebhookReceiver receiver = WebhookReceiver.builder().listener(metrics.receiveListener())
                .endpoint(Endpoint.builder("open").allowUnsigned().handler(e -> HandlerResponse.empty()).build()).build()) {
            WebhookRequest request = WebhookRequest.post("{}".getBytes(StandardCharsets.UTF_8), dev.webhookkit.core.Headers.empty());
            assertThat(receiver.receive("open", request).reason()).isEqualTo(Reason.PROCESSED);
        }
        assertThat(received("open", Reason.PROCESSED)).isEqualTo(1);
        assertThat(meters.find(WebhookMetrics.VERIFY).timers()).isEmpty();
    }

    private static OutboundMessage message(String id) {
        return OutboundMessage.pending(id, "ops", "incident.opened", AT, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static DeliveryAttempt answered(String id, int status) {
        return DeliveryAttempt.answered(id, "ops", 1, "http://127.0.0.1:9/hook", AT, Duration.ofMillis(3), status, "");
    }

    private List<SpanData> attemptSpans() {
        return tracing.spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(WebhookMetrics.ATTEMPT_OBSERVATION)).toList();
    }

    @Test
    void anAttemptThatNeverReportedIsEndedWhenTheWorkerStartsItsNextOne() {
        DispatchListener listener = metrics.dispatchListener();
        listener.onAttemptStarting(message("m-lost"), 1); // an interceptor threw: no onAttempt follows
        assertThat(attemptSpans()).isEmpty();

        listener.onAttemptStarting(message("m-next"), 1);
        assertThat(attemptSpans()).hasSize(1);
        listener.onAttempt(answered("m-next", 204));

        List<SpanData> spans = attemptSpans();
        assertThat(spans).hasSize(2);
        assertThat(spans.get(1).getAttributes().asMap().toString()).contains("outcome=" + AttemptOutcome.SUCCESS, "status_class=2xx");
        assertThat(meters.get(WebhookMetrics.DELIVERY_ATTEMPTS).tags("subscription", "ops", "outcome", "SUCCESS", "status_class", "2xx")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void aTestSendsAttemptLeavesTheWorkersAttemptInHand() {
        DispatchListener listener = metrics.dispatchListener();
        listener.onAttemptStarting(message("m-1"), 1);
        listener.onAttempt(answered("test-send", 200)); // test sends are not announced
        assertThat(attemptSpans()).isEmpty();

        listener.onAttempt(answered("m-1", 503));
        List<SpanData> spans = attemptSpans();
        assertThat(spans).hasSize(1);
        assertThat(spans.get(0).getAttributes().asMap().toString()).contains("outcome=" + AttemptOutcome.SERVER_ERROR, "status_class=5xx");
        assertThat(meters.find(WebhookMetrics.DELIVERY_ATTEMPTS).timers()).hasSize(2);
    }
}
