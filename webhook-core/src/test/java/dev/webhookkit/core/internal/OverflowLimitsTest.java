package dev.webhookkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.MutableClock;
import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.spi.DeliveryClaim;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings far out of range are refused by the builders, and the arithmetic behind them never overflows. */
class OverflowLimitsTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");

    @Test
    void aRateLimitPeriodOfCenturiesIsRefusedNamingThePeriod() {
        assertThatThrownBy(() -> new RateLimit(1, Duration.ofSeconds(100_000_000_000L)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("period must be at most");
        assertThat(new RateLimit(1, RateLimit.MAX_PERIOD).nanosPerPermit()).isEqualTo(365 * 86_400 * 1e9);
    }

    @Test
    void aDedupWindowOverTheMaximumIsRefusedByTheEndpointBuilder() {
        assertThatThrownBy(() -> Endpoint.builder("a").allowUnsigned().dedupWindow(Duration.ofSeconds(Long.MAX_VALUE)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("dedupWindow must be at most");
    }

    @Test
    void theInMemoryDeduplicatorTakesAHugeWindowAsForever() {
        InMemoryDeduplicator d = new InMemoryDeduplicator(1_000, clock, Duration.ofMinutes(5));
        DeliveryClaim claim = d.claim("k", Duration.ofSeconds(Long.MAX_VALUE));
        claim.commit();
        clock.advance(Duration.ofDays(3650));
        assertThat(d.claim("k", Duration.ofSeconds(Long.MAX_VALUE)).status()).isEqualTo(DeliveryClaim.Status.DUPLICATE);
    }
}
