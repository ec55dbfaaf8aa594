package dev.webhookkit.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import dev.webhookkit.verify.Schemes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hop header as a hostile sender would use it: it can shorten a request's journey, never lengthen it. */
class HopGuardTest {
    private static final String SECRET = "hop-guard-secret-0123456";
    private static final byte[] BODY = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);

    private static WebhookRequest signed(String... hopValues) {
        Headers.Builder h = Schemes.hmacSha256().sign(SigningInput.of("id", Instant.now(), BODY, "http://x/webhooks/in"),
                SecretSet.ofValues(SECRET)).toBuilder();
        for (String v : hopValues) {
            h.add(ForwardHops.HEADER, v);
        }
        return WebhookRequest.builder().body(BODY).headers(h.build()).build();
    }

    private static WebhookReceiver guarded(int limit) {
        return WebhookReceiver.builder().endpoint(Endpoint.builder("in").verifier(Schemes.hmacSha256()).secret(SECRET).build())
                .stageAfter(StageName.VERIFY, ForwardHops.guard(limit)).build();
    }

    @ParameterizedTest(name = "hops {0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "0 | PROCESSED", "4 | PROCESSED", "5 | LOOP_DETECTED", "6 | LOOP_DETECTED", "'0, 9' | LOOP_DETECTED", "-1 | LOOP_DETECTED",
        "abc | LOOP_DETECTED", "99999999999 | LOOP_DETECTED", "'' | LOOP_DETECTED", "' 3 ' | PROCESSED", "+3 | LOOP_DETECTED",
        "0x4 | LOOP_DETECTED", "101 | LOOP_DETECTED"})
    void theGuardRefusesAnythingButACountBelowTheLimit(String hops, Reason expected) {
        try (WebhookReceiver r = guarded(5)) {
            assertThat(r.receive("in", signed(hops)).reason()).isEqualTo(expected);
        }
    }

    @Test
    void aLowValueNextToAHighOneDoesNotReset() {
        try (WebhookReceiver r = guarded(5)) {
            assertThat(r.receive("in", signed("0", "7")).reason()).isEqualTo(Reason.LOOP_DETECTED);
            assertThat(r.receive("in", signed("7", "0")).status()).isEqualTo(508);
            assertThat(r.receive("in", signed()).reason()).isEqualTo(Reason.PROCESSED);
        }
    }

    @Test
    void anUnsignedRequestIsToldItIsUnsignedNotThatItLoops() {
        try (WebhookReceiver r = guarded(5)) {
            WebhookRequest forged = WebhookRequest.builder().body(BODY).header(ForwardHops.HEADER, "9").build();
            assertThat(r.receive("in", forged).reason()).isEqualTo(Reason.MISSING_SIGNATURE);
        }
    }

    @ParameterizedTest
    @CsvSource({"'', 0", "3, 3", "'2,4', 4", "x, -1", "-2, -1"})
    void countReadsTheLargestValueAndRefusesGarbage(String value, int expected) {
        Headers h = value.isEmpty() ? Headers.empty() : Headers.of(ForwardHops.HEADER, value);
        OptionalInt n = ForwardHops.count(h);
        assertThat(n.isPresent() ? n.getAsInt() : -1).isEqualTo(expected);
    }

    @Test
    void aForwardCountsUpFromWhatArrivedWhateverTheSenderSet() throws Exception {
        try (CapturingServer target = new CapturingServer();
             WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(SubscriptionRegistry.inMemory())
                     .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build()).pollInterval(Duration.ofMillis(10)).workers(1).build()) {
            ForwardAction forward = Actions.forward(dispatcher).to(target.url("/next")).secret(SECRET).build();
            // Dedup off: the three requests carry the same body, which would be one delivery otherwise.
            try (WebhookReceiver r = WebhookReceiver.builder().endpoint(Endpoint.builder("in").verifier(Schemes.hmacSha256()).secret(SECRET)
                    .dedupWindow(Duration.ZERO).handler(forward).build()).build()) {

                r.receive("in", signed("1", "3"));
                r.receive("in", signed("4"));
                r.receive("in", signed("bogus"));

                Poll.until("the one forward to arrive", () -> target.received().size() == 1);
                assertThat(target.received().get(0).headers().all(ForwardHops.HEADER)).containsExactly("4");
                assertThat(r.eventLog().recent(3)).extracting(e -> e.actions().get(0).detail())
                        .anySatisfy(d -> assertThat(d).isEqualTo("not forwarded: it has passed 4 hops and the limit is 5"))
                        .anySatisfy(d -> assertThat(d).isEqualTo("not forwarded: its " + ForwardHops.HEADER + " header is not a hop count"));
            }
        }
    }
}
