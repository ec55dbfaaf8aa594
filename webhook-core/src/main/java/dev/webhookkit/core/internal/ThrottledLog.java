package dev.webhookkit.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Logs a recurring failure at most once per interval, with the number of occurrences left
 * unreported, so an outage does not write one line per event. Thread-safe.
 */
public final class ThrottledLog {
    private final Clock clock;
    private final long intervalMillis;
    private final Consumer<String> sink;
    private long nextAt = Long.MIN_VALUE;
    private long unreported;

    public ThrottledLog(Clock clock, Duration interval, Consumer<String> sink) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
        this.sink = sink;
    }

    public void failed(String line) {
        String out;
        synchronized (this) {
            long now = clock.millis();
            if (now < nextAt) {
                unreported++;
                return;
            }
            out = line + (unreported > 0 ? " [" + unreported + " more since the last report]" : "");
            unreported = 0;
            nextAt = now + intervalMillis;
        }
        sink.accept(out);
    }
}
