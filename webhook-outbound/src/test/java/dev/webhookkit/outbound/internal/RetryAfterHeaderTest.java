package dev.webhookkit.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterHeaderTest {
    private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfterHeader.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfterHeader.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfterHeader.parse("Wed, 21 Oct 2026 07:30:00 GMT", NOW)).contains(Duration.ofMinutes(2));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfterHeader.parse("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfterHeader.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfterHeader.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfterHeader.parse("", NOW)).isEmpty();
        assertThat(RetryAfterHeader.parse(null, NOW)).isEmpty();
    }

    @Test
    void anAbsurdlyLargeNumberIsStillADuration() {
        assertThat(RetryAfterHeader.parse("99999999999999999999999", NOW)).hasValueSatisfying(d -> assertThat(d).isPositive());
    }
}
