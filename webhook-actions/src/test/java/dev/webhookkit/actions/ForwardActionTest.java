package dev.webhookkit.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.testing.Poll;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Forward over real sockets: re-signed, byte-identical, headers allowlisted, hop count one up, the SSRF guard in force. */
class ForwardActionTest {
    private static final String IN_SECRET = "inbound-secret-0123456789";
    private static final String OUT_SECRET = "forward-secret-9876543210";
    /** Whitespace and key order a re-serialization would change; a non-ASCII character. */
    private static final byte[] BODY = "{ \"z\":1,  \"a\" : \"caf\u00e9\",\n\"agent\":\"db-1\" }".getBytes(StandardCharsets.UTF_8);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private CapturingServer server() throws Exception {
        CapturingServer s = new CapturingServer();
        closeables.add(s);
        return s;
    }

    private WebhookDispatcher dispatcher(SsrfGuard guard) {
        WebhookDispatcher d = WebhookDispatcher.builder().subscriptions(SubscriptionRegistry.inMemory()).ssrfGuard(guard)
                .pollInterval(Duration.ofMillis(10)).workers(2).build();
        closeables.add(d);
        return d;
    }

    private WebhookReceiver receiver(ForwardAction forward) {
        WebhookReceiver r = WebhookReceiver.builder().endpoint(Endpoint.builder("in").verifier(Schemes.hmacSha256()).secret(IN_SECRET)
                .handler(forward).build()).build();
        closeables.add(r);
        return r;
    }

    /** A request to the receiver signed by the original sender. */
    private static WebhookRequest signedRequest(byte[] body, Headers extra) {
        Headers signature = Schemes.hmacSha256().sign(SigningInput.of("evt-1", Instant.now(), body, "http://in.example/webhooks/in"),
                SecretSet.ofValues(IN_SECRET));
        Headers.Builder h = extra.toBuilder();
        signature.toMap().forEach((n, vs) -> vs.forEach(v -> h.add(n, v)));
        return WebhookRequest.builder().body(body).headers(h.build()).remoteAddress("203.0.113.5").build();
    }

