package dev.webhookkit.core.internal;

import java.time.Clock;
import org.slf4j.Logger;

/**
 * Bounds how many records of refused, unauthenticated requests reach the event log: at most
 * {@code perMinute} in each clock minute, so a flood of forged requests costs a fixed number of
 * log writes (and JDBC rows) however fast it comes. What is left out is counted and logged once
 * per minute. Thread-safe.
 */
final class RejectedRecordGate {
    static final int DEFAULT_PER_MINUTE = 600;

    private final Clock clock;
    private final int perMinute;
    private final Logger log;
    private long minute = Long.MIN_VALUE;
    private int admitted;
    private int dropped;

    RejectedRecordGate(Clock clock, int perMinute, Logger log) {
        this.clock = clock;
        this.perMinute = perMinute;
        this.log = log;
    }

    synchronized boolean admit() {
        long now = clock.millis() / 60_000;
        if (now != minute) {
            if (dropped > 0) {
                log.warn("{} records of refused unauthenticated requests were not kept in the last minute (at most {} a minute)",
                        dropped, perMinute);
            }
            minute = now;
            admitted = 0;
            dropped = 0;
        }
        if (admitted < perMinute) {
            admitted++;
            return true;
        }
        dropped++;
        return false;
    }
}
