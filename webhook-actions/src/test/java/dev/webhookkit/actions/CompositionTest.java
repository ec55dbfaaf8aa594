package dev.webhookkit.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Route → notify + forward, and run, on a receiver: each action's outcome is in the event log, sync and async. */
class CompositionTest {

    @Test
    void routeToASequenceOfNotifyAndForwardRecordsEveryOutcomeInTheEventLog() throws Exception {
        List<String> notified = new CopyOnWriteArrayList<>();
        try (CapturingServer target = new CapturingServer();
             WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(SubscriptionRegistry.inMemory())
                     .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build()).pollInterval(Duration.ofMillis(10)).workers(1).build()) {
            ForwardAction forward = Actions.forward(dispatcher).name("to-db").to(target.url("/db")).secret("forward-secret-000000").build();
            EventHandler notify = Actions.named("notify", e -> {
                notified.add(e.payload().path("message").asText());
                return HandlerResponse.empty();
            });
            TaskRegistry tasks = TaskRegistry.builder().task("reply", e -> HandlerResponse.json("{\"success\":true}")).build();
            EventHandler handler = Actions.route("agents")
                    .handler("escalate", Actions.sequence("escalate", notify, forward))
                    .handler("reply", Actions.run(tasks, "reply"))
                    .when("db-agent", Match.agent("db-*"), "escalate")
                    .otherwise("reply")
                    .build();
            try (WebhookReceiver receiver = WebhookReceiver.builder()
                    .endpoint(Endpoint.builder("moxxy").allowUnsigned().dedupWindow(Duration.ZERO).handler(handler).build())
                    .endpoint(Endpoint.builder("moxxy-async").allowUnsigned().dedupWindow(Duration.ZERO).mode(HandlerMode.ASYNC)
                            .handler(handler).build())
                    .build()) {

                ReceiveResult db = receiver.receive("moxxy", request("{\"agent\":\"db-primary\",\"message\":\"disk full\",\"context\":{}}"));
                ReceiveResult other = receiver.receive("moxxy", request("{\"agent\":\"web\",\"message\":\"hello\"}"));

                assertThat(db.reason()).isEqualTo(Reason.PROCESSED);
                assertThat(notified).containsExactly("disk full");
                Poll.until("the forward to arrive", () -> target.received().size() == 1);
                EventRecord dbRecord = receiver.eventLog().find(db.eventId()).orElseThrow();
                assertThat(dbRecord.actions()).extracting(ActionOutcome::name).containsExactly("agents", "notify", "to-db");
                assertThat(dbRecord.actions()).extracting(ActionOutcome::status).containsOnly(ActionOutcome.Status.OK);
                assertThat(dbRecord.actions().get(0).detail()).isEqualTo("route db-agent → escalate");
                assertThat(dbRecord.actions().get(2).detail()).startsWith("queued msg_");
                assertThat(dbRecord.actions()).allSatisfy(o -> assertThat(o.duration().isNegative()).isFalse());

                assertThat(other.response().bodyAsString()).isEqualTo("{\"success\":true}");
                assertThat(receiver.eventLog().find(other.eventId()).orElseThrow().actions()).extracting(ActionOutcome::name)
                        .containsExactly("agents", "run:reply");

                ReceiveResult async = receiver.receive("moxxy-async", request("{\"agent\":\"db-2\",\"message\":\"later\"}"));
                assertThat(async.reason()).isEqualTo(Reason.ACCEPTED);
                EventRecord outcome = Poll.until("the async outcome", () -> receiver.eventLog().find(async.eventId()).orElseThrow(),
                        r -> r.reason() == Reason.PROCESSED);
                assertThat(outcome.actions()).extracting(ActionOutcome::name).containsExactly("agents", "notify", "to-db");
            }
        }
    }

    private static WebhookRequest request(String json) {
        return WebhookRequest.builder().body(json.getBytes(StandardCharsets.UTF_8)).header("Content-Type", "application/json").build();
    }
}