    @Test
    void forwardsTheBodyByteForByteReSignedWithTheChosenSchemeAndTheAllowlistedHeaders() throws Exception {
        CapturingServer target = server();
        WebhookDispatcher dispatcher = dispatcher(SsrfGuard.builder().allow("127.0.0.1").build());
        ForwardAction forward = Actions.forward(dispatcher).name("to-ops").to(target.url("/ops")).scheme("standard-webhooks")
                .secret("whsec_" + java.util.Base64.getEncoder().encodeToString(OUT_SECRET.getBytes(StandardCharsets.UTF_8)))
                .copyHeaders("X-GitHub-Event", "X-GitHub-Delivery").build();
        WebhookReceiver receiver = receiver(forward);

        ReceiveResult result = receiver.receive("in", signedRequest(BODY, Headers.of("Content-Type", "application/json; charset=utf-8",
                "X-GitHub-Event", "push", "X-GitHub-Delivery", "d-42", "X-Internal-Token", "not-for-the-target")));

        assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
        Poll.until("the forward to arrive", () -> target.received().size() == 1);
        CapturingServer.Got got = target.received().get(0);
        assertThat(got.body()).isEqualTo(BODY);
        assertThat(got.headers().first("X-GitHub-Event")).contains("push");
        assertThat(got.headers().first("X-GitHub-Delivery")).contains("d-42");
        assertThat(got.headers().contains("X-Internal-Token")).isFalse();
        assertThat(got.headers().contains("X-Webhook-Signature")).as("the original signature is not passed on").isFalse();
        assertThat(got.headers().all("Content-Type")).containsExactly("application/json; charset=utf-8");
        assertThat(got.headers().all(ForwardHops.HEADER)).containsExactly("1");
        WebhookRequest arrived = WebhookRequest.builder().body(got.body()).headers(got.headers()).build();
        assertThat(WebhookVerifier.verify("standard-webhooks",
                SecretSet.ofValues("whsec_" + java.util.Base64.getEncoder().encodeToString(OUT_SECRET.getBytes(StandardCharsets.UTF_8))),
                arrived).isValid()).isTrue();
        assertThat(WebhookVerifier.verify("standard-webhooks", SecretSet.ofValues("whsec_" + java.util.Base64.getEncoder()
                .encodeToString("some-other-secret-000".getBytes(StandardCharsets.UTF_8))), arrived).isValid()).isFalse();

        EventRecord record = receiver.eventLog().find(result.eventId()).orElseThrow();
        assertThat(record.actions()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("to-ops");
            assertThat(o.status()).isEqualTo(ActionOutcome.Status.OK);
            assertThat(o.detail()).matches("queued msg_\\w+ to forward\\.to-ops\\.1");
        });
        String messageId = record.actions().get(0).detail().split(" ")[1];
        Poll.until("the delivery to be logged", () -> dispatcher.log().attempts(messageId).size() == 1);
        assertThat(dispatcher.log().attempts(messageId).get(0).succeeded()).isTrue();
    }

    @Test
    void hmacReSigningVerifiesWithTheReceiverSideVerifierAndTheFormBodyKeepsItsType() throws Exception {
        CapturingServer target = server();
        WebhookDispatcher dispatcher = dispatcher(SsrfGuard.builder().allow("127.0.0.1").build());
        ForwardAction forward = Actions.forward(dispatcher).to(target.url("/a")).to(target.url("/b")).secret(OUT_SECRET).build();
        WebhookReceiver receiver = WebhookReceiver.builder().endpoint(Endpoint.builder("in").verifier(Schemes.hmacSha256()).secret(IN_SECRET)
                .handler(forward).build()).build();
        closeables.add(receiver);
        byte[] form = "payload=%7B%22type%22%3A%22block_actions%22%7D&x=%FF".getBytes(StandardCharsets.US_ASCII);

        ReceiveResult result = receiver.receive("in", signedRequest(form, Headers.of("Content-Type", "application/x-www-form-urlencoded")));

        assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
        Poll.until("both forwards to arrive", () -> target.received().size() == 2);
        assertThat(target.received()).extracting(CapturingServer.Got::path).containsExactlyInAnyOrder("/a", "/b");
        assertThat(target.received()).allSatisfy(g -> {
            assertThat(g.body()).isEqualTo(form);
            assertThat(g.headers().all("Content-Type")).containsExactly("application/x-www-form-urlencoded");
            assertThat(WebhookVerifier.verify("hmac-sha256", SecretSet.ofValues(OUT_SECRET),
                    WebhookRequest.builder().body(g.body()).headers(g.headers()).build()).isValid()).isTrue();
        });
        assertThat(receiver.eventLog().find(result.eventId()).orElseThrow().actions()).extracting(ActionOutcome::detail)
                .allSatisfy(d -> assertThat(d).startsWith("queued msg_"))
                .anySatisfy(d -> assertThat(d).endsWith("forward.forward.1")).anySatisfy(d -> assertThat(d).endsWith("forward.forward.2"));
    }

    @Test
    void aForwardToAPrivateOrLoopbackAddressIsRefusedByTheSsrfGuardUnlessAllowed() throws Exception {
        CapturingServer target = server();
        WebhookDispatcher strict = dispatcher(SsrfGuard.strict());
        ForwardAction forward = Actions.forward(strict).name("leak").to(target.url("/internal")).secret(OUT_SECRET).build();
        WebhookReceiver receiver = receiver(forward);

        ReceiveResult result = receiver.receive("in", signedRequest(BODY, Headers.empty()));

        String messageId = receiver.eventLog().find(result.eventId()).orElseThrow().actions().get(0).detail().split(" ")[1];
        Poll.until("the attempt", () -> strict.log().attempts(messageId).size() == 1);
        assertThat(strict.log().attempts(messageId).get(0).outcome()).isEqualTo(AttemptOutcome.BLOCKED);
        assertThat(strict.log().attempts(messageId).get(0).error()).contains("LOOPBACK");
        assertThat(target.received()).isEmpty();
        assertThat(strict.log().deadLetters(10)).extracting(m -> m.id()).contains(messageId);

        WebhookDispatcher allowing = dispatcher(SsrfGuard.builder().allow("127.0.0.1").build());
        ForwardAction allowed = Actions.forward(allowing).name("local").to(target.url("/internal")).secret(OUT_SECRET).build();
        receiver(allowed).receive("in", signedRequest(BODY, Headers.empty()));
        Poll.until("the allowed forward to arrive", () -> target.received().size() == 1);
    }

    @Test
    void aNamedSubscriptionIsSignedWithItsOwnSchemeAndMustExistAtBuild() throws Exception {
        CapturingServer target = server();
        WebhookDispatcher dispatcher = dispatcher(SsrfGuard.builder().allow("127.0.0.1").build());
        dispatcher.subscriptions().create(Subscription.builder("partner", target.url("/partner")).secret("partner-secret-000000")
                .signer(Schemes.github()).build());

        assertThatThrownBy(() -> Actions.forward(dispatcher).toSubscription("nobody").build())
                .isInstanceOf(ConfigurationException.class).hasMessage("forward 'forward': no subscription 'nobody' in the dispatcher's registry");

        ForwardAction forward = Actions.forward(dispatcher).toSubscription("partner").build();
        receiver(forward).receive("in", signedRequest(BODY, Headers.empty()));
        Poll.until("the forward to arrive", () -> target.received().size() == 1);
        CapturingServer.Got got = target.received().get(0);
        assertThat(WebhookVerifier.verify("github", SecretSet.ofValues("partner-secret-000000"),
                WebhookRequest.builder().body(got.body()).headers(got.headers()).build()).isValid()).isTrue();
    }

    @Test
    void registeredTargetsDoNotReceivePublishedEvents() throws Exception {
        CapturingServer target = server();
        WebhookDispatcher dispatcher = dispatcher(SsrfGuard.builder().allow("127.0.0.1").build());
        Actions.forward(dispatcher).to(target.url("/f")).secret(OUT_SECRET).build();

        assertThat(dispatcher.publish("incident.created", java.util.Map.of("id", 1))).isEmpty();
        assertThat(dispatcher.subscriptions().get("forward.forward.1").orElseThrow().eventTypes()).containsExactly(ForwardAction.OWN_EVENTS_ONLY);
    }

    @Test
    void buildRefusesWhatCannotWork() {
        WebhookDispatcher dispatcher = dispatcher(SsrfGuard.strict());
        assertThatThrownBy(() -> Actions.forward(dispatcher).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("at least one target");
        assertThatThrownBy(() -> Actions.forward(dispatcher).to("https://x.example/h").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("a secret to re-sign with is needed");
        assertThatThrownBy(() -> Actions.forward(dispatcher).to("ftp://x.example/h").secret(OUT_SECRET).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("url must be http or https");
        assertThatThrownBy(() -> Actions.forward(dispatcher).copyHeaders("X-Webhook-Signature"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'X-Webhook-Signature' is set by the dispatcher");
        assertThatThrownBy(() -> Actions.forward(dispatcher).copyHeaders(ForwardHops.HEADER.toLowerCase(java.util.Locale.ROOT)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot be copied: the forward sets it");
        assertThatThrownBy(() -> Actions.forward(dispatcher).maxHops(0))
                .isInstanceOf(ConfigurationException.class).hasMessage("forward 'forward': maxHops must be 1 to 100 but was 0");
        assertThatThrownBy(() -> Actions.forward(dispatcher).scheme("no-such-scheme")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> Actions.forward(dispatcher).name("bad name")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void anUnsignedForwardIsAnExplicitOptInAndMarkedInTheLog() throws Exception {
        CapturingServer target = server();
        WebhookDispatcher dispatcher = dispatcher(SsrfGuard.builder().allow("127.0.0.1").build());
        ForwardAction forward = Actions.forward(dispatcher).name("agnox").to(target.url("/agnox")).unsigned().build();

        ReceiveResult result = receiver(forward).receive("in", signedRequest(BODY, Headers.empty()));

        Poll.until("the forward to arrive", () -> target.received().size() == 1);
        assertThat(target.received().get(0).headers().contains("X-Webhook-Signature")).isFalse();
        Poll.until("the attempt to be logged", () -> !dispatcher.log().attemptsForSubscription("forward.agnox.1", 1).isEmpty());
        assertThat(dispatcher.log().attemptsForSubscription("forward.agnox.1", 1).get(0).unsigned()).isTrue();
        assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
        assertThat(dispatcher.log().messages(dev.webhookkit.outbound.MessageQuery.all()).items())
                .allSatisfy(m -> assertThat(m.status()).isIn(DeliveryStatus.DELIVERED, DeliveryStatus.PENDING));
    }
}
