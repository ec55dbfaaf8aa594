package dev.webhookkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** webhookkit.delivery.pending and webhookkit.delivery.oldest.age follow the backlog as it fills and drains (re-read at most once a second). */
class BacklogGaugesTest {
    private static final Duration REFRESH_BOUND = Duration.ofSeconds(10);

    // Retried every 100 ms (the last delay repeats) until the subscriber recovers: the message waits meanwhile.
    @Test
    void gaugesShowAWaitingMessageAndReturnToZeroOnceItIsDelivered() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WebhookMetrics metrics = WebhookMetrics.bind(meters);
        try (TraceReceiver subscriber = new TraceReceiver(Integer.MAX_VALUE)) {
            SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
            subscriptions.create(Subscription.builder("ops", subscriber.url()).secret("gauge-test-secret").build());
            WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(subscriptions)
                    .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                    .retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofMillis(100)).maxAttempts(1_000).jitter(0).build())
                    .pollInterval(Duration.ofMillis(50)).workers(1).listener(metrics.dispatchListener()).build();
            AutoCloseable gauges = metrics.monitor(dispatcher);
            try {
                assertThat(pending(meters)).isZero();

                dispatcher.publish("incident.created", Map.of("id", 1));

                Poll.until("the pending gauge counts the waiting message", REFRESH_BOUND, () -> pending(meters) == 1.0);
                Poll.until("the oldest age gauge grows", REFRESH_BOUND, () -> oldestSeconds(meters) > 0.0);
                assertThat(subscriber.statuses).allMatch("503"::equals);

                subscriber.recover();
                Poll.until("delivered", REFRESH_BOUND, () -> subscriber.statuses.contains("204"));
                Poll.until("the pending gauge drains", REFRESH_BOUND, () -> pending(meters) == 0.0);
                assertThat(oldestSeconds(meters)).isZero();
            } finally {
                gauges.close();
                dispatcher.close(Duration.ofSeconds(5));
            }
            assertThat(meters.find(WebhookMetrics.DELIVERY_PENDING).gauge()).as("closing the monitor removes the gauges").isNull();
        }
    }

    private static double pending(SimpleMeterRegistry meters) {
        return meters.get(WebhookMetrics.DELIVERY_PENDING).gauge().value();
    }

    private static double oldestSeconds(SimpleMeterRegistry meters) {
        return meters.get(WebhookMetrics.DELIVERY_OLDEST_AGE).timeGauge().value(TimeUnit.SECONDS);
    }
}
