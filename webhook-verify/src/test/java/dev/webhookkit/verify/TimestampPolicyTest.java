package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampPolicyTest {
    static final Instant NOW = Instant.parse("2026-03-04T14:00:00.250Z");

    @Test
    void defaultsAreFiveMinutesEitherWay() {
        TimestampPolicy p = TimestampPolicy.defaults();
        assertThat(p.tolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.futureTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.isIgnored()).isFalse();
    }

    @Test
    void boundsAreInclusiveToTheNanosecond() {
        TimestampPolicy p = TimestampPolicy.defaults();
        assertThat(p.accepts(NOW.minus(Duration.ofMinutes(5)), NOW)).isTrue();
        assertThat(p.accepts(NOW.minus(Duration.ofMinutes(5)).minusNanos(1), NOW)).isFalse();
        assertThat(p.accepts(NOW.plus(Duration.ofMinutes(5)), NOW)).isTrue();
        assertThat(p.accepts(NOW.plus(Duration.ofMinutes(5)).plusNanos(1), NOW)).isFalse();
    }

    @Test
    void epochSecondCheckAgreesWithInstantCheck() {
        TimestampPolicy[] policies = {TimestampPolicy.defaults(), TimestampPolicy.of(Duration.ofSeconds(10), Duration.ofMillis(1500)),
            TimestampPolicy.tolerance(Duration.ZERO)};
        for (TimestampPolicy p : policies) {
            for (long offset = -400; offset <= 400; offset++) {
                long signed = NOW.getEpochSecond() + offset;
                assertThat(p.acceptsEpochSecond(signed, NOW)).as(p + " offset " + offset)
                        .isEqualTo(p.accepts(Instant.ofEpochSecond(signed), NOW));
            }
        }
    }

    @Test
    void futureToleranceIsIndependent() {
        TimestampPolicy p = TimestampPolicy.of(Duration.ofHours(1), Duration.ofSeconds(30));
        assertThat(p.accepts(NOW.minus(Duration.ofMinutes(59)), NOW)).isTrue();
        assertThat(p.accepts(NOW.plusSeconds(31), NOW)).isFalse();
    }

    @Test
    void ignoreAcceptsAnything() {
        assertThat(TimestampPolicy.ignore().accepts(Instant.EPOCH, NOW)).isTrue();
        assertThat(TimestampPolicy.ignore().acceptsEpochSecond(Long.MAX_VALUE / 2, NOW)).isTrue();
    }

    @Test
    void hugeOffsetsDoNotOverflow() {
        assertThat(TimestampPolicy.defaults().acceptsEpochSecond(99_999_999_999L, NOW)).isFalse();
        assertThat(TimestampPolicy.defaults().acceptsEpochSecond(0, NOW)).isFalse();
    }

    @Test
    void negativeTolerancesAreRejectedByName() {
        assertThatThrownBy(() -> TimestampPolicy.of(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(ConfigurationException.class).hasMessage("tolerance must be >= 0 but was PT-1S");
        assertThatThrownBy(() -> TimestampPolicy.of(Duration.ZERO, Duration.ofSeconds(-2)))
                .isInstanceOf(ConfigurationException.class).hasMessage("futureTolerance must be >= 0 but was PT-2S");
    }
}
