package dev.webhookkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.jdbc.JdbcDeliveryStore;
import dev.webhookkit.jdbc.JdbcSchema;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.testing.Poll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The retry after a restart, made by another dispatcher instance in another "process" (its own
 * tracer, no span of the publisher's anywhere), still carries the publishing span's trace id: it
 * travels in the JDBC outbox with the message. Needs the local PostgreSQL.
 */
@Tag("services")
class JdbcRestartTraceTest {

    @Test
    void aRetryAfterADispatcherRestartOnAnotherInstanceCarriesThePublishingSpansTraceId() throws Exception {
        String prefix = ("t_mm_" + UUID.randomUUID().toString().substring(0, 8) + "_").toLowerCase(Locale.ROOT);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(5_000);
        try (HikariDataSource db = new HikariDataSource(config); TraceReceiver subscriber = new TraceReceiver(1)) {
            JdbcSchema.create(db, prefix);
            try {
                SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
                subscriptions.create(Subscription.builder("ops", subscriber.url()).secret("out-secret-Jd71").build());
                // A long retry delay: instance A makes the first attempt (503) only; B makes the retry after A is gone.
                RetryPolicy policy = RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofSeconds(2)).jitter(0).build();

                String traceId;
                try (TestTracing tracingA = new TestTracing()) {
                    WebhookMetrics metricsA = WebhookMetrics.bind(new SimpleMeterRegistry(), tracingA.observations);
                    WebhookDispatcher a = dispatcher(db, prefix, subscriptions, policy, metricsA, "instance-a");
                    try {
                        Observation s = Observation.start("publishing-request", tracingA.observations);
                        Observation.Scope scope = s.openScope();
                        try {
                            traceId = tracingA.tracer.currentSpan().context().traceId();
                            a.publish("incident.created", Map.of("id", 9));
                        } finally {
                            scope.close();
                            s.stop();
                        }
                        Poll.until("the first attempt", () -> subscriber.statuses.size() >= 1);
                    } finally {
                        a.close(Duration.ofSeconds(5));
                    }
                }
                assertThat(subscriber.statuses).containsExactly("503");

                try (TestTracing tracingB = new TestTracing()) {
                    WebhookMetrics metricsB = WebhookMetrics.bind(new SimpleMeterRegistry(), tracingB.observations);
                    WebhookDispatcher b = dispatcher(db, prefix, subscriptions, policy, metricsB, "instance-b");
                    try {
                        Poll.until("the retry from instance b", () -> subscriber.statuses.size() >= 2);
                        Poll.until("b's attempt span", () -> tracingB.spans.getFinishedSpanItems().stream()
                                .anyMatch(sp -> sp.getName().equals(WebhookMetrics.ATTEMPT_OBSERVATION)));
                        assertThat(tracingB.spans.getFinishedSpanItems().stream()
                                .filter(sp -> sp.getName().equals(WebhookMetrics.ATTEMPT_OBSERVATION)))
                                .allSatisfy(sp -> assertThat(sp.getTraceId()).isEqualTo(traceId));
                    } finally {
                        b.close(Duration.ofSeconds(5));
                    }
                }
                assertThat(subscriber.statuses).containsExactly("503", "204");
                assertThat(subscriber.traceparents).hasSize(2).allSatisfy(tp -> assertThat(tp).startsWith("00-" + traceId + "-"));
            } finally {
                try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                    for (String table : new String[] {"outbox", "attempt", "event"}) {
                        st.execute("DROP TABLE IF EXISTS " + prefix + table + " CASCADE");
                    }
                }
            }
        }
    }

    private static WebhookDispatcher dispatcher(HikariDataSource db, String prefix, SubscriptionRegistry subscriptions, RetryPolicy policy,
            WebhookMetrics metrics, String instance) {
        DeliveryStore store = JdbcDeliveryStore.builder(db).tablePrefix(prefix).build();
        return WebhookDispatcher.builder().store(store).subscriptions(subscriptions).instanceId(instance)
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build()).retryPolicy(policy)
                .pollInterval(Duration.ofMillis(100)).workers(1)
                .listener(metrics.dispatchListener()).publishHeaders(metrics.publishHeaders()).build();
    }
}
