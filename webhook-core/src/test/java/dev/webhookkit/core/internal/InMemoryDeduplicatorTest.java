package dev.webhookkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.DeduplicatorContractTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryDeduplicatorTest extends DeduplicatorContractTest {

    @Override
    protected Deduplicator create() {
        return Deduplicator.inMemory(10_000, clock);
    }

    @Test
    void staysWithinItsBoundAndDropsOldestExpiringFirst() {
        InMemoryDeduplicator small = new InMemoryDeduplicator(1_000, clock);
        for (int i = 0; i < 1_000; i++) {
            small.markFirstSeen("old-" + i, Duration.ofMinutes(1));
        }
        for (int i = 0; i < 5_000; i++) {
            small.markFirstSeen("new-" + i, Duration.ofHours(1));
            assertThat(small.size()).isLessThanOrEqualTo(1_001);
        }
        // The newest keys survive the sweeps; the short-lived old ones went first.
        assertThat(small.markFirstSeen("new-4999", Duration.ofHours(1))).isFalse();
        assertThat(small.markFirstSeen("old-0", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void expiredKeysAreSweptBeforeLiveOnes() {
        InMemoryDeduplicator small = new InMemoryDeduplicator(100, clock);
        for (int i = 0; i < 100; i++) {
            small.markFirstSeen("a-" + i, Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(2));
        small.markFirstSeen("live", Duration.ofHours(1));
        assertThat(small.size()).isEqualTo(1);
    }

    @Test
    void keysOfAnyLengthAreDistinguished() {
        InMemoryDeduplicator d = new InMemoryDeduplicator(100, clock);
        assertThat(d.markFirstSeen("", Duration.ofMinutes(1))).isTrue();
        assertThat(d.markFirstSeen("a", Duration.ofMinutes(1))).isTrue();
        assertThat(d.markFirstSeen("ab", Duration.ofMinutes(1))).isTrue();
        assertThat(d.markFirstSeen("abc", Duration.ofMinutes(1))).isTrue();
        assertThat(d.markFirstSeen("abcd", Duration.ofMinutes(1))).isTrue();
        assertThat(d.markFirstSeen("abcde", Duration.ofMinutes(1))).isTrue();
        assertThat(d.markFirstSeen("abcde", Duration.ofMinutes(1))).isFalse();
        assertThat(d.size()).isEqualTo(6);
    }

    @Test
    void rejectsNonPositiveBound() {
        assertThatThrownBy(() -> Deduplicator.inMemory(0, clock)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("maxKeys must be > 0 but was 0");
    }
}
