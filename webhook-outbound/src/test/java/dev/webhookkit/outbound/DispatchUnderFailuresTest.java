package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.testing.Receiver.Answer;
import dev.webhookkit.outbound.testing.Receiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many messages against a receiver that fails in every way at once (5xx, 429 with Retry-After,
 * final 4xx, hangs, slow answers), each message's fate fixed in advance by a seeded function of
 * its id and arrival number: every message must end exactly as the policy says, and every
 * request must carry a signature webhook-verify accepts.
 */
class DispatchUnderFailuresTest extends DispatcherTestSupport {
    private static final int MAX_ATTEMPTS = 4;

    private enum Mode { OK, SLOW_OK, SERVER_ERROR, RATE_LIMITED, BAD_REQUEST, HANG }

    private static Mode mode(long seed, String messageId, int arrival) {
        int roll = new Random(seed * 1_000_003L + messageId.hashCode() * 31L + arrival).nextInt(100);
        if (roll < 30) {
            return Mode.OK;
        }
        if (roll < 38) {
            return Mode.SLOW_OK;
        }
        if (roll < 73) {
            return Mode.SERVER_ERROR;
        }
        if (roll < 88) {
            return Mode.RATE_LIMITED;
        }
        if (roll < 95) {
            return Mode.BAD_REQUEST;
        }
        return Mode.HANG;
    }

    /** What the policy says becomes of a message: its final status and how many attempts it takes. */
    private record Expected(DeliveryStatus status, int attempts) {
    }

    private static Expected expected(long seed, String messageId) {
        for (int n = 0; n < MAX_ATTEMPTS; n++) {
            switch (mode(seed, messageId, n)) {
                case OK, SLOW_OK -> {
                    return new Expected(DeliveryStatus.DELIVERED, n + 1);
                }
                case BAD_REQUEST -> {
                    return new Expected(DeliveryStatus.DEAD_LETTERED, n + 1);
                }
                default -> {
                    // retried
                }
            }
        }
        return new Expected(DeliveryStatus.DEAD_LETTERED, MAX_ATTEMPTS);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 20261122L})
    void everyMessageEndsAsThePolicySaysAndEveryRequestVerifies(long seed) throws Exception {
        Map<String, Integer> arrivals = new ConcurrentHashMap<>();
        Receiver receiver = receiver((n, r) -> {
            String id = r.headers().first("X-Webhook-Id").orElseThrow();
            int arrival = arrivals.merge(id, 1, Integer::sum) - 1;
            return switch (mode(seed, id, arrival)) {
                case OK -> Answer.status(200);
                case SLOW_OK -> Answer.status(201).after(Duration.ofMillis(60));
                case SERVER_ERROR -> Answer.status(500 + arrival % 4);
                case RATE_LIMITED -> Answer.status(429).header("Retry-After", "30");
                case BAD_REQUEST -> Answer.status(422);
                case HANG -> Answer.hang();
            };
        });
        // 1 s: far above the 60 ms slow answers even on a loaded machine, so only HANG times out.
        subscribe(Subscription.builder("a", receiver.url("/a")).secret(SECRET).timeout(Duration.ofSeconds(1)));
        subscribe(Subscription.builder("b", receiver.url("/b")).secret(SECRET).timeout(Duration.ofSeconds(1)).eventTypes("incident.*"));
        start(b -> b.workers(6).retryPolicy(RetryPolicy.builder()
                .schedule(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30))
                .jitter(0.2).random(new Random(seed)).classification(RetryPolicy.Classification.CLIENT_ERRORS_FINAL).build()));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.addAll(dispatcher.publish(i % 2 == 0 ? "incident.created" : "deploy.finished", Map.of("n", i)));
        }
        assertThat(ids).hasSize(60);
        driveUntilFinished(ids);

        for (String id : ids) {
            Expected want = expected(seed, id);
            List<DeliveryAttempt> attempts = dispatcher.log().attempts(id);
            assertThat(message(id).status()).as("status of %s after %s", id, attempts).isEqualTo(want.status());
            assertThat(attempts).as("attempts of %s", id).hasSize(want.attempts());
            assertThat(arrivals.get(id)).as("requests the receiver got for %s", id).isEqualTo(want.attempts());
        }
        assertThat(store.count(DeliveryStatus.PENDING)).isZero();
        assertAllVerify("hmac-sha256", receiver.received());
    }
}
