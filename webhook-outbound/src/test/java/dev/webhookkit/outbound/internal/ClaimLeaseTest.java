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
    void anUnrenewedLeaseIsTheBatchAtTheLongestTimeoutPlusConnectTimeoutAndMargin() {
        registry.create(sub("fast", 2).build());
        registry.create(sub("slow", 20).build());
        ClaimLease lease = new ClaimLease(null, registry, Duration.ofSeconds(5), 3, nanos::get);

        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(3 * (20 + 5)).plus(ClaimLease.UNRENEWED_MARGIN));
    }

    @Test
    void withTheDefaultsAnUnrenewedLeaseIs45SecondsNotMinutes() {
        registry.create(Subscription.builder("a", "https://example.com/a").secret("s3cret-value").build());
        ClaimLease lease = new ClaimLease(null, registry, Duration.ofSeconds(5), 1, nanos::get);

        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aLongerTimeoutCountsFromTheNextRefresh() {
        registry.create(sub("a", 2).build());
        ClaimLease lease = new ClaimLease(null, registry, Duration.ofSeconds(1), 1, nanos::get);
        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(3).plus(ClaimLease.UNRENEWED_MARGIN));

        registry.update(sub("a", 60).build());
        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(3).plus(ClaimLease.UNRENEWED_MARGIN));
        nanos.addAndGet(ClaimLease.REFRESH_NANOS);
        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(61).plus(ClaimLease.UNRENEWED_MARGIN));
    }

    @Test
    void aFixedLeaseWins() {
        registry.create(sub("a", 100).build());
        assertThat(new ClaimLease(Duration.ofMinutes(7), registry, Duration.ofSeconds(5), 4, nanos::get).get()).isEqualTo(Duration.ofMinutes(7));
    }

    private ClaimLease renewed(Duration fixed, int batch, Duration poll) {
        return new ClaimLease(fixed, registry, Duration.ofSeconds(5), batch, poll, true, nanos::get);
    }

    @Test
    void aRenewedLeaseWithTheDefaultsIsOneAttemptPlusConnectAndMarginSoATakeoverTakesUnder20Seconds() {
        registry.create(Subscription.builder("a", "https://example.com/a").secret("s3cret-value").build());
        ClaimLease lease = renewed(null, 10, Duration.ofSeconds(1));

        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(17)); // 10 s + 5 s connect + 2 s, whatever the batch
        assertThat(lease.get().plus(Duration.ofSeconds(1))).isLessThanOrEqualTo(Subscription.DEFAULT_TIMEOUT.multipliedBy(2));
        assertThat(lease.renewEvery()).isEqualTo(Duration.ofSeconds(3));
        assertThat(lease.neededToSend(Subscription.DEFAULT_TIMEOUT)).isEqualTo(Duration.ofSeconds(11));
        // Two renewals can be missed before a held lease is too short to send on.
        assertThat(lease.get().minus(lease.renewEvery().multipliedBy(2))).isGreaterThanOrEqualTo(lease.neededToSend(Subscription.DEFAULT_TIMEOUT));
    }

    @Test
    void aRenewedLeaseIsCutSoThatATakeoverStaysWithinTwiceTheTimeout() {
        registry.create(sub("a", 5).build());
        ClaimLease lease = renewed(null, 1, Duration.ofSeconds(1));

        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(8)); // 2 x 5 s - 1 s poll - 1 s, not 5 + 5 + 2
        assertThat(lease.get().plus(Duration.ofSeconds(1))).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(lease.renewEvery()).isEqualTo(Duration.ofSeconds(1));
        assertThat(lease.neededToSend(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aRenewedLeaseNeverGetsShorterThanTheTimeoutPlusTwoSeconds() {
        registry.create(sub("a", 1).build());
        ClaimLease lease = renewed(null, 1, Duration.ofSeconds(1));

        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(3));
        assertThat(lease.renewEvery()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aFixedLeaseIsRenewedEveryThirdAndASendNeedsNoMoreThanARenewedLeaseHas() {
        registry.create(sub("a", 10).build());
        ClaimLease lease = renewed(Duration.ofSeconds(3), 1, Duration.ofSeconds(1));

        assertThat(lease.get()).isEqualTo(Duration.ofSeconds(3));
        assertThat(lease.renewEvery()).isEqualTo(Duration.ofSeconds(1));
        assertThat(lease.neededToSend(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(2));
    }
}
