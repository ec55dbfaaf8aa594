package dev.webhookkit.examples;

import static dev.webhookkit.examples.SenderExample.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.actions.Actions;
import dev.webhookkit.actions.ForwardAction;
import dev.webhookkit.actions.notify.NotifyFormat;
import dev.webhookkit.actions.notify.NotifyTargets;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.examples.ReceiverExample.Secrets;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.Schemes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo in one process: a {@link ReceiverExample} subscribed to a dispatcher
 * ({@link SenderExample#dispatcher}), three events published through the dispatcher, five webhooks
 * sent directly as other tools send them, and what each came to according to the receiver's event log.
 * Each event the generic endpoint handles is then forwarded, re-signed, to a second local receiver and
 * notified in Slack's incoming-webhook format to a fake Slack ({@link ActionTargets}).
 */
public final class DemoScenario {
    /** How long to wait for anything asynchronous before giving up. */
    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The key the forward re-signs with and the second receiver verifies with. */
    static final String FORWARD_SECRET = "demo-forward-secret-0123456789";
    /** The generic endpoint's handled events (rows 1, 2 and 4) are each forwarded and notified once. */
    static final int HANDLED_GENERIC_EVENTS = 3;

    private final ReceiverExample receiver;
    private final WebhookDispatcher dispatcher;
    private final ActionTargets targets;
    private final WebhookDispatcher actionDispatcher;
    private final Secrets secrets;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Outcome> outcomes = new ArrayList<>();

    private DemoScenario(ReceiverExample receiver, WebhookDispatcher dispatcher, ActionTargets targets,
            WebhookDispatcher actionDispatcher, Secrets secrets) {
        this.receiver = receiver;
        this.dispatcher = dispatcher;
        this.targets = targets;
        this.actionDispatcher = actionDispatcher;
        this.secrets = secrets;
    }

    /**
     * Runs the scenario and stops everything it started.
     *
     * @throws IllegalStateException when something did not arrive within {@link #DEADLINE}
     */
    public static DemoReport run() throws Exception {
        Secrets secrets = Secrets.demo();
        // Closed in reverse order: the receiver stops handling before the actions' dispatcher and targets stop.
        try (ActionTargets targets = ActionTargets.start(FORWARD_SECRET);
                WebhookDispatcher actionDispatcher = actionDispatcher();
                ReceiverExample receiver = ReceiverExample.start(0, secrets, forwardAndNotify(actionDispatcher, targets));
                WebhookDispatcher dispatcher = SenderExample.dispatcher(receiver.endpointUri("generic"), secrets.generic())) {
            return new DemoScenario(receiver, dispatcher, targets, actionDispatcher, secrets).play();
        }
    }

    /** Delivers the actions' messages: forwards and notifications go through an outbox like any webhook. */
    private static WebhookDispatcher actionDispatcher() {
        return WebhookDispatcher.builder()
                // The SSRF guard refuses loopback by default; the demo's targets are on 127.0.0.1, so
                // it is allowed explicitly here. A deployed gateway keeps the strict default.
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build())
                .retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2)).build())
                .pollInterval(Duration.ofMillis(20))
                .workers(2)
                .build();
    }

    /** The generic endpoint's handler: forward (re-signed) to the second receiver, then notify the fake Slack. */
    private static EventHandler forwardAndNotify(WebhookDispatcher actionDispatcher, ActionTargets targets) {
        ForwardAction forward = Actions.forward(actionDispatcher).name("to-second-receiver")
                .to(targets.forwardUri().toString())
                .scheme("hmac-sha256").secret(FORWARD_SECRET)
                .build();
        actionDispatcher.subscriptions().create(NotifyTargets.subscription("demo-slack", targets.slackUri().toString()).build());
        EventHandler notify = Actions.notify(actionDispatcher, "demo-slack", NotifyFormat.slack()).build();
        return Actions.sequence("forward-and-notify", forward, notify);
    }

    private DemoReport play() throws Exception {
        List<String> messageIds = publishThroughDispatcher();
        sendDirectly();
        Await.until(DEADLINE, HANDLED_GENERIC_EVENTS + " forwards verified by the second receiver and "
                + HANDLED_GENERIC_EVENTS + " messages at the fake Slack",
                () -> targets.forwardVerdicts().size() >= HANDLED_GENERIC_EVENTS
                        && targets.slackBodies().size() >= HANDLED_GENERIC_EVENTS);
        return new DemoReport(outcomes, Delivery.of(dispatcher, messageIds), targets.forwardVerdicts(), targets.slackBodies());
    }

    /** Rows 1–3: the dispatcher signs (HMAC-SHA256) and delivers them to the generic endpoint. */
    private List<String> publishThroughDispatcher() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        ids.addAll(dispatcher.publish("alert.firing", alert("Checkout latency above 2 s", "critical", "firing", "latency-checkout")));
        ids.addAll(dispatcher.publish("alert.resolved", alert("Checkout latency above 2 s", "critical", "resolved", "latency-checkout")));
        ids.addAll(dispatcher.publish("alert.firing", alert("Nightly report generated", "info", "firing", "report-nightly")));
        if (ids.size() != 3) {
            throw new IllegalStateException("expected 3 messages (one per event) but the dispatcher stored " + ids.size());
        }
        SenderExample.awaitFinished(dispatcher, ids, DEADLINE);
        List<Delivery> deliveries = Delivery.of(dispatcher, ids);
        record(1, "publish alert.firing (critical)", deliveries.get(0), Reason.PROCESSED);
        record(2, "publish alert.resolved (same key)", deliveries.get(1), Reason.PROCESSED);
        record(3, "publish alert.firing (info)", deliveries.get(2), Reason.FILTERED);
        return ids;
    }

    /** Rows 4–8: webhooks as other tools send them, with HttpClient. */
    private void sendDirectly() throws IOException, InterruptedException {
        URI generic = receiver.endpointUri("generic");
        byte[] payments = json(alert("Payment errors above 5 %", "error", "firing", "payments-errors"));
        Headers firstCopy = signed(Schemes.hmacSha256(), secrets.generic(), payments, generic, "X-Webhook-Id", "delivery-0042");
        send(4, "POST generic, id delivery-0042", Reason.PROCESSED, generic, payments, firstCopy);
        send(5, "POST generic, same id again", Reason.DUPLICATE, generic, payments, firstCopy);
        send(6, "POST generic, wrong secret", Reason.SIGNATURE_MISMATCH, generic, payments,
                signed(Schemes.hmacSha256(), "not-the-secret", payments, generic, "X-Webhook-Id", "delivery-0043"));

        // Alertmanager cannot sign: it sends the token configured in http_config.authorization.
        send(7, "POST alertmanager, 2 alerts", Reason.PROCESSED, receiver.endpointUri("alertmanager"),
                resource("payloads/alertmanager-two-alerts.json"), Headers.of("Authorization", "Bearer " + secrets.alertmanagerToken()));

        URI github = receiver.endpointUri("github");
        byte[] push = resource("payloads/github-push.json");
        Headers githubHeaders = signed(Schemes.github(), secrets.github(), push, github,
                "X-GitHub-Event", "push", "X-GitHub-Delivery", UUID.randomUUID().toString());
        send(8, "POST github, push event", Reason.PROCESSED, github, push, githubHeaders);
    }

    /** The dispatcher read the receiver's answer, {@code {"status","reason","eventId"}}: its event id finds the record. */
    private void record(int number, String sent, Delivery delivery, Reason expected) throws InterruptedException {
        String eventId = eventIdIn(delivery);
        outcomes.add(outcome(number, sent, delivery.lastAttempt().statusCode(), eventId, expected));
    }

    private void send(int number, String sent, Reason expected, URI uri, byte[] body, Headers headers)
            throws IOException, InterruptedException {
        RawPost.Answer answer = RawPost.send(http, uri, body, headers);
        if (answer.eventId().isEmpty()) {
            throw new IllegalStateException("row " + number + ": the receiver answered " + answer.status() + " without an event id");
        }
        outcomes.add(outcome(number, sent, answer.status(), answer.eventId(), expected));
    }

    private Outcome outcome(int number, String sent, int httpStatus, String eventId, Reason expected) throws InterruptedException {
        EventRecord r = Await.value(DEADLINE, "event " + eventId + " (row " + number + ") in the receiver's event log",
                () -> receiver.eventLog().find(eventId));
        return new Outcome(number, sent, httpStatus, r.reason(), expected, r.alerts(), r.message());
    }

    private static String eventIdIn(Delivery delivery) {
        String snippet = delivery.lastAttempt().responseSnippet();
        try {
            JsonNode answer = JSON.readTree(snippet);
            if (answer != null && answer.path("eventId").isTextual()) {
                return answer.path("eventId").asText();
            }
        } catch (IOException e) {
            // Falls through to the error below, which shows what came back.
        }
        throw new IllegalStateException("message " + delivery.message().id() + ": the receiver's answer has no event id: '" + snippet + "'");
    }

    /** The signature headers a sender using this scheme adds, plus other headers as name, value pairs. */
    private static Headers signed(SignatureScheme scheme, String secret, byte[] body, URI uri, String... namesAndValues) {
        Headers.Builder headers = scheme.sign(SigningInput.of(UUID.randomUUID().toString(), Instant.now(), body, uri.toString()),
                SecretSet.ofValues(secret)).toBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers.build();
    }

    private static byte[] json(Map<String, Object> data) throws IOException {
        return JSON.writeValueAsBytes(data);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoScenario.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
