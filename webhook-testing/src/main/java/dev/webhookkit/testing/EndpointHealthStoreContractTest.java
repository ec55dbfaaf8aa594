package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.EndpointHealthState;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EndpointHealthStore} must show: counts that add up (also under
 * concurrent writers, as several dispatcher instances are), successes that reset them, a disabled
 * reason that is kept until cleared. An implementation's test extends this class and returns a
 * fresh, empty store from {@link #createStore}; a second call must return another view of the
 * same data (another instance on the same database), or the same store for one that lives in memory.
 */
public abstract class EndpointHealthStoreContractTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected EndpointHealthStore store;
    private ExecutorService threads;

    /** A new, empty store. */
    protected abstract EndpointHealthStore createStore();

    /** Another handle on the store {@link #createStore} returned last, as a second instance would have. */
    protected abstract EndpointHealthStore sameStoreAgain();

    @BeforeEach
    void setUpStore() {
        store = createStore();
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void nothingIsKnownOfANewSubscription() {
        assertThat(store.find("s1")).isEqualTo(EndpointHealthState.healthy("s1"));
    }

    @Test
    void failuresCountUpFromTheFirstOnesTime() {
        EndpointHealthState one = store.recordFailure("s1", T0, false);
        EndpointHealthState two = store.recordFailure("s1", T0.plusSeconds(60), true);

        assertThat(one.failures()).isEqualTo(1);
        assertThat(one.failingSince()).contains(T0);
        assertThat(one.failedMessages()).isZero();
        assertThat(two.failures()).isEqualTo(2);
        assertThat(two.failingSince()).contains(T0);
        assertThat(two.failedMessages()).isEqualTo(1);
        assertThat(store.find("s1")).isEqualTo(two);
        assertThat(store.find("s2")).isEqualTo(EndpointHealthState.healthy("s2"));
    }

    @Test
    void aSuccessStartsTheCountsAgain() {
        store.recordFailure("s1", T0, true);
        store.recordSuccess("s1");
        assertThat(store.find("s1")).isEqualTo(EndpointHealthState.healthy("s1"));

        EndpointHealthState after = store.recordFailure("s1", T0.plus(Duration.ofHours(1)), false);
        assertThat(after.failures()).isEqualTo(1);
        assertThat(after.failingSince()).contains(T0.plus(Duration.ofHours(1)));
        assertThat(after.failedMessages()).isZero();
    }

    @Test
    void aSuccessOfAHealthySubscriptionChangesNothing() {
        store.recordSuccess("s1");
        assertThat(store.find("s1")).isEqualTo(EndpointHealthState.healthy("s1"));
    }

    @Test
    void disablingKeepsTheReasonAndClearsTheCounts() {
        store.recordFailure("s1", T0, true);
        store.recordDisabled("s1", DisableReason.TOO_MANY_FAILED_MESSAGES, T0.plusSeconds(5));

        EndpointHealthState s = store.find("s1");
        assertThat(s.disabledReason()).contains(DisableReason.TOO_MANY_FAILED_MESSAGES);
        assertThat(s.disabledAt()).contains(T0.plusSeconds(5));
        assertThat(s.failures()).isZero();
        assertThat(s.failingSince()).isEmpty();
        assertThat(s.failedMessages()).isZero();
    }

    @Test
    void theReasonOutlivesSuccessesAndFailuresUntilCleared() {
        store.recordDisabled("s1", DisableReason.GONE, T0);
        store.recordSuccess("s1");
        EndpointHealthState failed = store.recordFailure("s1", T0.plusSeconds(1), false);
        assertThat(failed.disabledReason()).contains(DisableReason.GONE);
        assertThat(failed.failures()).isEqualTo(1);

        store.clear("s1");
        assertThat(store.find("s1")).isEqualTo(EndpointHealthState.healthy("s1"));
    }

    @Test
    void aLaterDisablingReplacesTheReason() {
        store.recordDisabled("s1", DisableReason.GONE, T0);
        store.recordDisabled("s1", DisableReason.FAILING_TOO_LONG, T0.plusSeconds(9));
        assertThat(store.find("s1").disabledReason()).contains(DisableReason.FAILING_TOO_LONG);
        assertThat(store.find("s1").disabledAt()).contains(T0.plusSeconds(9));
    }

    @Test
    void anotherInstanceSeesTheSameCounts() {
        store.recordFailure("s1", T0, true);
        EndpointHealthStore other = sameStoreAgain();
        EndpointHealthState s = other.recordFailure("s1", T0.plusSeconds(1), false);

        assertThat(s.failures()).isEqualTo(2);
        assertThat(s.failingSince()).contains(T0);
        assertThat(s.failedMessages()).isEqualTo(1);
        other.recordDisabled("s1", DisableReason.GONE, T0.plusSeconds(2));
        assertThat(store.find("s1").disabledReason()).contains(DisableReason.GONE);
    }

    @Test
    void concurrentWritersLoseNoCount() throws Exception {
        int writers = 4;
        int each = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            EndpointHealthStore handle = w % 2 == 0 ? store : sameStoreAgain();
            int writer = w;
            done.add(threads.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    handle.recordFailure("s1", T0.plusSeconds(writer * 1000L + i), i % 5 == 0);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }

        EndpointHealthState s = store.find("s1");
        assertThat(s.failures()).isEqualTo((long) writers * each);
        assertThat(s.failedMessages()).isEqualTo((long) writers * (each / 5));
        assertThat(s.failingSince()).isPresent();
        assertThat(s.disabledReason()).isEqualTo(Optional.empty());
    }
}
