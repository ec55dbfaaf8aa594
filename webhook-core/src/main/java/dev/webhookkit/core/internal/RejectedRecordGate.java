package dev.webhookkit.core.internal;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Bounds how many records of refused, unauthenticated requests reach the event log: at most
 * {@code perMinute} in each clock minute, so a flood of forged requests costs a fixed number of
 * log writes (and JDBC rows) however fast it comes. What is left out is reported through a
 * {@link ThrottledLog}, one line a minute with the count. Thread-safe.
 */
final class RejectedRecordGate {
    static final int DEFAULT_PER_MINUTE = 600;

    private final Clock clock;
    private final int perMinute;
    private final ThrottledLog dropped;
    private long minute = Long.MIN_VALUE;
    private int admitted;

    RejectedRecordGate(Clock clock, int perMinute, Logger log) {
        this.clock = clock;
        this.perMinute = perMinute;
        this.dropped = new ThrottledLog(clock, Duration.ofMinutes(1), log::warn);
    }

    boolean admit() {
        synchronized (this) {
            long now = clock.millis() / 60_000;
            if (now != minute) {
                minute = now;
                admitted = 0;
            }
            if (admitted < perMinute) {
                admitted++;
                return true;
            }
        }
        dropped.failed("records of refused unauthenticated requests are not kept beyond " + perMinute + " a minute");
        return false;
    }
}
