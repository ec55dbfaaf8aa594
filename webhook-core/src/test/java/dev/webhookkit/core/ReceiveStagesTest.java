package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.ReceiveListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The host's own stages linked into the chain, and the listener that sees every stage. */
class ReceiveStagesTest {
    private final AtomicInteger handled = new AtomicInteger();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private WebhookReceiver.Builder receiver() {
        return WebhookReceiver.builder()
                .endpoint(Endpoint.builder("orders").allowUnsigned().handler(EventHandler.of(e -> handled.incrementAndGet())).build());
    }

    private static WebhookRequest post(String body, String... headers) {
        return WebhookRequest.post(body.getBytes(StandardCharsets.UTF_8), Headers.of(headers));
    }

    @Test
    void aHostStageCanRejectBeforeABuiltInOneAndTheRejectionIsRecorded() {
        WebhookReceiver r = receiver().stageBefore(StageName.VERIFY, chain ->
                chain.request().header("x-tenant").isPresent() ? chain.proceed() : chain.reject(Reason.IP_NOT_ALLOWED)).build();

        ReceiveResult refused = r.receive("orders", post("{}"));
        assertThat(refused.reason()).isEqualTo(Reason.IP_NOT_ALLOWED);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(r.eventLog().find(refused.eventId()).orElseThrow().reason()).isEqualTo(Reason.IP_NOT_ALLOWED);
        assertThat(r.receive("orders", post("{\"n\":1}", "x-tenant", "acme")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled).hasValue(1);
    }

    @Test
    void aHostStageSeesWhatTheStagesBeforeItLearnedAndTheAnswerOfTheRest() {
        WebhookReceiver r = receiver()
                .stageBefore(StageName.ROUTE, chain -> {
                    seen.add("before-route endpoint=" + chain.endpoint().isPresent() + " payload=" + chain.payload().isPresent());
                    return chain.proceed();
                })
                .stageAfter(StageName.PARSE, chain -> {
                    seen.add("after-parse payload=" + chain.payload().orElseThrow().get("n").asInt());
                    ReceiveResult answer = chain.proceed();
                    seen.add("answer=" + answer.reason());
                    return answer;
                })
                .stageAfter(StageName.PARSE, chain -> {
                    seen.add("second after-parse");
                    return chain.proceed();
                })
                .build();

        assertThat(r.receive("orders", post("{\"n\":7}")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(seen).containsExactly("before-route endpoint=false payload=false", "after-parse payload=7",
                "second after-parse", "answer=PROCESSED");
    }

    @Test
    void aHostStageThatThrowsIsAnswered500NamingItAndReleasesTheDeliveryKey() {
        AtomicInteger calls = new AtomicInteger();
        WebhookReceiver r = receiver().stageAfter(StageName.DEDUP, chain -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("tenant lookup failed");
            }
            return chain.proceed();
        }).build();

        ReceiveResult failed = r.receive("orders", post("{\"n\":1}"));
        assertThat(failed.reason()).isEqualTo(Reason.INTERNAL_ERROR);
        assertThat(r.eventLog().find(failed.eventId()).orElseThrow().error())
                .startsWith("stage host stage ").contains("(after DEDUP)").contains("IllegalStateException: tenant lookup failed");
        // The dedup stage released its claim on the way out: the retry is processed, not a duplicate.
        assertThat(r.receive("orders", post("{\"n\":1}")).reason()).isEqualTo(Reason.PROCESSED);
    }

    @Test
    void nothingCanRunAfterHandle() {
        assertThatThrownBy(() -> receiver().stageAfter(StageName.HANDLE, chain -> chain.proceed()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("after HANDLE");
    }

    @Test
    void theListenerSeesEachStageOfARequestInOrderAndItsAnswer() {
        List<String> calls = new CopyOnWriteArrayList<>();
        ReceiveListener listener = new ReceiveListener() {
            @Override
            public void requestStarted(String eventId, String endpointName) {
                calls.add("start " + endpointName);
            }

            @Override
            public void stageStarted(String eventId, StageName stage) {
                calls.add(stage.name());
            }

            @Override
            public void stageEnded(String eventId, StageName stage, Duration took) {
                if (took.isNegative()) {
                    calls.add("negative duration at " + stage);
                }
            }

            @Override
            public void requestEnded(String eventId, String endpointName, Reason reason, Duration took) {
                calls.add("end " + reason);
            }
        };
        WebhookReceiver r = receiver().listener(listener).build();

        r.receive("orders", post("{}"));
        assertThat(calls).containsExactly("start orders", "RECORD", "ROUTE", "GUARD", "VERIFY", "PARSE", "HANDSHAKE", "DEDUP",
                "MAP", "FILTER", "RENDER", "HANDLE", "end PROCESSED");

        calls.clear();
        r.receive("orders", post("not json"));
        assertThat(calls).containsExactly("start orders", "RECORD", "ROUTE", "GUARD", "VERIFY", "PARSE", "end MALFORMED_PAYLOAD");
    }

    @Test
    void recordListenersHearEveryRecordUntilTheyAreRemovedAndOneThatThrowsChangesNothing() {
        List<String> heard = new CopyOnWriteArrayList<>();
        WebhookReceiver r = receiver().recordListener(record -> {
            throw new IllegalStateException("a broken listener must not break recording");
        }).build();
        Registration registration = r.addRecordListener(record -> heard.add(record.reason() + " " + record.bodyAsString()));

        ReceiveResult first = r.receive("orders", post("{\"n\":1}"));
        r.receive("orders", post("not json"));
        registration.close();
        r.receive("orders", post("{\"n\":2}"));

        assertThat(heard).containsExactly("PROCESSED {\"n\":1}", "MALFORMED_PAYLOAD not json");
        assertThat(r.eventLog().find(first.eventId())).isPresent();
        assertThat(r.eventLog().recent(10)).hasSize(3);
    }

    @Test
    void aListenerThatThrowsChangesNothing() {
        WebhookReceiver r = receiver().listener(new ReceiveListener() {
            @Override
            public void stageStarted(String eventId, StageName stage) {
                throw new IllegalStateException("metrics backend down");
            }
        }).build();

        assertThat(r.receive("orders", post("{}")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled).hasValue(1);
    }
}
