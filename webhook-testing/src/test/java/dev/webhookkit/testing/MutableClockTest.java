package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    @Test
    void standsStillUntilMovedThenAdvancesAndIsSet() {
        MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-11-22T12:00:00Z").toEpochMilli());

        clock.advance(Duration.ofMinutes(90));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-22T13:30:00Z"));
        clock.advance(Duration.ofSeconds(-30));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-22T13:29:30Z"));

        clock.set(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void isAlwaysUtcAndOneClockWhateverTheZoneAskedFor() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneId.of("Europe/Paris"))).isSameAs(clock);
    }
}
