package dev.webhookkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.BaggageInScope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message published inside span S carries S's trace on every attempt, the retry after a 503
 * included (in-memory store), and never the publisher's baggage.
 */
class TracePropagationTest {
    private static final String SECRET = "out-secret-Hk29sd";

    @Test
    void theFirstAttemptAndTheRetryAfterA503CarryThePublishingSpansTraceId() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TestTracing tracing = new TestTracing(); TraceReceiver subscriber = new TraceReceiver(1)) {
            WebhookMetrics metrics = WebhookMetrics.bind(meters, tracing.observations);
            SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
            subscriptions.create(Subscription.builder("ops", subscriber.url()).secret(SECRET).build());
            WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(subscriptions)
                    .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                    .retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofMillis(200)).jitter(0).build())
                    .pollInterval(Duration.ofMillis(50)).workers(1)
                    .listener(metrics.dispatchListener()).publishHeaders(metrics.publishHeaders()).build();
            try {
                metrics.monitor(dispatcher);
                Observation s = Observation.start("publishing-request", tracing.observations);
                String traceId;
                Observation.Scope scope = s.openScope();
                try {
                    traceId = tracing.tracer.currentSpan().context().traceId();
                    dispatcher.publish("incident.created", Map.of("id", 7));
                } finally {
                    scope.close();
                    s.stop();
                }

                Poll.until("two attempts", () -> subscriber.statuses.size() >= 2);
                assertThat(subscriber.statuses).containsExactly("503", "204");
                assertThat(subscriber.traceparents).hasSize(2).allSatisfy(tp -> assertThat(tp).startsWith("00-" + traceId + "-"));

                Poll.until("both attempts timed", () -> meters.find(WebhookMetrics.DELIVERY_ATTEMPTS).timers().stream()
                        .mapToLong(t -> t.count()).sum() == 2);
                assertThat(meters.get(WebhookMetrics.DELIVERY_ATTEMPTS).tags("subscription", "ops", "outcome", "SERVER_ERROR",
                        "status_class", "5xx").timer().count()).isEqualTo(1);
                assertThat(meters.get(WebhookMetrics.DELIVERY_ATTEMPTS).tags("subscription", "ops", "outcome", "SUCCESS",
                        "status_class", "2xx").timer().count()).isEqualTo(1);
                Poll.until("the backlog gauge empty once delivered (read at most once a second)",
                        () -> meters.get(WebhookMetrics.DELIVERY_PENDING).gauge().value() == 0.0);
                assertThat(meters.get(WebhookMetrics.DELIVERY_OLDEST_AGE).timeGauge().value()).isZero();

                Poll.until("two attempt spans", () -> tracing.spans.getFinishedSpanItems().stream()
                        .filter(sp -> sp.getName().equals(WebhookMetrics.ATTEMPT_OBSERVATION)).count() == 2);
                List<SpanData> attempts = tracing.spans.getFinishedSpanItems().stream()
                        .filter(sp -> sp.getName().equals(WebhookMetrics.ATTEMPT_OBSERVATION)).toList();
                assertThat(attempts).as("each attempt's span joins the publisher's trace")
                        .allSatisfy(sp -> assertThat(sp.getTraceId()).isEqualTo(traceId));
                assertThat(tracing.spans.getFinishedSpanItems()).allSatisfy(sp -> {
                    assertThat(sp.toString()).doesNotContain(SECRET).doesNotContain(subscriber.url());
                });
            } finally {
                dispatcher.close(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void thePublishersBaggageIsNeitherStoredNorSentWhileItsTraceIs() throws Exception {
        String baggageValue = "customer-Lz83qa";
        try (TestTracing tracing = new TestTracing(); TraceReceiver subscriber = new TraceReceiver(0)) {
            WebhookMetrics metrics = WebhookMetrics.bind(new SimpleMeterRegistry(), tracing.observations);
            SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
            subscriptions.create(Subscription.builder("ops", subscriber.url()).secret(SECRET).build());
            WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(subscriptions)
                    .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                    .pollInterval(Duration.ofMillis(50)).workers(1)
                    .listener(metrics.dispatchListener()).publishHeaders(metrics.publishHeaders()).build();
            try {
                String traceId;
                String messageId;
                Map<String, String> hostWouldSend = new HashMap<>();
                // The baggage came with the request being served (a remote field), like its trace.
                BaggageInScope baggage = tracing.tracer.createBaggageInScope("customer", baggageValue);
                Observation s = Observation.start("publishing-request", tracing.observations);
                Observation.Scope scope = s.openScope();
                try {
                    traceId = tracing.tracer.currentSpan().context().traceId();
                    // What the host's propagator writes for an outgoing call here: the baggage is in it.
                    SenderContext<Map<String, String>> control = new SenderContext<>((map, key, value) -> map.put(key, value));
                    control.setCarrier(hostWouldSend);
                    Observation.createNotStarted("control-call", () -> control, tracing.observations).start().stop();
                    messageId = dispatcher.publish("incident.created", Map.of("id", 8)).get(0);
                } finally {
                    scope.close();
                    s.stop();
                    baggage.close();
                }
                assertThat(hostWouldSend).containsKey("traceparent").hasEntrySatisfying("baggage", v -> assertThat(v).contains(baggageValue));

                Headers stored = dispatcher.log().message(messageId).orElseThrow().headers();
                assertThat(stored.first("traceparent")).hasValueSatisfying(tp -> assertThat(tp).startsWith("00-" + traceId + "-"));
                assertThat(stored.first("baggage")).isEmpty();
                assertThat(stored.toString()).doesNotContain(baggageValue);

                Poll.until("delivered", () -> subscriber.statuses.contains("204"));
                assertThat(subscriber.traceparents).singleElement().satisfies(tp -> assertThat(tp).startsWith("00-" + traceId + "-"));
                assertThat(subscriber.baggage).containsExactly("null");
            } finally {
                dispatcher.close(Duration.ofSeconds(5));
            }
        }
    }
}
