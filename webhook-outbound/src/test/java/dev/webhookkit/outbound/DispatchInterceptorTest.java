package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.internal.AttemptResult;
import dev.webhookkit.outbound.internal.DeliveryRequest;
import dev.webhookkit.outbound.testing.Poll;
import dev.webhookkit.outbound.testing.Receiver;
import dev.webhookkit.outbound.testing.Receiver.Answer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Extra delivery interceptors run after the built-in steps, see the finished request and its real result, and may answer themselves. */
class DispatchInterceptorTest extends DispatcherTestSupport {

    @Test
    void anInterceptorAddsAHeaderTheReceiverSeesAndSeesTheAnswer() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(202));
        subscribe("ops", receiver.url());
        List<DeliveryRequest> seen = new CopyOnWriteArrayList<>();
        List<AttemptResult> results = new CopyOnWriteArrayList<>();
        start(b -> b.interceptor(chain -> {
            seen.add(chain.request());
            AttemptResult r = chain.proceed(chain.request().withHeader("X-Trace-Id", "trace-1"));
            results.add(r);
            return r;
        }));

        String id = dispatcher.publish("incident.created", Map.of("n", 1)).get(0);
        awaitStatus(id, DeliveryStatus.DELIVERED);

        assertThat(receiver.received()).singleElement().satisfies(r -> {
            assertThat(r.headers().first("X-Trace-Id")).contains("trace-1");
            assertThat(r.headers().first("X-Webhook-Id")).contains(id);
        });
        assertAllVerify("hmac-sha256", receiver.received());
        // The built-in steps ran first: the interceptor got the signed request, and the send's real result.
        assertThat(seen).singleElement().satisfies(r -> assertThat(r.headers()).contains("X-Webhook-Id", "X-Webhook-Signature"));
        assertThat(results).singleElement().satisfies(r -> assertThat(r.attempt().statusCode()).isEqualTo(202));
    }

    @Test
    void anInterceptorThatAnswersItselfSendsNothingAndItsAttemptIsRecorded() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("ops", receiver.url());
        List<DeliveryAttempt> told = new CopyOnWriteArrayList<>();
        start(b -> b.interceptor(chain -> chain.request().notSent(AttemptOutcome.NOT_SENT, "refused by the test interceptor"))
                .listener(new DispatchListener() {
                    @Override
                    public void onAttempt(DeliveryAttempt attempt) {
                        told.add(attempt);
                    }
                }));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        DeliveryAttempt attempt = dispatcher.log().attempts(id).get(0);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.NOT_SENT);
        assertThat(attempt.error()).isEqualTo("refused by the test interceptor");
        assertThat(attempt.attemptNumber()).isEqualTo(1);
        // NOT_SENT is final under the retry policy, as for a signing error.
        awaitStatus(id, DeliveryStatus.DEAD_LETTERED);
        Poll.until("listener told", () -> !told.isEmpty());
        assertThat(receiver.count()).isZero();
    }

    @Test
    void aUrlTheSsrfGuardRefusesNeverReachesTheInterceptors() {
        subscribe("internal", "http://10.1.2.3/hooks");
        List<DeliveryRequest> seen = new CopyOnWriteArrayList<>();
        start(b -> b.interceptor(chain -> {
            seen.add(chain.request());
            return chain.proceed(chain.request());
        }));

        String id = dispatcher.publish("incident.created", Map.of()).get(0);
        awaitAttempts(id, 1);

        assertThat(dispatcher.log().attempts(id).get(0).outcome()).isEqualTo(AttemptOutcome.BLOCKED);
        assertThat(seen).isEmpty();
    }
}
