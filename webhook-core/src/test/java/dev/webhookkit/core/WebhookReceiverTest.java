package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.EventFilter;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.Handshake;
import dev.webhookkit.core.spi.PayloadMapper;
import dev.webhookkit.core.spi.SignatureVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every stage of the inbound pipeline and every reason it can answer with. */
class WebhookReceiverTest {
    private static final String SECRET = "whsec-test-secret";
    private static final String ALERT = "{\"title\":\"Disk full\",\"severity\":\"critical\",\"status\":\"firing\"}";

    private final MutableClock clock = MutableClock.at("2026-11-22T12:00:00Z");
    private final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();

    private Endpoint.Builder endpoint(String name) {
        return Endpoint.builder(name).allowUnsigned().handler(EventHandler.of(handled::add));
    }

    private WebhookReceiver receiver(Endpoint... endpoints) {
        WebhookReceiver.Builder b = WebhookReceiver.builder().clock(clock);
        for (Endpoint e : endpoints) {
            b.endpoint(e);
        }
        return b.build();
    }

    private WebhookRequest post(String body, Headers headers) {
        return WebhookRequest.builder().body(body).headers(headers).receivedAt(clock.instant()).remoteAddress("127.0.0.1").build();
    }

    private WebhookRequest post(String body) {
        return post(body, Headers.of("Content-Type", "application/json"));
    }

    private WebhookRequest signed(String body) {
        return post(body, TestHmacVerifier.sign(SECRET, clock.instant(), body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void processesAVerifiedEventAndHandsItToTheHandler() {
        WebhookReceiver r = receiver(endpoint("alerts").verifier(new TestHmacVerifier()).secret(SECRET).build());
        ReceiveResult result = r.receive("alerts", signed(ALERT));

        assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.matchedKeyId()).isEqualTo(Secret.DEFAULT_ID);
        assertThat(handled).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo(result.eventId());
            assertThat(e.payload().get("title").asText()).isEqualTo("Disk full");
        });
        assertThat(r.eventLog().find(result.eventId())).get().extracting(EventRecord::reason).isEqualTo(Reason.PROCESSED);
    }

    @Test
    void syncHandlerResponseIsReturned() {
        WebhookReceiver r = receiver(Endpoint.builder("chat").allowUnsigned().handler(e -> HandlerResponse.json("{\"reply\":\"ok\"}")).build());
        ReceiveResult result = r.receive("chat", post(ALERT));
        assertThat(result.response().bodyAsString()).isEqualTo("{\"reply\":\"ok\"}");
        assertThat(result.response().contentType()).isEqualTo("application/json");
    }

    @Test
    void chainedHandlersAllRunInOrderAndTheLastResponseWins() {
        List<String> ran = new CopyOnWriteArrayList<>();
        EventHandler notify = e -> {
            ran.add("notify");
            return HandlerResponse.text("notified");
        };
        EventHandler forward = e -> {
            ran.add("forward");
            return HandlerResponse.empty();
        };
        WebhookReceiver r = receiver(Endpoint.builder("chain").allowUnsigned().handler(EventHandler.chain(notify, forward)).build());
        ReceiveResult result = r.receive("chain", post(ALERT));
        assertThat(ran).containsExactly("notify", "forward");
        assertThat(result.response().bodyAsString()).isEqualTo("notified");
    }

    @Test
    void unknownAndDisabledEndpointsAnswer404() {
        WebhookReceiver r = receiver(endpoint("off").enabled(false).build());
        assertThat(r.receive("nope", post(ALERT)).reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);
        ReceiveResult off = r.receive("off", post(ALERT));
        assertThat(off.reason()).isEqualTo(Reason.ENDPOINT_DISABLED);
        assertThat(off.status()).isEqualTo(404);
        assertThat(handled).isEmpty();
    }

    @Test
    void onlyPostIsAccepted() {
        WebhookReceiver r = receiver(endpoint("a").build());
        ReceiveResult get = r.receive("a", post(ALERT).toBuilder().method("GET").build());
        assertThat(get.reason()).isEqualTo(Reason.METHOD_NOT_ALLOWED);
        assertThat(get.status()).isEqualTo(405);
    }

