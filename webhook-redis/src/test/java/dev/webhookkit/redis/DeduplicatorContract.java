package dev.webhookkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.spi.Deduplicator;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Deduplicator} promises, run against the in-memory one and the Redis one alike.
 * Time passes through {@link #advance(Duration)}, never by sleeping.
 */
abstract class DeduplicatorContract {
    static final Duration WINDOW = Duration.ofHours(1);

    private Deduplicator dedup;

    /** A deduplicator starting with no keys. */
    abstract Deduplicator create();

    /** Lets {@code d} pass for the deduplicator created last. */
    abstract void advance(Duration d);

    @BeforeEach
    void createDeduplicator() {
        dedup = create();
    }

    @Test
    void newKeyIsFirstSeen() {
        assertThat(dedup.markFirstSeen("orders:webhook-id:msg_1", WINDOW)).isTrue();
    }

    @Test
    void sameKeyWithinWindowIsDuplicate() {
        dedup.markFirstSeen("orders:webhook-id:msg_1", WINDOW);

        assertThat(dedup.markFirstSeen("orders:webhook-id:msg_1", WINDOW)).isFalse();
        assertThat(dedup.markFirstSeen("orders:webhook-id:msg_1", WINDOW)).isFalse();
    }

    @Test
    void differentKeysAreIndependent() {
        assertThat(dedup.markFirstSeen("orders:webhook-id:msg_1", WINDOW)).isTrue();
        assertThat(dedup.markFirstSeen("orders:webhook-id:msg_2", WINDOW)).isTrue();
        assertThat(dedup.markFirstSeen("billing:webhook-id:msg_1", WINDOW)).isTrue();
    }

    @Test
    void keyIsStillDuplicateJustBeforeWindowEnds() {
        dedup.markFirstSeen("k", WINDOW);
        advance(WINDOW.minusMinutes(1));

        assertThat(dedup.markFirstSeen("k", WINDOW)).isFalse();
    }

    @Test
    void keyIsFirstSeenAgainAfterWindowEndsAndThenRemembered() {
        dedup.markFirstSeen("k", WINDOW);
        advance(WINDOW.plusMinutes(1));

        assertThat(dedup.markFirstSeen("k", WINDOW)).isTrue();
        assertThat(dedup.markFirstSeen("k", WINDOW)).isFalse();
    }

    @Test
    void duplicateDoesNotExtendTheWindow() {
        dedup.markFirstSeen("k", WINDOW);
        advance(Duration.ofMinutes(40));
        dedup.markFirstSeen("k", WINDOW); // duplicate; the first mark still ends the window
        advance(Duration.ofMinutes(21));

        assertThat(dedup.markFirstSeen("k", WINDOW)).isTrue();
    }

    @Test
    void forgottenKeyIsFirstSeenAgain() {
        dedup.markFirstSeen("k", WINDOW);
        dedup.forget("k");

        assertThat(dedup.markFirstSeen("k", WINDOW)).isTrue();
        assertThat(dedup.markFirstSeen("k", WINDOW)).isFalse();
    }

    @Test
    void forgettingUnknownKeyIsHarmless() {
        dedup.forget("never-seen");

        assertThat(dedup.markFirstSeen("never-seen", WINDOW)).isTrue();
    }

    @Test
    void exactlyOneOfManyConcurrentCallersSeesEachKeyFirst() throws Exception {
        int threads = 6;
        int keys = 200;
        AtomicInteger firsts = new AtomicInteger();

        Concurrently.run(threads, thread -> {
            for (int k = 0; k < keys; k++) {
                if (dedup.markFirstSeen("concurrent-" + k, WINDOW)) {
                    firsts.incrementAndGet();
                }
            }
        });

        assertThat(firsts).hasValue(keys);
    }
}
