package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.spi.AttemptLog;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AttemptLog} must show, observed through the log alone. An
 * implementation's test extends this class and returns a fresh, empty log from {@link #createLog}.
 */
public abstract class AttemptLogContractTest extends OutboxContractSupport {

    protected AttemptLog log;

    /** A new, empty attempt log. */
    protected abstract AttemptLog createLog(Clock clock);

    @BeforeEach
    void setUpLog() {
        log = createLog(clock);
    }

    @Test
    void unknownMessageHasNoAttempts() {
        assertThat(log.attempts("nope")).isEmpty();
        assertThat(log.attemptsForSubscription("nobody", 10)).isEmpty();
    }

    @Test
    void recordAttemptKeepsTestSendsThatAreNotStoredMessages() {
        DeliveryAttempt test = DeliveryAttempt.failed("test-1", "s1", 1, "http://127.0.0.1:1/hook", now(), Duration.ofMillis(3),
                AttemptOutcome.CONNECTION_ERROR, "Connection refused");

        log.recordAttempt(test);

        assertThat(log.attempts("test-1")).containsExactly(test);
        assertThat(log.attemptsForSubscription("s1", 10)).containsExactly(test);
    }

    @Test
    void attemptsOfAMessageAreOldestFirst() {
        DeliveryAttempt first = attempt("m1", "s1", 1, 503);
        clock.advance(Duration.ofSeconds(1));
        DeliveryAttempt second = attempt("m1", "s1", 2, 200);
        log.recordAttempt(first);
        log.recordAttempt(attempt("m2", "s1", 1, 200));
        log.recordAttempt(second);

        assertThat(log.attempts("m1")).containsExactly(first, second);
    }

    @Test
    void anAttemptToAnUnsignedSubscriptionStaysMarkedUnsigned() {
        DeliveryAttempt unsigned = attempt("u", "agnox", 1, 200).withUnsigned(true);
        DeliveryAttempt signed = attempt("s", "ops", 1, 200);

        log.recordAttempt(unsigned);
        log.recordAttempt(signed);

        assertThat(log.attempts("u")).singleElement().satisfies(a -> assertThat(a.unsigned()).isTrue());
        assertThat(log.attempts("s")).singleElement().satisfies(a -> assertThat(a.unsigned()).isFalse());
        assertThat(log.attemptsForSubscription("agnox", 10)).containsExactly(unsigned);
    }

    @Test
    void attemptKeepsEveryField() {
        DeliveryAttempt failed = DeliveryAttempt.failed("a", "s1", 1, "http://127.0.0.1:9/x", now(), Duration.ofMillis(10_000),
                AttemptOutcome.TIMEOUT, "request timed out after PT10S");
        DeliveryAttempt answered = attempt("a", "s1", 2, 502);

        log.recordAttempt(failed);
        log.recordAttempt(answered);

        assertThat(log.attempts("a")).containsExactly(failed, answered);
        DeliveryAttempt stored = log.attempts("a").get(0);
        assertThat(stored.status()).isEmpty();
        assertThat(stored.errorMessage()).contains("request timed out after PT10S");
        assertThat(log.attempts("a").get(1).responseSnippet()).isEqualTo("nope");
    }

    @Test
    void attemptsForSubscriptionAreNewestFirstAndLimited() {
        log.recordAttempt(attempt("a", "s1", 1, 500));
        clock.advance(Duration.ofSeconds(1));
        log.recordAttempt(attempt("b", "s2", 1, 500));
        clock.advance(Duration.ofSeconds(1));
        log.recordAttempt(attempt("a", "s1", 2, 200));

        assertThat(log.attemptsForSubscription("s1", 10)).extracting(DeliveryAttempt::statusCode).containsExactly(200, 500);
        assertThat(log.attemptsForSubscription("s1", 1)).extracting(DeliveryAttempt::statusCode).containsExactly(200);
        assertThat(log.attemptsForSubscription("s2", 10)).extracting(DeliveryAttempt::messageId).containsExactly("b");
    }
}
