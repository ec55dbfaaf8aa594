package dev.webhookkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.MutableClock;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.DeliveryClaim;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory deduplicator's own bounds; webhook-testing's InMemoryDeduplicatorContractTest runs the SPI kit on it. */
class InMemoryDeduplicatorTest {
    private static final Duration LEASE = Deduplicator.DEFAULT_PROCESSING_LEASE;

    private final MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");

    /** Claims {@code key} and, when it is new, commits at once: true when the key was new. */
    private static boolean firstSeen(Deduplicator d, String key, Duration window) {
        DeliveryClaim claim = d.claim(key, window);
        if (claim.isNew()) {
            claim.commit();
            return true;
        }
        return false;
    }

    @Test
    void staysWithinItsBoundAndForgetsTheOldestKeysFirst() {
        // 6,400 keys: 100 per segment plus 5 * sqrt(100) = 50 of slack, so at most 64 * 150 are held.
        InMemoryDeduplicator bounded = new InMemoryDeduplicator(6_400, clock, LEASE);
        for (int i = 0; i < 30_000; i++) {
            assertThat(firstSeen(bounded, "key-" + i, Duration.ofHours(1))).isTrue();
            assertThat(bounded.size()).isLessThanOrEqualTo(64 * 150);
        }
        assertThat(bounded.size()).isEqualTo(64 * 150);
        for (int i = 29_900; i < 30_000; i++) {
            assertThat(firstSeen(bounded, "key-" + i, Duration.ofHours(1))).as("recent key-%d", i).isFalse();
        }
        for (int i = 0; i < 100; i++) {
            assertThat(firstSeen(bounded, "key-" + i, Duration.ofHours(1))).as("old key-%d", i).isTrue();
        }
    }

    @Test
    void evictionKeepsEveryRemainingKeyFindable() {
        // Tiny segments make the index wrap and shift on almost every eviction.
        InMemoryDeduplicator tiny = new InMemoryDeduplicator(64, clock, LEASE); // 1 + 5 = 6 keys per segment
        java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 50_000; i++) {
            String key = "k" + random.nextInt(1_000_000);
            firstSeen(tiny, key, Duration.ofHours(1));
            recent.addLast(key);
            if (recent.size() > 20) {
                recent.removeFirst();
            }
        }
        // The last keys written to any segment are still there, however the index was shifted.
        assertThat(firstSeen(tiny, recent.peekLast(), Duration.ofHours(1))).isFalse();
        assertThat(tiny.size()).isEqualTo(64 * 6);
    }

    @Test
    void holdsMaxKeysBeforeForgettingAny() {
        InMemoryDeduplicator d = new InMemoryDeduplicator(100_000, clock, LEASE);
        for (int i = 0; i < 100_000; i++) {
            firstSeen(d, "m" + i, Duration.ofHours(1));
        }
        assertThat(d.size()).isEqualTo(100_000);
        assertThat(firstSeen(d, "m0", Duration.ofHours(1))).isFalse();
    }

    @Test
    void growsFromSmallSegmentsWithoutLosingKeys() {
        InMemoryDeduplicator d = new InMemoryDeduplicator(1_000_000, clock, LEASE);
        for (int i = 0; i < 50_000; i++) {
            firstSeen(d, "g" + i, Duration.ofHours(1));
        }
        for (int i = 0; i < 50_000; i++) {
            assertThat(firstSeen(d, "g" + i, Duration.ofHours(1))).isFalse();
        }
        assertThat(d.size()).isEqualTo(50_000);
    }

    @Test
    void keysOfAnyLengthAreDistinguished() {
        InMemoryDeduplicator d = new InMemoryDeduplicator(100, clock, LEASE);
        assertThat(firstSeen(d, "", Duration.ofMinutes(1))).isTrue();
        assertThat(firstSeen(d, "a", Duration.ofMinutes(1))).isTrue();
        assertThat(firstSeen(d, "ab", Duration.ofMinutes(1))).isTrue();
        assertThat(firstSeen(d, "abc", Duration.ofMinutes(1))).isTrue();
        assertThat(firstSeen(d, "abcd", Duration.ofMinutes(1))).isTrue();
        assertThat(firstSeen(d, "abcde", Duration.ofMinutes(1))).isTrue();
        assertThat(firstSeen(d, "abcde", Duration.ofMinutes(1))).isFalse();
        assertThat(d.size()).isEqualTo(6);
    }

    @Test
    void rejectsNonPositiveBound() {
        assertThatThrownBy(() -> Deduplicator.inMemory(0, clock)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("maxKeys must be > 0 but was 0");
    }
}
