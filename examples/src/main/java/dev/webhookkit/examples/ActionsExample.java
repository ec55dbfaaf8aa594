package dev.webhookkit.examples;

import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.actions.Actions;
import dev.webhookkit.actions.ForwardAction;
import dev.webhookkit.actions.ForwardHops;
import dev.webhookkit.actions.Match;
import dev.webhookkit.actions.TaskRegistry;
import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The actions of docs/actions.md in one run: a Moxxy-style endpoint whose handler routes on the
 * {@code agent} field — {@code db-*} agents to a sequence of a notify step and a forward to a local
 * receiver (re-signed, byte for byte), every other agent to a host task that answers — and prints
 * each event's action outcomes from the event log.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.webhookkit.examples.ActionsExample}.
 */
public final class ActionsExample implements AutoCloseable {
    private final HttpServer downstream;
    private final List<byte[]> forwarded = new CopyOnWriteArrayList<>();
    private final List<String> notified = new CopyOnWriteArrayList<>();
    private final WebhookDispatcher dispatcher;
    private final WebhookReceiver receiver;

    public ActionsExample() throws IOException {
        downstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        downstream.createContext("/", exchange -> {
            try (exchange) {
                forwarded.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(204, -1);
            }
        });
        downstream.start();
        // The downstream receiver is on loopback: allowed explicitly (the guard refuses it by default).
        dispatcher = WebhookDispatcher.builder().ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build())
                .pollInterval(Duration.ofMillis(20)).workers(2).build();

        ForwardAction forward = Actions.forward(dispatcher).name("to-db-team")
                .to("http://127.0.0.1:" + downstream.getAddress().getPort() + "/hooks")
                .scheme("hmac-sha256").secret("db-team-secret-0123456789")
                .build();
        EventHandler notify = Actions.named("notify", event -> {
            notified.add(event.payload().path("message").asText());
            return HandlerResponse.empty();
        });
        TaskRegistry tasks = TaskRegistry.builder()
                .task("answer", event -> HandlerResponse.json("{\"success\":true,\"agent\":\"" + event.payload().path("agent").asText() + "\"}"))
                .build();
        EventHandler handler = Actions.route("agents")
                .handler("escalate", Actions.sequence("escalate", notify, forward))
                .handler("answer", Actions.run(tasks, "answer"))
                .when("db-agents", Match.agent("db-*"), "escalate")
                .otherwise("answer")
                .build();
        receiver = WebhookReceiver.builder()
                .endpoint(Endpoint.builder("moxxy").allowUnsigned().handler(handler).build())
                .stageAfter(StageName.VERIFY, ForwardHops.guard())
                .build();
    }

    /** Sends one Moxxy-style event and returns the receiver's result. */
    public ReceiveResult send(String agent, String message) {
        String json = "{\"agent\":\"" + agent + "\",\"message\":\"" + message + "\",\"context\":{}}";
        return receiver.receive("moxxy", WebhookRequest.builder().body(json.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").build());
    }

    /** The action outcomes the event log holds for one event, one line each. */
    public List<String> outcomes(String eventId) {
        EventRecord r = receiver.eventLog().find(eventId).orElseThrow();
        List<String> lines = new ArrayList<>();
        for (ActionOutcome o : r.actions()) {
            lines.add(o.name() + " " + o.status().id() + (o.detail().isEmpty() ? "" : " — " + o.detail()));
        }
        return lines;
    }

    /** Bodies the downstream receiver got, in arrival order. */
    public List<byte[]> forwarded() {
        return List.copyOf(forwarded);
    }

    public List<String> notified() {
        return List.copyOf(notified);
    }

    @Override
    public void close() {
        receiver.close();
        dispatcher.close(Duration.ofSeconds(5));
        downstream.stop(0);
    }

    public static void main(String[] args) throws Exception {
        try (ActionsExample example = new ActionsExample()) {
            ReceiveResult db = example.send("db-primary", "disk full on db-1");
            ReceiveResult web = example.send("web", "hello");
            System.out.println("db-primary → " + db.status() + " " + db.reason());
            example.outcomes(db.eventId()).forEach(l -> System.out.println("  " + l));
            System.out.println("web → " + web.status() + " " + web.reason() + " " + web.response().bodyAsString());
            example.outcomes(web.eventId()).forEach(l -> System.out.println("  " + l));
            for (int i = 0; i < 100 && example.forwarded().isEmpty(); i++) {
                Thread.sleep(50);
            }
            System.out.println("forwarded downstream: " + example.forwarded().size() + " request(s)");
        }
    }
}
