package dev.webhookkit.outbound.testing;

import dev.webhookkit.outbound.internal.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * A {@link Sleeper} on the test clock: an idle worker sleeps until the test moves the clock past
 * its wake-up time (or it is signalled), never because real time passed. Tests then step time and
 * ask "is every worker idle, having looked at the store at or after T, and when does the first one
 * wake?" instead of sleeping and hoping nothing happened meanwhile.
 */
public final class SteppedSleeper implements Sleeper {
    /** One idle worker: when it last looked at the store, and until when it sleeps. */
    public record Nap(Instant lookedAt, Instant until) {
    }

    private final Clock clock;
    private final Map<Thread, Nap> naps = new ConcurrentHashMap<>();

    public SteppedSleeper(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Condition wake, Instant lookedAt, long nanos) throws InterruptedException {
        Nap nap = new Nap(lookedAt, lookedAt.plusNanos(nanos));
        naps.put(Thread.currentThread(), nap);
        try {
            // Re-reads the test clock every millisecond; a signal (publish, freed slot, close) ends the nap at once.
            while (clock.instant().isBefore(nap.until())) {
                if (wake.await(1, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } finally {
            naps.remove(Thread.currentThread());
        }
    }

    /**
     * Waits until {@code workers} workers are idle, each having looked at the store at or after
     * {@code since} (so each has seen the clock at least there and found nothing to do).
     */
    public void awaitIdle(int workers, Instant since) {
        Poll.until(workers + " workers idle since " + since, () -> List.copyOf(naps.values()),
                all -> all.size() == workers && all.stream().noneMatch(n -> n.lookedAt().isBefore(since)));
    }

    /** The earliest time an idle worker wakes by itself, if any worker is idle. */
    public Optional<Instant> nextWakeUp() {
        return naps.values().stream().map(Nap::until).min(Instant::compareTo);
    }
}
