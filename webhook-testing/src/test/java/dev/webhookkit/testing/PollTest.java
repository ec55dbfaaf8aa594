package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger calls = new AtomicInteger();
        Poll.until("the third check", Duration.ofSeconds(5), () -> calls.incrementAndGet() >= 3);
        assertThat(calls).hasValue(3);
    }

    @Test
    void failsAfterTheTimeoutSayingWhatItWaitedForAndTheStateSeenLast() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> Poll.until("the door to open", Duration.ofMillis(50), () -> false, () -> "door: closed"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("timed out after PT0.05S waiting for: the door to open; door: closed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void returnsTheValueThatSatisfiedTheConditionAndNamesTheLastOneOnTimeout() {
        AtomicInteger counter = new AtomicInteger();
        assertThat(Poll.until("a count of 4", counter::incrementAndGet, n -> n >= 4)).isEqualTo(4);
        assertThatThrownBy(() -> Poll.until("a negative count", Duration.ofMillis(20), () -> 7, n -> n < 0))
                .isInstanceOf(AssertionError.class).hasMessageEndingWith("waiting for: a negative count; last seen: 7");
    }

    @Test
    void anExceptionFromTheConditionEndsTheWait() {
        assertThatThrownBy(() -> Poll.until("a dead process", () -> {
            throw new AssertionError("the child exited with 1");
        })).isInstanceOf(AssertionError.class).hasMessage("the child exited with 1");
    }

    @Test
    void anInterruptedWaitFailsAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Poll.until("never", Duration.ofSeconds(5), () -> false))
                    .isInstanceOf(AssertionError.class).hasMessage("interrupted while waiting");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> Poll.until("x", Duration.ZERO, () -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be > 0 but was PT0S");
    }
}
