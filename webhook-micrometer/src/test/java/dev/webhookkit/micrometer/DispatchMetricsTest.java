package dev.webhookkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attempts timer's subscription tag is bounded like the endpoint tag: ids past the first 256 share {@value WebhookMetrics#OTHER}. */
class DispatchMetricsTest {
    // One worker: the cap's size check and insert are not atomic, so concurrent first attempts may admit a name or two more.
    @Test
    void subscriptionIdsPastTheFirst256ShareTheOtherTagValue() throws Exception {
        int extra = 4;
        int subscriptionCount = WebhookMetrics.MAX_NAMES + extra;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WebhookMetrics metrics = WebhookMetrics.bind(meters);
        try (TraceReceiver subscriber = new TraceReceiver(0)) {
            SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
            for (int i = 0; i < subscriptionCount; i++) {
                subscriptions.create(Subscription.builder("sub-" + i, subscriber.url()).secret("cap-test-secret").build());
            }
            WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(subscriptions)
                    .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                    .pollInterval(Duration.ofMillis(50)).workers(1).listener(metrics.dispatchListener()).build();
            try {
                assertThat(dispatcher.publish("incident.created", Map.of("id", 1))).hasSize(subscriptionCount);
                Poll.until("every subscription attempted once", Duration.ofSeconds(60), () -> meters.find(WebhookMetrics.DELIVERY_ATTEMPTS).timers()
                        .stream().mapToLong(Timer::count).sum() == subscriptionCount);
            } finally {
                dispatcher.close(Duration.ofSeconds(5));
            }
        }

        List<String> tags = meters.find(WebhookMetrics.DELIVERY_ATTEMPTS).timers().stream().map(t -> t.getId().getTag("subscription")).distinct().toList();
        assertThat(tags).hasSize(WebhookMetrics.MAX_NAMES + 1).contains(WebhookMetrics.OTHER);
        assertThat(meters.get(WebhookMetrics.DELIVERY_ATTEMPTS).tags("subscription", WebhookMetrics.OTHER).timers().stream().mapToLong(Timer::count).sum())
                .isEqualTo(extra);
    }
}