    @Test
    void bodyOverTheLimitIsRefusedBeforeVerification() {
        WebhookReceiver r = receiver(endpoint("small").verifier(new TestHmacVerifier()).secret(SECRET).maxBodyBytes(16).build());
        ReceiveResult result = r.receive("small", post(ALERT)); // unsigned too: size is checked first
        assertThat(result.reason()).isEqualTo(Reason.PAYLOAD_TOO_LARGE);
        assertThat(result.status()).isEqualTo(413);
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedWithoutTheBody() {
        WebhookReceiver r = receiver(endpoint("small").maxBodyBytes(1024).build());
        // What a server adapter passes when it stopped reading at Content-Length 5000.
        ReceiveResult result = r.receive("small", post("").toBuilder().bodyLength(5000).build());
        assertThat(result.reason()).isEqualTo(Reason.PAYLOAD_TOO_LARGE);
        assertThat(r.eventLog().find(result.eventId()).orElseThrow().error()).isEqualTo("body of 5000 bytes exceeds maxBodyBytes 1024");
        assertThat(r.receive("nobody", post("").toBuilder().bodyLength(5000).build()).reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);
    }

    @Test
    void clientOutsideTheAllowlistIsForbidden() {
        WebhookReceiver r = receiver(endpoint("ip").ipAllowlist("10.0.0.0/8").build());
        assertThat(r.receive("ip", post(ALERT)).reason()).isEqualTo(Reason.IP_NOT_ALLOWED);
        assertThat(r.receive("ip", post(ALERT).toBuilder().remoteAddress("10.9.8.7").build()).reason()).isEqualTo(Reason.PROCESSED);
    }

    @Test
    void allowlistUsesForwardedForBehindTrustedProxy() {
        WebhookReceiver r = WebhookReceiver.builder().clock(clock).trustedProxies(TrustedProxies.of("127.0.0.1"))
                .endpoint(endpoint("ip").ipAllowlist("203.0.113.0/24").build()).build();
        WebhookRequest viaProxy = post(ALERT).toBuilder().header("X-Forwarded-For", "203.0.113.4").build();
        assertThat(r.receive("ip", viaProxy).reason()).isEqualTo(Reason.PROCESSED);
    }

    @Test
    void rateLimitAnswers429WithRetryAfterAndRefillsWithTime() {
        WebhookReceiver r = receiver(endpoint("rl").rateLimit(new RateLimit(2, Duration.ofSeconds(10))).dedupWindow(Duration.ZERO).build());
        assertThat(r.receive("rl", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("rl", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
        ReceiveResult limited = r.receive("rl", post(ALERT));
        assertThat(limited.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfterSeconds()).contains(5L);

        clock.advance(Duration.ofSeconds(5));
        assertThat(r.receive("rl", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
    }

    @Test
    void everyVerificationFailureIsA401WithItsReason() {
        WebhookReceiver r = receiver(endpoint("v").verifier(new TestHmacVerifier()).secret(SECRET).build());
        byte[] body = ALERT.getBytes(StandardCharsets.UTF_8);
        Headers good = TestHmacVerifier.sign(SECRET, clock.instant(), body);

        assertThat(r.receive("v", post(ALERT)).reason()).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(r.receive("v", post(ALERT, good.toBuilder().set("X-Test-Signature", "md5=zz").build())).reason())
                .isEqualTo(Reason.MALFORMED_SIGNATURE);
        assertThat(r.receive("v", post(ALERT, good.toBuilder().remove("X-Test-Timestamp").build())).reason())
                .isEqualTo(Reason.MISSING_TIMESTAMP);
        assertThat(r.receive("v", post(ALERT.replace("Disk", "Desk"), good)).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        Headers stale = TestHmacVerifier.sign(SECRET, clock.instant().minus(Duration.ofMinutes(6)), body);
        ReceiveResult expired = r.receive("v", post(ALERT, stale));
        assertThat(expired.reason()).isEqualTo(Reason.TIMESTAMP_EXPIRED);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(handled).isEmpty();
    }

    @Test
    void signatureIsCheckedBeforeThePayloadIsParsed() {
        WebhookReceiver r = receiver(endpoint("v").verifier(new TestHmacVerifier()).secret(SECRET).build());
        assertThat(r.receive("v", post("{not json")).reason()).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(r.receive("v", signed("{not json")).reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
    }

    @Test
    void rotatedOutSecretStillVerifiesDuringGraceAndResultNamesIt() {
        SecretSet rotated = SecretSet.of(Secret.of("k1", SECRET)).rotate(Secret.of("k2", "brand-new"), Duration.ofHours(1), clock.instant());
        WebhookReceiver r = receiver(endpoint("v").verifier(new TestHmacVerifier()).secrets(rotated).build());
        assertThat(r.receive("v", signed(ALERT)).matchedKeyId()).isEqualTo("k1");
        clock.advance(Duration.ofHours(2));
        assertThat(r.receive("v", signed(ALERT.replace("Disk", "Desk"))).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void malformedPayloadsAnswer400() {
        WebhookReceiver r = WebhookReceiver.builder().clock(clock).maxJsonDepth(8).endpoint(endpoint("p").build()).build();
        assertThat(r.receive("p", post("")).reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(r.receive("p", post("{\"a\":")).reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(r.receive("p", post("{} trailing")).reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
        String deep = "[".repeat(20) + "]".repeat(20);
        ReceiveResult tooDeep = r.receive("p", post(deep));
        assertThat(tooDeep.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(handled).isEmpty();
    }

    @Test
    void formEncodedBodiesBecomeObjects() {
        WebhookReceiver r = receiver(endpoint("form").build());
        WebhookRequest form = post("monitorFriendlyName=API&alertType=1", Headers.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(r.receive("form", form).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled.get(0).payload().get("monitorFriendlyName").asText()).isEqualTo("API");
    }

    @Test
    void slackUrlVerificationIsAnsweredWithTheChallenge() {
        WebhookReceiver r = receiver(endpoint("slack").handshakes(List.of(Handshake.slackUrlVerification())).build());
        ReceiveResult result = r.receive("slack", post("{\"type\":\"url_verification\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}"));
        assertThat(result.reason()).isEqualTo(Reason.HANDSHAKE);
        assertThat(result.response().bodyAsString()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assertThat(handled).isEmpty();
    }

    @Test
    void githubPingIsAHandshakeNotAnEvent() {
        WebhookReceiver r = receiver(endpoint("gh").handshakes(List.of(Handshake.githubPing())).build());
        ReceiveResult result = r.receive("gh", post("{\"zen\":\"Keep it logically awesome.\"}", Headers.of("X-GitHub-Event", "ping")));
        assertThat(result.reason()).isEqualTo(Reason.HANDSHAKE);
        assertThat(handled).isEmpty();
    }

    @Test
    void aRequestWithoutAnArrivalTimeIsStampedByTheReceiversClock() {
        List<java.time.Instant> seen = new ArrayList<>();
        WebhookReceiver r = receiver(endpoint("t").handler(e -> {
            seen.add(e.request().receivedAt());
            return HandlerResponse.empty();
        }).build());
        clock.advance(Duration.ofDays(3));
        r.receive("t", WebhookRequest.post("{}".getBytes(StandardCharsets.UTF_8), Headers.of()));
        assertThat(seen).containsExactly(clock.instant());

        java.time.Instant given = java.time.Instant.parse("2020-01-01T00:00:00Z");
        r.receive("t", WebhookRequest.builder().body("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).receivedAt(given).build());
        assertThat(seen).last().isEqualTo(given);
    }

    @Test
    void handshakesRunOnlyOnEndpointsOfThatProvidersScheme() {
        SignatureVerifier slackScheme = new SchemeNamed("slack");
        SignatureVerifier githubScheme = new SchemeNamed("github");
        WebhookReceiver r = receiver(endpoint("other").build(),
                endpoint("slack-ep").verifier(slackScheme).secret("s").build(),
                endpoint("gh-ep").verifier(githubScheme).secret("s").build());
        String challenge = "{\"type\":\"url_verification\",\"challenge\":\"c-1\"}";
        WebhookRequest ping = post("{\"zen\":\"z\"}", Headers.of("X-GitHub-Event", "ping"));

        // An endpoint of another scheme hands both to its handler: a forged challenge gets no echo.
        assertThat(r.receive("other", post(challenge)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("other", ping).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("slack-ep", post(challenge)).reason()).isEqualTo(Reason.HANDSHAKE);
        assertThat(r.receive("slack-ep", ping).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("gh-ep", ping).reason()).isEqualTo(Reason.HANDSHAKE);
        assertThat(r.receive("gh-ep", post("{\"type\":\"url_verification\",\"challenge\":\"c-2\"}")).reason())
                .isEqualTo(Reason.PROCESSED);
        assertThat(handled).hasSize(4);
    }

    @Test
    void discordPingIsAnsweredPongOnlyOnDiscordSchemeEndpoints() {
        WebhookReceiver r = receiver(endpoint("other").build(),
                endpoint("discord-ep").verifier(new SchemeNamed("discord")).secret("s").build());
        String ping = "{\"id\":\"1\",\"application_id\":\"2\",\"type\":1,\"version\":1}";

        ReceiveResult pong = r.receive("discord-ep", post(ping));
        assertThat(pong.reason()).isEqualTo(Reason.HANDSHAKE);
        assertThat(pong.status()).isEqualTo(200);
        assertThat(pong.response()).isEqualTo(HandlerResponse.json("{\"type\":1}"));
        // An interaction (type 2) or a PING-looking string type is an event for the handler, as on any other endpoint.
        assertThat(r.receive("discord-ep", post("{\"type\":2,\"data\":{\"name\":\"hi\"}}")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("discord-ep", post("{\"type\":\"1\"}")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("other", post(ping)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled).hasSize(3);
    }

    @Test
    void aFormJsonFieldIsTheSlackSchemeDefaultAndAnOptInElsewhere() {
        WebhookReceiver r = receiver(endpoint("plain").build(),
                endpoint("opted-in").formJsonField("payload").build(),
                endpoint("slack-ep").verifier(new SchemeNamed("slack")).secret("s").build(),
                endpoint("slack-off").verifier(new SchemeNamed("slack")).secret("s").formJsonField(null).build());
        String form = "payload=%7B%22type%22%3A%22view_submission%22%7D";
        Headers headers = Headers.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");

        assertThat(r.receive("opted-in", post(form, headers)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled.get(0).eventType()).isEqualTo("view_submission");
        assertThat(r.receive("slack-ep", post(form, headers)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled.get(1).payload().path("type").asText()).isEqualTo("view_submission");
        assertThat(r.receive("plain", post(form, headers)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled.get(2).payload().path("payload").asText()).isEqualTo("{\"type\":\"view_submission\"}");
        assertThat(r.receive("slack-off", post(form, headers)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled.get(3).payload().has("payload")).isTrue();
        // A JSON body is parsed as JSON whatever the setting; the setting survives toBuilder.
        assertThat(r.receive("opted-in", post("{\"type\":\"x\"}")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.registry().get("opted-in").orElseThrow().toBuilder().build().formJsonField()).contains("payload");
        assertThat(r.registry().get("slack-off").orElseThrow().toBuilder().build().formJsonField()).isEmpty();
        assertThatThrownBy(() -> endpoint("blank").formJsonField(" ")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("formJsonField");
    }

    @Test
    void anEndpointWithoutAVerifierDoesNotBuildUnlessItAllowsUnsigned() {
        assertThatThrownBy(() -> Endpoint.builder("open").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("endpoint 'open'").hasMessageContaining("allowUnsigned()");
        assertThat(Endpoint.builder("open").allowUnsigned().build().allowsUnsigned()).isTrue();
    }

    /** Accepts every request, under a provider's scheme id. */
    private record SchemeNamed(String schemeId) implements SignatureVerifier {
        @Override
        public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
            return VerificationResult.valid("k");
        }
    }

    @Test
    void snsSubscriptionIsConfirmedOnlyForSnsHttpsUrls() {
        List<URI> confirmed = new ArrayList<>();
        Handshake sns = Handshake.snsSubscriptionConfirmation(uri -> confirmed.add(uri));
        WebhookReceiver r = receiver(endpoint("sns").handshakes(List.of(sns)).build());
        String topic = "arn:aws:sns:us-east-1:123456789012:prod-alarms";
        java.util.function.Function<String, String> confirmation = url ->
                "{\"Type\":\"SubscriptionConfirmation\",\"TopicArn\":\"" + topic + "\",\"SubscribeURL\":\"" + url + "\"}";
        String good = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=t";
        assertThat(r.receive("sns", post(confirmation.apply(good))).response().bodyAsString()).isEqualTo("subscription confirmed");
        for (String evil : List.of(
                "https://sns.us-east-1.amazonaws.com.evil.example/?Action=ConfirmSubscription&TopicArn=" + topic,
                "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&TopicArn=" + topic,
                "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:999999999999:other",
                "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t",
                "https://sns.us-east-1.amazonaws.com:8443/?Action=ConfirmSubscription&TopicArn=" + topic,
                "https://sns.us-east-1.amazonaws.com/redirect?Action=ConfirmSubscription&TopicArn=" + topic,
                "https://user@sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic,
                "http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic,
                // A repeated parameter could be read one way here and another way by SNS: refused.
                "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic
                        + "&TopicArn=arn:aws:sns:us-east-1:999999999999:other")) {
            assertThat(r.receive("sns", post(confirmation.apply(evil) + " ")).response().bodyAsString()).as(evil).startsWith("refused");
        }
        assertThat(confirmed).extracting(URI::toString).containsExactly(good);
    }

    @Test
    void redeliveredCopyIsAcknowledgedButNotProcessedTwice() {
        WebhookReceiver r = receiver(endpoint("d").build());
        ReceiveResult first = r.receive("d", post(ALERT, Headers.of("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")));
        ReceiveResult second = r.receive("d", post(ALERT, Headers.of("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")));
        assertThat(first.reason()).isEqualTo(Reason.PROCESSED);
        assertThat(second.reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(second.status()).isEqualTo(200);
        assertThat(handled).hasSize(1);
    }

    @Test
    void unsignedIdHeadersAddedOrChangedByAReplayDoNotMakeANewDelivery() {
        WebhookReceiver r = receiver(endpoint("d").build());
        assertThat(r.receive("d", post(ALERT, Headers.of("X-GitHub-Delivery", "a"))).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("d", post(ALERT, Headers.of("X-GitHub-Delivery", "b"))).reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(r.receive("d", post(ALERT, Headers.of("webhook-id", "x", "X-Webhook-Id", "y"))).reason())
                .isEqualTo(Reason.DUPLICATE);
        assertThat(handled).hasSize(1);
    }

    @Test
    void anIdHeaderTheEndpointExplicitlyTrustsIsTheKey() {
        WebhookReceiver r = receiver(endpoint("d").deliveryIdHeaders(List.of("X-GitHub-Delivery")).build());
        assertThat(r.receive("d", post(ALERT, Headers.of("X-GitHub-Delivery", "a"))).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("d", post(ALERT, Headers.of("X-GitHub-Delivery", "a"))).reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(r.receive("d", post(ALERT, Headers.of("X-GitHub-Delivery", "b"))).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled).hasSize(2);
    }

    @Test
    void withoutAnIdHeaderTheBodyHashIsTheKeyWithinTheWindow() {
        WebhookReceiver r = receiver(endpoint("d").dedupWindow(Duration.ofMinutes(10)).build());
        assertThat(r.receive("d", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("d", post(ALERT)).reason()).isEqualTo(Reason.DUPLICATE);
        clock.advance(Duration.ofMinutes(10));
        assertThat(r.receive("d", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled).hasSize(2);
    }

    @Test
    void aProxysRequestIdIsNotADeliveryId() {
        WebhookReceiver r = receiver(endpoint("d").build());
        assertThat(r.receive("d", post(ALERT, Headers.of("X-Request-Id", "proxy-1"))).reason()).isEqualTo(Reason.PROCESSED);
        // The sender's retry through the proxy carries a new X-Request-Id but the same body.
        assertThat(r.receive("d", post(ALERT, Headers.of("X-Request-Id", "proxy-2"))).reason()).isEqualTo(Reason.DUPLICATE);
    }

    @Test
    void dedupScopesAreSeparatePerEndpointAndZeroWindowTurnsItOff() {
        WebhookReceiver r = receiver(endpoint("a").build(), endpoint("b").build(), endpoint("off").dedupWindow(Duration.ZERO).build());
        assertThat(r.receive("a", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("b", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("off", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("off", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
    }

    @Test
    void alertDedupKeyNeverDropsEvents() {
        PayloadMapper mapper = (payload, req) -> List.of(Alert.builder().title("t").severity(Severity.ERROR)
                .status(AlertStatus.fromId(payload.get("status").asText()).orElseThrow()).source("test").dedupKey("incident-1").build());
        WebhookReceiver r = receiver(endpoint("m").mapper(mapper).build());
        assertThat(r.receive("m", post("{\"status\":\"trigger\"}")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("m", post("{\"status\":\"resolve\"}")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(handled).extracting(e -> e.alerts().get(0).status()).containsExactly(AlertStatus.TRIGGER, AlertStatus.RESOLVE);
    }

    @Test
    void filteredEventsAnswer202AndAreRecorded() {
        PayloadMapper mapper = (payload, req) -> List.of(Alert.builder().title("t").status(AlertStatus.TRIGGER).source("s")
                .severity(Severity.fromId(payload.get("severity").asText()).orElse(Severity.INFO)).build());
        WebhookReceiver r = receiver(endpoint("f").mapper(mapper).filter(EventFilter.globs(List.of("*.critical"), List.of("test.*"))).build());

        ReceiveResult critical = r.receive("f", post("{\"severity\":\"critical\"}", Headers.of("X-Event-Type", "disk")));
        ReceiveResult warning = r.receive("f", post("{\"severity\":\"warning\"}", Headers.of("X-Event-Type", "disk")));
        ReceiveResult test = r.receive("f", post("{\"severity\":\"critical\",\"n\":1}", Headers.of("X-Event-Type", "test")));

        assertThat(critical.reason()).isEqualTo(Reason.PROCESSED);
        assertThat(warning.reason()).isEqualTo(Reason.FILTERED);
        assertThat(warning.status()).isEqualTo(202);
        assertThat(test.reason()).isEqualTo(Reason.FILTERED);
        assertThat(r.eventLog().find(warning.eventId())).get().extracting(EventRecord::reason).isEqualTo(Reason.FILTERED);
        assertThat(handled).hasSize(1);

        // Without an event type the alert's source stands in, so *.critical still matches.
        assertThat(r.receive("f", post("{\"severity\":\"critical\",\"untyped\":true}")).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("f", post("{\"severity\":\"warning\",\"untyped\":true}")).reason()).isEqualTo(Reason.FILTERED);
    }

    @Test
    void templateSeesMoxxyContextFieldsAndTheFirstAlert() {
        PayloadMapper mapper = (payload, req) -> List.of(Alert.builder().title("HighCPU").severity(Severity.CRITICAL)
                .status(AlertStatus.TRIGGER).source("moxxy").build());
        WebhookReceiver r = receiver(endpoint("m").mapper(mapper)
                .messageTemplate("Alert: {{alert_name}} on {{instance}} ({{alert.severity}}) n={{count}} body={{webhook.body.context.instance}}")
                .build());
        ReceiveResult result = r.receive("m", post("{\"count\":3,\"context\":{\"alert_name\":\"HighCPU\",\"instance\":\"server-1\"}}"));
        assertThat(result.message()).isEqualTo("Alert: HighCPU on server-1 (critical) n=3 body=server-1");
    }

    @Test
    void rendersTheTemplateWithPayloadEndpointAndContext() {
        WebhookReceiver r = receiver(endpoint("t")
                .messageTemplate("{{title}} on {{webhook.eventType}} for {{endpoint.attributes.team}}: {{service}}{{missing}}")
                .attribute("team", "sre")
                .contextExtractor(payload -> Map.of("service", payload.path("labels").path("service").asText()))
                .build());
        ReceiveResult result = r.receive("t", post("{\"title\":\"Disk full\",\"labels\":{\"service\":\"db\"}}", Headers.of("X-GitHub-Event", "push")));
        assertThat(result.message()).isEqualTo("Disk full on push for sre: db");
        assertThat(handled.get(0).message()).isEqualTo("Disk full on push for sre: db");
        assertThat(handled.get(0).context()).containsEntry("service", "db");
    }

    @Test
    void mapperThatCannotMapAnswers400AndReleasesTheDeliveryKey() {
        AtomicInteger calls = new AtomicInteger();
        PayloadMapper picky = (payload, req) -> {
            if (calls.incrementAndGet() == 1) {
                throw new PayloadMappingException("alerts[] missing");
            }
            return List.of();
        };
        WebhookReceiver r = receiver(endpoint("m").mapper(picky).build());
        ReceiveResult first = r.receive("m", post(ALERT));
        assertThat(first.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(r.eventLog().find(first.eventId()).orElseThrow().error()).contains("alerts[] missing");
        assertThat(r.receive("m", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
    }

    @Test
    void failingHandlerAnswers500AndTheRetryIsProcessed() {
        AtomicInteger attempts = new AtomicInteger();
        WebhookReceiver r = receiver(Endpoint.builder("h").allowUnsigned().handler(e -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return HandlerResponse.empty();
        }).build());
        Headers id = Headers.of("webhook-id", "msg_1");
        ReceiveResult failed = r.receive("h", post(ALERT, id));
        assertThat(failed.reason()).isEqualTo(Reason.HANDLER_FAILED);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(r.eventLog().find(failed.eventId()).orElseThrow().error()).isEqualTo("IllegalStateException: database down");
        assertThat(r.receive("h", post(ALERT, id)).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("h", post(ALERT, id)).reason()).isEqualTo(Reason.DUPLICATE);
    }

    @Test
    void aCopyArrivingWhileTheFirstIsInItsHandlerIsAskedToRetryAndIsNotProcessedTwice() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        WebhookReceiver r = receiver(Endpoint.builder("slow").allowUnsigned().handler(e -> {
            calls.incrementAndGet();
            inHandler.countDown();
            proceed.await(10, TimeUnit.SECONDS);
            return HandlerResponse.empty();
        }).build());
        java.util.concurrent.CompletableFuture<ReceiveResult> first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> r.receive("slow", post(ALERT)));
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();

        ReceiveResult copy = r.receive("slow", post(ALERT));
        assertThat(copy.reason()).isEqualTo(Reason.IN_PROGRESS);
        assertThat(copy.status()).isEqualTo(503);
        assertThat(copy.retryAfterSeconds()).hasValueSatisfying(s -> assertThat(s).isBetween(1L, 300L));

        proceed.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.receive("slow", post(ALERT)).reason()).isEqualTo(Reason.DUPLICATE);
        assertThat(calls).hasValue(1);
    }

    @Test
    void asyncModeAnswers202AndRecordsTheOutcomeLater() throws Exception {
        CountDownLatch done = new CountDownLatch(2);
        WebhookReceiver r = receiver(Endpoint.builder("async").allowUnsigned().mode(HandlerMode.ASYNC).dedupWindow(Duration.ZERO).handler(e -> {
            try {
                if (e.payload().has("boom")) {
                    throw new IllegalArgumentException("bad event");
                }
                return HandlerResponse.text("done");
            } finally {
                done.countDown();
            }
        }).build());
        ReceiveResult ok = r.receive("async", post(ALERT));
        ReceiveResult boom = r.receive("async", post("{\"boom\":true}"));
        assertThat(ok.reason()).isEqualTo(Reason.ACCEPTED);
        assertThat(ok.status()).isEqualTo(202);
        assertThat(boom.reason()).isEqualTo(Reason.ACCEPTED);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        r.close();
        assertThat(r.eventLog().find(ok.eventId()).orElseThrow().reason()).isEqualTo(Reason.PROCESSED);
        assertThat(r.eventLog().find(boom.eventId()).orElseThrow().reason()).isEqualTo(Reason.HANDLER_FAILED);
    }

    @Test
    void asyncModeWithAFullExecutorAnswers503AndTheRetryIsProcessed() {
        java.util.concurrent.atomic.AtomicBoolean full = new java.util.concurrent.atomic.AtomicBoolean(true);
        Executor sometimesFull = task -> {
            if (full.getAndSet(false)) {
                throw new java.util.concurrent.RejectedExecutionException("full");
            }
            task.run();
        };
        WebhookReceiver r = WebhookReceiver.builder().clock(clock).executor(sometimesFull)
                .endpoint(endpoint("async").mode(HandlerMode.ASYNC).build()).build();
        Headers id = Headers.of("webhook-id", "msg_overloaded");
        ReceiveResult result = r.receive("async", post(ALERT, id));
        assertThat(result.reason()).isEqualTo(Reason.OVERLOADED);
        assertThat(result.status()).isEqualTo(503);
        assertThat(r.eventLog().find(result.eventId()).orElseThrow().reason()).isEqualTo(Reason.OVERLOADED);
        assertThat(handled).isEmpty();
        // The delivery key was released: the sender's retry is processed, not dropped as a duplicate.
        ReceiveResult retry = r.receive("async", post(ALERT, id));
        assertThat(retry.reason()).isEqualTo(Reason.ACCEPTED);
        assertThat(handled).hasSize(1);
        assertThat(r.eventLog().find(retry.eventId()).orElseThrow().reason()).isEqualTo(Reason.PROCESSED);
    }

    @Test
    void unreachableDeduplicatorAnswers503() {
        Deduplicator down = (key, window) -> {
            throw new DependencyUnavailableException("redis at 127.0.0.1:6390 unreachable", new java.io.IOException("refused"));
        };
        WebhookReceiver r = WebhookReceiver.builder().clock(clock).deduplicator(down).endpoint(endpoint("d").build()).build();
        ReceiveResult result = r.receive("d", post(ALERT));
        assertThat(result.reason()).isEqualTo(Reason.DEPENDENCY_UNAVAILABLE);
        assertThat(result.status()).isEqualTo(503);
        assertThat(handled).isEmpty();
    }

    @Test
    void aStageThatThrowsIsAnswered500AndNeverEscapes() {
        PayloadMapper broken = (payload, req) -> {
            throw new NullPointerException("mapper bug");
        };
        WebhookReceiver r = receiver(endpoint("bug").mapper(broken).build());
        ReceiveResult result = r.receive("bug", post(ALERT));
        assertThat(result.reason()).isEqualTo(Reason.INTERNAL_ERROR);
        assertThat(result.status()).isEqualTo(500);
        assertThat(r.eventLog().find(result.eventId()).orElseThrow().error()).contains("stage MAP").contains("mapper bug");
    }

    @Test
    void eventTypeComesFromHeaderThenPayloadField() {
        WebhookReceiver r = receiver(endpoint("t").dedupWindow(Duration.ZERO).build());
        r.receive("t", post("{\"type\":\"invoice.paid\"}", Headers.of("X-Gitlab-Event", "Pipeline Hook")));
        r.receive("t", post("{\"type\":\"invoice.paid\"}"));
        r.receive("t", post("{\"event\":42}"));
        assertThat(handled).extracting(WebhookEvent::eventType).containsExactly("Pipeline Hook", "invoice.paid", "");
    }

    @Test
    void endpointsSharingAPathAllRunAndTheAnswerFollowsTheDocumentedRule() {
        Endpoint a = endpoint("a").path("/hooks/shared").build();
        Endpoint b = endpoint("b").path("/hooks/shared").verifier(new TestHmacVerifier()).secret(SECRET).build();
        WebhookReceiver r = receiver(a, b);

        PathResult unsignedForB = r.receivePath("/hooks/shared", post(ALERT));
        assertThat(unsignedForB.results()).extracting(ReceiveResult::reason).containsExactly(Reason.PROCESSED, Reason.MISSING_SIGNATURE);
        assertThat(unsignedForB.reason()).isEqualTo(Reason.PROCESSED);

        PathResult none = r.receivePath("/hooks/other", post(ALERT));
        assertThat(none.reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);

        Endpoint failing = Endpoint.builder("c").allowUnsigned().path("/hooks/fail").handler(e -> {
            throw new IllegalStateException("x");
        }).build();
        r.registry().create(failing);
        r.registry().create(endpoint("d").path("/hooks/fail").build());
        assertThat(r.receivePath("/hooks/fail", post(ALERT)).reason()).isEqualTo(Reason.HANDLER_FAILED);
    }

    @Test
    void registryUpdatesTakeEffectOnTheNextRequest() {
        WebhookReceiver r = receiver(endpoint("live").build());
        assertThat(r.receive("live", post(ALERT)).reason()).isEqualTo(Reason.PROCESSED);
        r.registry().update(r.registry().get("live").orElseThrow().toBuilder().enabled(false).build());
        assertThat(r.receive("live", post("{}")).reason()).isEqualTo(Reason.ENDPOINT_DISABLED);
        assertThat(r.registry().delete("live")).isTrue();
        assertThat(r.receive("live", post("{}")).reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);
    }

    @Test
    void everyOutcomeIsRecordedWithItsReason() {
        WebhookReceiver r = receiver(endpoint("rec").maxBodyBytes(100).build());
        ReceiveResult tooLarge = r.receive("rec", post("x".repeat(101)));
        ReceiveResult ok = r.receive("rec", post(ALERT));
        ReceiveResult unknown = r.receive("ghost", post(ALERT));
        assertThat(r.eventLog().recent(10)).extracting(EventRecord::eventId)
                .containsExactly(unknown.eventId(), ok.eventId(), tooLarge.eventId());
        EventRecord rec = r.eventLog().find(ok.eventId()).orElseThrow();
        assertThat(rec.bodyAsString()).isEqualTo(ALERT);
        assertThat(rec.deliveryKey()).startsWith("rec:sha256:");
        assertThat(rec.remoteAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void resultJsonCarriesStatusReasonAndEventId() throws Exception {
        WebhookReceiver r = receiver(endpoint("j").build());
        ReceiveResult result = r.receive("j", post(ALERT));
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.toJson());
        assertThat(json.get("status").asInt()).isEqualTo(200);
        assertThat(json.get("reason").asText()).isEqualTo("PROCESSED");
        assertThat(json.get("eventId").asText()).isEqualTo(result.eventId());
    }
}
