package dev.webhookkit.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClaimLeaseTest {
    private final SubscriptionRegistry registry = SubscriptionRegistry.inMemory();
    private final AtomicLong nanos = new AtomicLong();

    private static Subscription.Builder sub(String id, int timeoutSeconds) {
        return Subscription.builder(id, "https://example.com/" + id).secret("s3cret-for-" + id).timeout(Duration.ofSeconds(timeoutSeconds));
    }

    @Test
    void theLeaseIsTheBatchAtTheLongestTimeoutPlusConnectTimeoutAndMargin() {
        registry.create(sub("fast", 2).build());
        registry.create(sub("slow", 20).build());
        ClaimLease lease = new ClaimLease(null, registry, Duration.ofSeconds(5), 3, nanos::get);

        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(3 * (20 + 5)).plus(ClaimLease.MARGIN));
    }

    @Test
    void withTheDefaultsTheLeaseIs45SecondsNotMinutes() {
        registry.create(Subscription.builder("a", "https://example.com/a").secret("s3cret-value").build());
        ClaimLease lease = new ClaimLease(null, registry, Duration.ofSeconds(5), 1, nanos::get);

        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aLongerTimeoutCountsFromTheNextRefresh() {
        registry.create(sub("a", 2).build());
        ClaimLease lease = new ClaimLease(null, registry, Duration.ofSeconds(1), 1, nanos::get);
        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(3).plus(ClaimLease.MARGIN));

        registry.update(sub("a", 60).build());
        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(3).plus(ClaimLease.MARGIN));
        nanos.addAndGet(ClaimLease.REFRESH_NANOS);
        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(61).plus(ClaimLease.MARGIN));
    }

    @Test
    void aFixedLeaseWins() {
        registry.create(sub("a", 100).build());
        assertThat(new ClaimLease(Duration.ofMinutes(7), registry, Duration.ofSeconds(5), 4, nanos::get).get()).isEqualTo(Duration.ofMinutes(7));
    }
}
