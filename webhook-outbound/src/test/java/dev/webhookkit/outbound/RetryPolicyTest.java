package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final RetryPolicy exact = RetryPolicy.builder().jitter(0).build();

    private static DeliveryAttempt answered(int attempt, int status) {
        return DeliveryAttempt.answered("m", "s", attempt, "http://x", NOW, Duration.ZERO, status, "");
    }

    private static DeliveryAttempt failed(int attempt, AttemptOutcome outcome) {
        return DeliveryAttempt.failed("m", "s", attempt, "http://x", NOW, Duration.ZERO, outcome, "boom");
    }

    @Test
    void theDefaultScheduleIsStandardWebhooksEightAttempts() {
        RetryPolicy p = RetryPolicy.ofDefaults();
        assertThat(p.maxAttempts()).isEqualTo(8);
        assertThat(p.schedule()).containsExactly(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        assertThat(p.jitter()).isEqualTo(0.2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "200, DELIVERED", "204, DELIVERED", "299, DELIVERED",
        "301, RETRY", "302, RETRY", "307, RETRY",
        "400, RETRY", "401, RETRY", "403, RETRY", "404, RETRY", "422, RETRY",
        "408, RETRY", "425, RETRY", "429, RETRY",
        "410, GONE", "508, DEAD_LETTER",
        "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY", "599, RETRY"})
    void theDefaultStandardWebhooksClassificationRetriesEveryFailedAnswerButGoneAndLoopDetected(int status, Disposition expected) {
        assertThat(exact.classification()).isEqualTo(RetryPolicy.Classification.STANDARD_WEBHOOKS);
        assertThat(exact.decide(answered(1, status), 8, Optional.empty(), NOW).disposition()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "200, DELIVERED", "204, DELIVERED", "299, DELIVERED",
        "301, RETRY", "302, RETRY", "307, RETRY",
        "400, DEAD_LETTER", "401, DEAD_LETTER", "403, DEAD_LETTER", "404, DEAD_LETTER", "422, DEAD_LETTER",
        "408, RETRY", "425, RETRY", "429, RETRY",
        "410, GONE", "508, DEAD_LETTER",
        "500, RETRY", "502, RETRY", "503, RETRY", "504, RETRY", "599, RETRY"})
    void clientErrorsFinalMakes4xxFinalExcept408And425And429(int status, Disposition expected) {
        RetryPolicy p = exact.toBuilder().classification(RetryPolicy.Classification.CLIENT_ERRORS_FINAL).build();
        assertThat(p.decide(answered(1, status), 8, Optional.empty(), NOW).disposition()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RetryPolicy.Classification.class)
    void bothClassificationsRetryTimeoutsAndConnectionErrorsAndNeverBlockedOrGone(RetryPolicy.Classification c) {
        RetryPolicy p = exact.toBuilder().classification(c).build();
        assertThat(p.classification()).isEqualTo(c);
        assertThat(p.decide(failed(1, AttemptOutcome.TIMEOUT), 8, Optional.empty(), NOW).disposition()).isEqualTo(Disposition.RETRY);
        assertThat(p.decide(failed(1, AttemptOutcome.CONNECTION_ERROR), 8, Optional.empty(), NOW).disposition()).isEqualTo(Disposition.RETRY);
        assertThat(p.decide(failed(1, AttemptOutcome.BLOCKED), 8, Optional.empty(), NOW).disposition()).isEqualTo(Disposition.DEAD_LETTER);
        assertThat(p.decide(answered(1, 410), 8, Optional.empty(), NOW).disposition()).isEqualTo(Disposition.GONE);
        assertThat(p.isRetryable(AttemptOutcome.CLIENT_ERROR, 410)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"TIMEOUT, RETRY", "CONNECTION_ERROR, RETRY", "BLOCKED, DEAD_LETTER", "NOT_SENT, DEAD_LETTER"})
    void classifiesFailuresWithoutAnAnswer(AttemptOutcome outcome, Disposition expected) {
        assertThat(exact.decide(failed(1, outcome), 8, Optional.empty(), NOW).disposition()).isEqualTo(expected);
    }

    @Test
    void theLastAttemptDeadLettersEvenARetryableFailure() {
        assertThat(exact.decide(answered(7, 500), 8, Optional.empty(), NOW).disposition()).isEqualTo(Disposition.RETRY);
        assertThat(exact.decide(answered(8, 500), 8, Optional.empty(), NOW).disposition()).isEqualTo(Disposition.DEAD_LETTER);
    }

    @Test
    void nextAttemptFollowsTheScheduleFromTheEndOfTheAttempt() {
        assertThat(exact.decide(answered(1, 500), 8, Optional.empty(), NOW).nextAttemptAt()).contains(NOW.plusSeconds(5));
        assertThat(exact.decide(answered(2, 500), 8, Optional.empty(), NOW).nextAttemptAt()).contains(NOW.plus(Duration.ofMinutes(5)));
        assertThat(exact.decide(answered(7, 500), 8, Optional.empty(), NOW).nextAttemptAt()).contains(NOW.plus(Duration.ofHours(10)));
    }

    @Test
    void moreAttemptsThanDelaysRepeatTheLastDelay() {
        assertThat(exact.decide(answered(12, 500), 20, Optional.empty(), NOW).nextAttemptAt()).contains(NOW.plus(Duration.ofHours(10)));
    }

    @Test
    void jitterStaysWithinPlusMinusTwentyPercentAndVaries() {
        RetryPolicy p = RetryPolicy.builder().random(new Random(42)).build();
        Duration base = Duration.ofMinutes(5);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 2_000; i++) {
            long d = p.delayBefore(3, Optional.empty()).toMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isGreaterThanOrEqualTo((long) (base.toMillis() * 0.8));
        assertThat(max).isLessThanOrEqualTo((long) (base.toMillis() * 1.2));
        assertThat(max - min).as("spread").isGreaterThan(base.toMillis() / 4);
    }

    @Test
    void theImmediateFirstAttemptHasNoJitter() {
        assertThat(RetryPolicy.ofDefaults().delayBefore(1, Optional.empty())).isZero();
    }

    @Test
    void retryAfterLongerThanTheScheduleIsHonoured() {
        assertThat(exact.decide(answered(1, 429), 8, Optional.of(Duration.ofSeconds(90)), NOW).nextAttemptAt())
                .contains(NOW.plusSeconds(90));
    }

    @Test
    void retryAfterShorterThanTheScheduleDoesNotHurryIt() {
        assertThat(exact.decide(answered(2, 503), 8, Optional.of(Duration.ofSeconds(1)), NOW).nextAttemptAt())
                .contains(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void retryAfterIsCappedAtMaxRetryAfter() {
        assertThat(exact.decide(answered(1, 429), 8, Optional.of(Duration.ofDays(3)), NOW).nextAttemptAt())
                .contains(NOW.plus(RetryPolicy.DEFAULT_MAX_RETRY_AFTER));
    }

    @Test
    void aShortCustomScheduleForTheCli() {
        RetryPolicy p = RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2)).jitter(0).build();
        assertThat(p.maxAttempts()).isEqualTo(3);
        assertThat(p.decide(answered(2, 500), p.maxAttempts(), Optional.empty(), NOW).nextAttemptAt()).contains(NOW.plusSeconds(2));
        assertThat(p.decide(answered(3, 500), p.maxAttempts(), Optional.empty(), NOW).disposition()).isEqualTo(Disposition.DEAD_LETTER);
    }

    @Test
    void invalidSettingsAreNamedWithTheirValue() {
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("jitter must be in [0, 1) but was 1.5");
        assertThatThrownBy(() -> RetryPolicy.builder().schedule(Duration.ofSeconds(-1)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("schedule delays must be >= 0");
        assertThatThrownBy(() -> RetryPolicy.builder().schedule().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("schedule must have at least one delay");
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
                .isInstanceOf(ConfigurationException.class).hasMessage("maxAttempts must be > 0 but was 0");
    }
}
