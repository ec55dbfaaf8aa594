package dev.webhookkit.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.StallingReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The attempt timeout bounds the whole exchange against real servers that never finish answering. */
class HttpTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SLACK = Duration.ofSeconds(1);

    @ParameterizedTest
    @EnumSource(StallingReceiver.Mode.class)
    void anAnswerThatNeverCompletesEndsAsATimeoutWithinTheAttemptTimeout(StallingReceiver.Mode mode) throws Exception {
        HttpTransport transport = HttpTransport.ownClients(1, Duration.ofSeconds(5), 64);
        try (StallingReceiver receiver = StallingReceiver.start(mode)) {
            // On another thread, so that a transport that never returns fails the test instead of hanging it.
            CompletableFuture<TransportResult> sent = CompletableFuture.supplyAsync(() -> post(transport, receiver.url()));

            TransportResult r = sent.get(TIMEOUT.plus(SLACK).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);

            assertThat(r.answered()).isFalse();
            assertThat(r.failure()).isEqualTo(AttemptOutcome.TIMEOUT);
            assertThat(Duration.ofNanos(r.latencyNanos())).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plus(SLACK));
            assertThat(r.error()).contains("within PT1S");
            if (mode == StallingReceiver.Mode.TRICKLE) {
                assertThat(r.error()).contains("answer 200").contains("body was still arriving");
            }
            Poll.until("the timed-out connection to be closed by the client", Duration.ofSeconds(5), () -> receiver.abandoned() == 1);
        }
    }

    @Test
    void aTimedOutAttemptLeavesTheWorkerUninterruptedForItsNextAttempt() throws Exception {
        HttpTransport transport = HttpTransport.ownClients(1, Duration.ofSeconds(5), 64);
        com.sun.net.httpserver.HttpServer healthy = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0), 10);
        healthy.createContext("/ok", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        healthy.start();
        try (StallingReceiver stalling = StallingReceiver.start(StallingReceiver.Mode.TRICKLE)) {
            CompletableFuture<List<Object>> run = CompletableFuture.supplyAsync(() -> {
                TransportResult first = post(transport, stalling.url());
                boolean interruptedAfterTimeout = Thread.currentThread().isInterrupted();
                TransportResult second = post(transport, "http://127.0.0.1:" + healthy.getAddress().getPort() + "/ok");
                return List.of(first, interruptedAfterTimeout, second);
            });
            List<Object> results = run.get(20, TimeUnit.SECONDS);

            assertThat(((TransportResult) results.get(0)).failure()).isEqualTo(AttemptOutcome.TIMEOUT);
            assertThat(results.get(1)).as("interrupt flag left behind by the deadline").isEqualTo(false);
            assertThat(((TransportResult) results.get(2)).statusCode()).isEqualTo(204);
        } finally {
            healthy.stop(0);
        }
    }

    private static TransportResult post(HttpTransport transport, String url) {
        try {
            return transport.post(0, URI.create(url), "{}".getBytes(), List.of("Content-Type", "application/json"), TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
