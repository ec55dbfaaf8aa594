package dev.webhookkit.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.servlet.WebhookFilter;
import dev.webhookkit.testing.Poll;
import dev.webhookkit.verify.Schemes;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A forwarding loop on a local Jetty: endpoint {@code a} forwards to {@code b} and {@code b} to
 * {@code a}, both verified (Standard Webhooks, so each forward is a new delivery id and dedup does
 * not end the loop) and guarded by {@link ForwardHops#guard}. The loop must end at the hop limit.
 */
class ForwardLoopTest {
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("loop-secret-0123456789ab".getBytes(StandardCharsets.UTF_8));
    private static final byte[] BODY = "{\"type\":\"ping.loop\",\"n\":1}".getBytes(StandardCharsets.UTF_8);

    private final EndpointRegistry endpoints = EndpointRegistry.inMemory();
    private WebhookReceiver receiver;
    private WebhookDispatcher dispatcher;
    private Server jetty;
    private int port;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.builder().registry(endpoints).stageAfter(StageName.VERIFY, ForwardHops.guard()).build();
        dispatcher = WebhookDispatcher.builder().subscriptions(SubscriptionRegistry.inMemory())
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build()).pollInterval(Duration.ofMillis(10)).workers(2).build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(WebhookFilter.builder(receiver).build()), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        dispatcher.close(Duration.ofSeconds(2));
        receiver.close();
    }

    private String url(String endpoint) {
        return "http://127.0.0.1:" + port + "/webhooks/" + endpoint;
    }

    /** Endpoints a and b, each forwarding to the other with this forward limit. */
    private void loop(int forwardMaxHops) {
        for (String[] pair : new String[][] {{"a", "b"}, {"b", "a"}}) {
            ForwardAction forward = Actions.forward(dispatcher).name("to-" + pair[1]).to(url(pair[1])).scheme("standard-webhooks")
                    .secret(SECRET).maxHops(forwardMaxHops).build();
            endpoints.put(Endpoint.builder(pair[0]).verifier(Schemes.standardWebhooks()).secret(SECRET).handler(forward).build());
        }
    }

    private int sendFirst() throws Exception {
        Headers signature = Schemes.standardWebhooks().sign(SigningInput.of("msg_first", Instant.now(), BODY, url("a")),
                SecretSet.ofValues(SECRET));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("a"))).POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
                .header("Content-Type", "application/json");
        signature.toMap().forEach((n, vs) -> vs.forEach(v -> b.header(n, v)));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private List<EventRecord> records() {
        return receiver.eventLog().recent(100);
    }

    private long finishedMessages() {
        return dispatcher.log().messages(DeliveryStatus.DELIVERED, 100).size() + dispatcher.log().messages(DeliveryStatus.DEAD_LETTERED, 100).size();
    }

    @Test
    void aLoopEndsWhenTheForwardWouldPassTheHopLimit() throws Exception {
        loop(ForwardHops.DEFAULT_LIMIT);

        assertThat(sendFirst()).isEqualTo(200);

        // a (hop 0) → b (1) → a (2) → b (3) → a (4): the fifth forward would reach the limit and is not sent.
        Poll.until("the last forward to be skipped", () -> records().stream().anyMatch(r -> r.actions().stream()
                .anyMatch(o -> o.status() == ActionOutcome.Status.SKIPPED)));
        Poll.until("every queued forward to finish", () -> finishedMessages() == 4);
        List<EventRecord> all = records();
        assertThat(all).hasSize(5).allSatisfy(r -> assertThat(r.reason()).isEqualTo(Reason.PROCESSED));
        assertThat(all).filteredOn(r -> r.endpoint().equals("a")).hasSize(3);
        assertThat(all).filteredOn(r -> r.endpoint().equals("b")).hasSize(2);
        assertThat(all).extracting(r -> r.headers().first(ForwardHops.HEADER).orElse("none"))
                .containsExactlyInAnyOrder("none", "1", "2", "3", "4");
        EventRecord last = all.stream().filter(r -> r.headers().first(ForwardHops.HEADER).orElse("").equals("4")).findFirst().orElseThrow();
        assertThat(last.actions()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ActionOutcome.Status.SKIPPED);
            assertThat(o.detail()).isEqualTo("not forwarded: it has passed 4 hops and the limit is 5");
        });
        assertThat(dispatcher.log().messages(DeliveryStatus.PENDING, 10)).isEmpty();
    }

    @Test
    void theReceiverRefusesWithLoopDetectedWhenSendersAllowMoreHopsAndTheDispatcherDoesNotRetry() throws Exception {
        loop(50);

        assertThat(sendFirst()).isEqualTo(200);

        // a (0) → b (1) → a (2) → b (3) → a (4) → b (5): refused 508 by b's guard, dead-lettered after one attempt.
        Poll.until("the refused forward to be dead-lettered", () -> dispatcher.log().deadLetters(10).size() == 1);
        Poll.until("every queued forward to finish", () -> finishedMessages() == 5);
        List<EventRecord> all = records();
        assertThat(all).hasSize(6);
        assertThat(all).filteredOn(r -> r.reason() == Reason.LOOP_DETECTED).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(508);
            assertThat(r.endpoint()).isEqualTo("b");
            assertThat(r.headers().first(ForwardHops.HEADER)).contains("5");
            assertThat(r.actions()).isEmpty();
        });
        String dead = dispatcher.log().deadLetters(10).get(0).id();
        assertThat(dispatcher.log().attempts(dead)).extracting(DeliveryAttempt::statusCode).containsExactly(508);
        assertThat(dispatcher.log().messages(DeliveryStatus.PENDING, 10)).isEmpty();
    }
}
