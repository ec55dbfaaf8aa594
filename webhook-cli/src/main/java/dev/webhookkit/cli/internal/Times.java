package dev.webhookkit.cli.internal;

import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;

/** Unix-seconds options ({@code --now}, {@code --timestamp}). */
final class Times {
    /** Year 9999: beyond it no sender's timestamp makes sense, and Instant arithmetic could overflow. */
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    private Times() {
    }

    static Instant epochSeconds(CommandSpec spec, String option, long seconds) {
        if (seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
            throw Usage.error(spec, option + " must be Unix seconds between 0 and " + MAX_EPOCH_SECONDS + " but was " + seconds);
        }
        return Instant.ofEpochSecond(seconds);
    }
}
