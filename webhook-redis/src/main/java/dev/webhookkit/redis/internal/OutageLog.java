package dev.webhookkit.redis.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reports a Redis outage without flooding the log: the first failure is logged at once, later ones
 * at most once per interval with a count of those left unreported, and the recovery once.
 * Thread-safe; the success path costs one volatile read.
 */
public final class OutageLog {
    private final String component;
    private final Clock clock;
    private final long intervalMillis;
    private final Consumer<String> warn;
    private final Consumer<String> info;

    private volatile boolean down;
    private long nextReportAt;
    private long unreported;
    private long failures;

    public OutageLog(String component, Clock clock, Duration interval, Consumer<String> warn, Consumer<String> info) {
        this.component = Objects.requireNonNull(component, "component");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intervalMillis = interval.toMillis();
        this.warn = Objects.requireNonNull(warn, "warn");
        this.info = Objects.requireNonNull(info, "info");
    }

    /** A call to Redis failed with {@code e}; {@code consequence} says what the caller does instead. */
    public synchronized void failed(Throwable e, String consequence) {
        long now = clock.millis();
        failures++;
        if (!down || now >= nextReportAt) {
            warn.accept(component + ": Redis unavailable (" + Redaction.describe(e) + "); " + consequence
                    + (unreported > 0 ? " [" + unreported + " more failed calls since the last report]" : ""));
            unreported = 0;
            nextReportAt = now + intervalMillis;
        } else {
            unreported++;
        }
        down = true;
    }

    /** A call skipped Redis because it failed moments ago; counted, never logged on its own. */
    public synchronized void skipped() {
        failures++;
        unreported++;
    }

    /** A call to Redis succeeded. */
    public void succeeded() {
        if (!down) {
            return;
        }
        synchronized (this) {
            if (down) {
                info.accept(component + ": Redis reachable again after " + failures + " failed calls");
                down = false;
                failures = 0;
                unreported = 0;
            }
        }
    }

    public boolean isDown() {
        return down;
    }
}
