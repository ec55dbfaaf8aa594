package dev.webhookkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import dev.webhookkit.verify.Schemes;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Secrets (endpoint and subscription) appear in no log line, MDC value, metric tag or span, while ids do appear in the MDC. */
class NoSecretsInLogsTest {
    private static final String IN_SECRET = "inbound-secret-Qm39z";
    private static final String OUT_SECRET = "outbound-secret-Xp72w";

    @Test
    void noSecretInAnyLogLineMetricTagOrSpanAndLogLinesCarryTheIds() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TestTracing tracing = new TestTracing(); TraceReceiver subscriber = new TraceReceiver(1)) {
            WebhookMetrics metrics = WebhookMetrics.bind(meters, tracing.observations);
            try (WebhookReceiver receiver = WebhookReceiver.builder().listener(metrics.receiveListener())
                    .endpoint(Endpoint.builder("github").verifier(Schemes.github()).secret(IN_SECRET)
                            .handler(e -> HandlerResponse.empty()).build()).build()) {
                receiver.receive("github", Signing.github(IN_SECRET, "{\"a\":1}", "d-1"));
                receiver.receive("github", Signing.github("not-the-secret", "{\"a\":1}", "d-2"));
                receiver.receive("no-such-endpoint", Signing.github(IN_SECRET, "{}", "d-3"));
            }
            SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
            subscriptions.create(Subscription.builder("ops", subscriber.url()).secret(OUT_SECRET).build());
            WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(subscriptions)
                    .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                    .retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofMillis(100)).jitter(0).build())
                    .pollInterval(Duration.ofMillis(50)).workers(1)
                    .listener(metrics.dispatchListener()).publishHeaders(metrics.publishHeaders()).build();
            try {
                dispatcher.publish("incident.created", Map.of("id", 1));
                Poll.until("delivered after a 503", () -> subscriber.statuses.size() >= 2);
            } finally {
                dispatcher.close(Duration.ofSeconds(5));
            }

            List<ILoggingEvent> logged = List.copyOf(lines.list);
            assertThat(logged).isNotEmpty();
            assertThat(logged).as("the dispatcher's own lines are among those checked")
                    .anyMatch(l -> l.getLoggerName().startsWith("dev.webhookkit.outbound"));
            for (ILoggingEvent line : logged) {
                String all = line.getFormattedMessage() + " " + line.getMDCPropertyMap() + " " + line.getThrowableProxy();
                assertThat(all).doesNotContain(IN_SECRET).doesNotContain(OUT_SECRET);
            }
            assertThat(logged).as("a line written while a request was in hand names its event")
                    .anyMatch(l -> l.getMDCPropertyMap().containsKey(WebhookMetrics.MDC_EVENT_ID));
            for (Meter m : meters.getMeters()) {
                for (Tag t : m.getId().getTags()) {
                    assertThat(t.getValue()).doesNotContain(IN_SECRET).doesNotContain(OUT_SECRET).doesNotContain("127.0.0.1");
                }
            }
            assertThat(tracing.spans.getFinishedSpanItems()).isNotEmpty().allSatisfy(sp ->
                    assertThat(sp.toString()).doesNotContain(IN_SECRET).doesNotContain(OUT_SECRET));
        } finally {
            root.detachAppender(lines);
        }
    }
}
