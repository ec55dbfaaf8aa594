package dev.webhookkit.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.MutableClock;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.Envelope;
import dev.webhookkit.outbound.testing.FlakyStore;
import dev.webhookkit.outbound.testing.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store outage makes every worker fail every poll; the dispatcher reports it once per interval. */
class StoreOutageLoggingTest {
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final FlakyStore store = new FlakyStore(DeliveryStore.inMemory(100, clock));
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private DefaultWebhookDispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(2));
        }
    }

    private void startDispatcher(int workers) {
        DispatcherConfig config = new DispatcherConfig(clock, store, SubscriptionRegistry.inMemory(), RetryPolicy.ofDefaults(),
                SsrfGuard.strict(), Envelope.standard(), new ObjectMapper(), null, 1, workers, 1, Duration.ofSeconds(1),
                Duration.ofMillis(2), null, "outage-test", Duration.ZERO, 0, 256, List.of());
        dispatcher = DefaultWebhookDispatcher.start(config, warnings::add);
    }

    @Test
    void anOutageLogsOneLinePerIntervalWithTheNumberOfFailuresLeftOut() {
        store.failClaims = true;
        startDispatcher(4);

        Poll.until("hundreds of failed claims", () -> store.failedClaims.get() >= 300);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("dispatcher outage-test could not claim messages")
                .contains("test store is down").doesNotContain("\n").doesNotContain("more since the last report");

        clock.advance(DefaultWebhookDispatcher.STORE_WARNING_INTERVAL);
        Poll.until("the second report", () -> warnings.size() >= 2);
        int failures = store.failedClaims.get();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).containsPattern("\\[\\d+ more since the last report]").doesNotContain("\n");
        long leftOut = Long.parseLong(warnings.get(1).replaceAll(".*\\[(\\d+) more since the last report]", "$1"));
        assertThat(leftOut).isBetween(290L, (long) failures);
    }
}
