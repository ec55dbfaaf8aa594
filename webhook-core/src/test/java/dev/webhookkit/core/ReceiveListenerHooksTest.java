package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.ReceiveListener;
import dev.webhookkit.core.spi.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The listener hooks metrics rely on: which endpoint a request was routed to, untimed stages, and what is verified. */
class ReceiveListenerHooksTest {
    private static final SignatureVerifier HEADER_TOKEN = new SignatureVerifier() {
        @Override
        public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
            return request.header("x-token").isPresent() ? VerificationResult.valid("default") : VerificationResult.invalid(Reason.MISSING_SIGNATURE);
        }

        @Override
        public String schemeId() {
            return "token-header";
        }
    };

    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Records every hook; observes stages unless told otherwise. */
    private ReceiveListener recording(boolean observesStages) {
        return new ReceiveListener() {
            @Override
            public boolean observesStages() {
                return observesStages;
            }

            @Override
            public void requestStarted(String eventId, String endpointName) {
                calls.add("start " + endpointName);
            }

            @Override
            public void routed(String eventId, String endpointName) {
                calls.add("routed " + endpointName);
            }

            @Override
            public void stageStarted(String eventId, StageName stage) {
                calls.add(stage.name());
            }

            @Override
            public void stageEnded(String eventId, StageName stage, Duration took) {
                calls.add("/" + stage.name());
            }

            @Override
            public void verified(String eventId, String schemeId, boolean valid, Duration took) {
                calls.add("verified " + schemeId + " " + valid + (took.isNegative() ? " negative" : ""));
            }

            @Override
            public void requestEnded(String eventId, String endpointName, Reason reason, Duration took) {
                calls.add("end " + reason);
            }
        };
    }

    private WebhookReceiver receiver(ReceiveListener listener) {
        EventHandler ok = EventHandler.of(e -> { });
        return WebhookReceiver.builder().listener(listener)
                .endpoint(Endpoint.builder("orders").allowUnsigned().handler(ok).build())
                .endpoint(Endpoint.builder("signed").verifier(HEADER_TOKEN).secret("s3cret-value").handler(ok).build())
                .endpoint(Endpoint.builder("paused").allowUnsigned().enabled(false).handler(ok).build())
                .build();
    }

    private static WebhookRequest post(String... headers) {
        return WebhookRequest.post("{}".getBytes(StandardCharsets.UTF_8), Headers.of(headers));
    }

    @Test
    void aListenerThatDoesNotObserveStagesHearsOnlyTheRequestTheRouteAndTheVerification() {
        WebhookReceiver r = receiver(recording(false));

        assertThat(r.receive("signed", post("x-token", "t")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(calls).containsExactly("start signed", "routed signed", "verified token-header true", "end PROCESSED");
    }

    @Test
    void routedIsToldOnlyForAnEnabledEndpointThatTakesTheRequest() {
        WebhookReceiver r = receiver(recording(false));

        r.receive("nosuch", post());
        r.receive("paused", post());
        r.receive("orders", WebhookRequest.builder().method("PUT").body(new byte[0]).build());
        assertThat(calls).containsExactly("start nosuch", "end UNKNOWN_ENDPOINT", "start paused", "end ENDPOINT_DISABLED",
                "start orders", "end METHOD_NOT_ALLOWED");
    }

    @Test
    void anEndpointWithoutAVerifierIsNotReportedAsVerifiedAndAFailedCheckIs() {
        WebhookReceiver r = receiver(recording(false));

        r.receive("orders", post());
        r.receive("signed", post());
        assertThat(calls).containsExactly("start orders", "routed orders", "end PROCESSED",
                "start signed", "routed signed", "verified token-header false", "end MISSING_SIGNATURE");
    }

    @Test
    void stagesAreStillTimedForAListenerThatObservesThem() {
        WebhookReceiver r = receiver(recording(true));

        r.receive("orders", WebhookRequest.builder().method("PUT").body(new byte[0]).build());
        assertThat(calls).containsExactly("start orders", "RECORD", "ROUTE", "/ROUTE", "end METHOD_NOT_ALLOWED", "/RECORD");
    }
}
