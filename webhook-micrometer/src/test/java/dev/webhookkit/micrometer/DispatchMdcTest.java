package dev.webhookkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A line logged on the worker while it attempts a message carries {@code webhookkit.message_id}
 * in the MDC (read through logback, a real SLF4J backend), on the first attempt and on the retry,
 * and the id is gone once the attempt is settled.
 */
class DispatchMdcTest {
    private static final org.slf4j.Logger APP_LOG = LoggerFactory.getLogger("app.delivery-audit");

    /** The application's own listener, told after webhookkit's: it logs as an app would. */
    private static final class AuditListener implements DispatchListener {
        @Override
        public void onAttempt(DeliveryAttempt attempt) {
            APP_LOG.info("attempt {} answered {}", attempt.attemptNumber(), attempt.statusCode());
        }

        @Override
        public void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
            APP_LOG.info("delivered");
        }
    }

    @Test
    void linesLoggedDuringAnAttemptCarryTheMessageIdAndNoneAfterItSettled() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("app.delivery-audit");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        WebhookMetrics metrics = WebhookMetrics.bind(new SimpleMeterRegistry());
        try (TraceReceiver subscriber = new TraceReceiver(1)) {
            SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
            subscriptions.create(Subscription.builder("ops", subscriber.url()).secret("mdc-test-secret").build());
            WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(subscriptions)
                    .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                    .retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofMillis(100)).jitter(0).build())
                    .pollInterval(Duration.ofMillis(50)).workers(1)
                    .listener(metrics.dispatchListener()).listener(new AuditListener()).build();
            String messageId;
            try {
                messageId = dispatcher.publish("incident.created", Map.of("id", 1)).get(0);
                Poll.until("the delivered line", () -> lines.list.stream().anyMatch(l -> l.getFormattedMessage().equals("delivered")));
            } finally {
                dispatcher.close(Duration.ofSeconds(5));
            }

            List<ILoggingEvent> logged = List.copyOf(lines.list);
            List<ILoggingEvent> attempts = logged.stream().filter(l -> l.getFormattedMessage().startsWith("attempt ")).toList();
            assertThat(attempts).extracting(ILoggingEvent::getFormattedMessage).containsExactly("attempt 1 answered 503", "attempt 2 answered 204");
            assertThat(attempts).allSatisfy(l -> assertThat(l.getMDCPropertyMap()).containsEntry(WebhookMetrics.MDC_MESSAGE_ID, messageId));
            assertThat(logged).filteredOn(l -> l.getFormattedMessage().equals("delivered"))
                    .singleElement().satisfies(l -> assertThat(l.getMDCPropertyMap()).doesNotContainKey(WebhookMetrics.MDC_MESSAGE_ID));
        } finally {
            logger.detachAppender(lines);
        }
    }
}
