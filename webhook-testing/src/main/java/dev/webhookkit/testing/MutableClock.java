package dev.webhookkit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} a test moves by hand, so that nothing sleeps to wait for time to pass: give it to
 * the code under test ({@code WebhookReceiver.builder().clock(clock)}, {@code Deduplicator.inMemory(n, clock)} …),
 * then {@link #advance} it. It stands still between moves. Always in UTC ({@link #withZone} returns
 * this clock). Thread-safe: one test thread may move it while the code under test reads it.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** A clock that reads {@code start} until moved. */
    public MutableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** A clock at an ISO-8601 instant such as {@code "2026-11-22T12:00:00Z"}. */
    public static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant));
    }

    /** Moves the clock by {@code d} (a negative duration moves it back). */
    public void advance(Duration d) {
        Objects.requireNonNull(d, "d");
        synchronized (this) {
            now = now.plus(d);
        }
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
