package dev.webhookkit.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.MutableClock;
import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.EndpointHealthState;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The dispatcher's judge of endpoint health over a shared store: limits, the throttled success write, outages. */
class EndpointHealthTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger successWrites = new AtomicInteger();
    private final List<String> warnings = new ArrayList<>();
    private volatile boolean down;
    private final EndpointHealthStore shared = EndpointHealthStore.inMemory();
    private final EndpointHealthStore counting = new EndpointHealthStore() {
        @Override
        public EndpointHealthState recordFailure(String id, Instant at, boolean givenUp) {
            check();
            return shared.recordFailure(id, at, givenUp);
        }

        @Override
        public void recordSuccess(String id) {
            check();
            successWrites.incrementAndGet();
            shared.recordSuccess(id);
        }

        @Override
        public void recordDisabled(String id, DisableReason reason, Instant at) {
            check();
            shared.recordDisabled(id, reason, at);
        }

        @Override
        public void clear(String id) {
            shared.clear(id);
        }

        @Override
        public EndpointHealthState find(String id) {
            return shared.find(id);
        }

        private void check() {
            if (down) {
                throw new DependencyUnavailableException("health store down", new java.io.IOException("refused"));
            }
        }
    };

    private EndpointHealth health(Duration period, int failedMessages) {
        StoreWarnings w = new StoreWarnings("test", MutableClock.at("2026-01-01T00:00:00Z"), Duration.ZERO, warnings::add);
        return new EndpointHealth(period, failedMessages, counting, w, nanos::get);
    }

    @Test
    void failuresCountedByAnotherInstanceCountTowardsTheLimit() {
        EndpointHealth mine = health(Duration.ZERO, 3);
        shared.recordFailure("s1", T0, true); // another instance gave up two messages
        shared.recordFailure("s1", T0, true);

        assertThat(mine.failed("s1", T0.plusSeconds(1), true)).contains(DisableReason.TOO_MANY_FAILED_MESSAGES);
    }

    @Test
    void failingSinceTheFirstFailureOfAnyInstanceDisablesAfterThePeriod() {
        EndpointHealth mine = health(Duration.ofHours(1), 0);
        shared.recordFailure("s1", T0, false);

        assertThat(mine.failed("s1", T0.plusSeconds(3599), false)).isEmpty();
        assertThat(mine.failed("s1", T0.plusSeconds(3600), false)).contains(DisableReason.FAILING_TOO_LONG);
    }

    @Test
    void successesWriteAtMostOncePerSecondButAtOnceAfterAFailure() {
        EndpointHealth mine = health(Duration.ofDays(5), 0);
        for (int i = 0; i < 100; i++) {
            mine.succeeded("s1");
        }
        assertThat(successWrites).hasValue(1);

        mine.failed("s1", T0, false);
        mine.succeeded("s1");
        assertThat(successWrites).hasValue(2);
        assertThat(shared.find("s1").failures()).isZero();

        nanos.addAndGet(EndpointHealth.SUCCESS_WRITE_NANOS);
        mine.succeeded("s1");
        assertThat(successWrites).hasValue(3);
    }

    @Test
    void aStoreThatCannotBeReachedIsReportedAndDisablesNothing() {
        EndpointHealth mine = health(Duration.ofSeconds(1), 1);
        down = true;

        assertThat(mine.failed("s1", T0.plus(Duration.ofDays(1)), true)).isEmpty();
        mine.succeeded("s1");
        mine.disabled("s1", DisableReason.GONE, T0);
        assertThat(warnings).isNotEmpty();
        assertThat(warnings.get(0)).contains("subscription s1");
    }
}
