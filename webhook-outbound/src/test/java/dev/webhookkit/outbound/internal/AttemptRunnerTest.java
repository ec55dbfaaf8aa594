package dev.webhookkit.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.MutableClock;
import dev.webhookkit.core.spi.OutboundSigner;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The built-in steps of an attempt and their order, seen by an extra interceptor that answers before anything is sent. */
class AttemptRunnerTest {
    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final HttpTransport transport = HttpTransport.ownClients(1, Duration.ofSeconds(1), 64);

    private List<String> headersBeforeSend(Subscription sub) throws InterruptedException {
        AtomicReference<List<String>> seen = new AtomicReference<>();
        DeliveryInterceptor capture = chain -> {
            seen.set(chain.request().headers());
            return chain.request().notSent(AttemptOutcome.NOT_SENT, "captured");
        };
        AttemptRunner runner = new AttemptRunner(clock, SsrfGuard.builder().allow("127.0.0.1").build(), transport, List.of(capture));
        AttemptResult r = runner.run(sub, "msg_1", "incident.created", "{}".getBytes(StandardCharsets.UTF_8), 1, 0);
        assertThat(r.attempt().error()).isEqualTo("captured");
        return seen.get();
    }

    @Test
    void ourHeadersThenTheSignatureThenTheSubscriptions() throws Exception {
        Subscription sub = Subscription.builder("ops", "http://127.0.0.1:9/hooks").secret("test-secret-0123456789")
                .header("X-Team", "ops").build();

        List<String> h = headersBeforeSend(sub);

        assertThat(h.subList(0, 10)).containsExactly("Content-Type", "application/json", "User-Agent", Version.USER_AGENT,
                "X-Webhook-Id", "msg_1", "X-Webhook-Event", "incident.created", "X-Webhook-Timestamp", "1767225600");
        assertThat(h.get(10)).isEqualTo("X-Webhook-Signature");
        assertThat(h.subList(h.size() - 2, h.size())).containsExactly("X-Team", "ops");
    }

    @Test
    void aSchemeThatSetsOneOfOurHeadersReplacesIt() throws Exception {
        OutboundSigner ownTimestamp = (input, secrets) -> Headers.of("X-Webhook-Timestamp", input.timestamp().toString(), "X-Sig", "v1");
        Subscription sub = Subscription.builder("own", "http://127.0.0.1:9/hooks").secret("test-secret-0123456789")
                .signer(ownTimestamp).build();

        List<String> h = headersBeforeSend(sub);

        assertThat(h).containsExactly("Content-Type", "application/json", "User-Agent", Version.USER_AGENT,
                "X-Webhook-Id", "msg_1", "X-Webhook-Event", "incident.created",
                "X-Webhook-Timestamp", "2026-01-01T00:00:00Z", "X-Sig", "v1");
    }

    @Test
    void aBlockedUrlEndsTheAttemptBeforeSigning() throws Exception {
        Subscription sub = Subscription.builder("internal", "http://10.1.2.3/hooks").secret("test-secret-0123456789").build();
        AtomicReference<Boolean> reached = new AtomicReference<>(false);
        AttemptRunner runner = new AttemptRunner(clock, SsrfGuard.strict(), transport, List.of(chain -> {
            reached.set(true);
            return chain.proceed(chain.request());
        }));

        AttemptResult r = runner.run(sub, "msg_2", "incident.created", new byte[0], 1, 0);

        assertThat(r.attempt().outcome()).isEqualTo(AttemptOutcome.BLOCKED);
        assertThat(r.attempt().error()).startsWith("blocked by the SSRF guard (PRIVATE)");
        assertThat(reached.get()).isFalse();
    }
}
