package dev.webhookkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.TrustedProxies;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.EventFilter;
import dev.webhookkit.testing.MutableClock;
import dev.webhookkit.testing.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The filter and the event stream over real HTTP, run against every container by a subclass.
 * One server per container; each test uses its own delivery ids (or bodies), so tests do not
 * deduplicate each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class WebhookFilterContractTest {
    static final String SECRET = "whsec-test-secret";
    static final Instant START = Instant.parse("2026-11-22T12:00:00Z");
    static final int SMALL_LIMIT = 1024;
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String STREAM_TOKEN = "Bearer stream-token-1";
    static final int GUARDED_MAX_CLIENTS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock filterClock = new MutableClock(START);
    final MutableClock receiverClock = new MutableClock(START);
    final ListenerCountingEventLog eventLog = new ListenerCountingEventLog();
    final AtomicBoolean rejectAsyncWork = new AtomicBoolean();
    final ExecutorService handlerPool = Executors.newFixedThreadPool(2);
    final Map<String, AtomicInteger> handledByDeliveryId = new ConcurrentHashMap<>();
    final BlockingQueue<String> asyncHandled = new LinkedBlockingQueue<>();
    final BlockingQueue<String> teamHandled = new LinkedBlockingQueue<>();

    WebhookReceiver receiver;
    WebhookEventStreamServlet events;
    WebhookEventStreamServlet guardedEvents;
    WebhookEventStreamServlet shortEvents;
    CountingBodyFilter counting;
    ServletContainer container;
    int port;
    HttpClient http;

    abstract ServletContainer newContainer();

    @BeforeAll
    void startServer() throws Exception {
        receiver = WebhookReceiver.builder()
                .registry(FaultyParts.explodingRegistry(EndpointRegistry.inMemory()))
                .deduplicator(FaultyParts.flakyDeduplicator(Deduplicator.inMemory(10_000, receiverClock)))
                .clock(receiverClock)
                .eventLog(eventLog)
                .executor(task -> {
                    if (rejectAsyncWork.get()) {
                        throw new RejectedExecutionException("test: handler queue full");
                    }
                    handlerPool.execute(task);
                })
                .trustedProxies(TrustedProxies.of("127.0.0.1"))
                .endpoint(unsigned("open").handler(event -> {
                    event.request().header("webhook-id").ifPresent(id ->
                            handledByDeliveryId.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
                    return HandlerResponse.empty();
                }).build())
                .endpoint(unsigned("slack").handshakes(List.of(dev.webhookkit.core.spi.Handshake.slackUrlVerification())).build())
                .endpoint(unsigned("echo").handler(event -> HandlerResponse.json(describe(event.request()))).build())
                .endpoint(unsigned("reply").handler(event ->
                        new HandlerResponse("application/vnd.test+json", "{\"reply\":\"thanks\"}".getBytes(StandardCharsets.UTF_8))).build())
                .endpoint(Endpoint.builder("signed").verifier(new TestSignatureVerifier()).secret(SECRET).build())
                .endpoint(unsigned("small").maxBodyBytes(SMALL_LIMIT).build())
                .endpoint(unsigned("disabled").enabled(false).build())
                .endpoint(unsigned("allowlisted").ipAllowlist("10.0.0.0/8").build())
                .endpoint(unsigned("limited").rateLimit(new RateLimit(1, Duration.ofHours(1))).build())
                .endpoint(unsigned("filtered").filter(EventFilter.globs(List.of(), List.of("test.*"))).build())
                .endpoint(unsigned("async").mode(HandlerMode.ASYNC).handler(event -> {
                    asyncHandled.add(event.eventId());
                    return HandlerResponse.empty();
                }).build())
                .endpoint(unsigned("failing").handler(event -> {
                    throw new IllegalStateException("database password=hunter2 refused");
                }).build())
                .endpoint(unsigned("broken-mapper").mapper((payload, request) -> {
                    throw new IllegalStateException("mapper bug: password=hunter2");
                }).build())
                .endpoint(unsigned("team-a").path("/webhooks/team").handler(event -> {
                    teamHandled.add("team-a");
                    return HandlerResponse.empty();
                }).build())
                .endpoint(unsigned("team-b").path("/webhooks/team").handler(event -> {
                    teamHandled.add("team-b");
                    return HandlerResponse.empty();
                }).build())
                .build();

        container = newContainer();
        counting = new CountingBodyFilter();
        container.addFilter("counting", counting);
        container.addFilter("webhooks", WebhookFilter.builder(receiver).clock(filterClock).build());
        container.addFilter("proxied", WebhookFilter.builder(receiver).prefix("/proxied/*").clock(filterClock)
                .trustedProxies("127.0.0.1").build());
        container.addFilter("strict", WebhookFilter.builder(receiver).prefix("/strict").clock(filterClock)
                .trustedProxies(List.of()).build());
        container.addFilter("chained", WebhookFilter.builder(receiver).prefix("/chained").clock(filterClock).continueChain(true).build());
        container.setContextAttribute("test.receiver", receiver);
        container.addFilter("configured", WebhookFilter.class,
                Map.of(WebhookFilter.PARAM_PREFIX, "/configured", WebhookFilter.PARAM_RECEIVER_ATTRIBUTE, "test.receiver"));
        events = WebhookEventStreamServlet.builder(eventLog, eventLog::subscribe).allowAnonymous().replay(5).heartbeatInterval(Duration.ofMillis(200))
                .queueCapacity(64).build();
        container.addServlet("events", events, "/events");
        container.addServlet("events-configured", WebhookEventStreamServlet.class,
                Map.of(WebhookEventStreamServlet.PARAM_RECEIVER_ATTRIBUTE, "test.receiver",
                        WebhookEventStreamServlet.PARAM_HEARTBEAT_SECONDS, "1",
                        WebhookEventStreamServlet.PARAM_ALLOW_ANONYMOUS, "true"), "/events-configured");
        guardedEvents = WebhookEventStreamServlet.builder(eventLog, eventLog::subscribe).authorizer(WebhookFilterContractTest::tokenCheck)
                .heartbeatInterval(Duration.ofMillis(200)).maxClients(GUARDED_MAX_CLIENTS).build();
        container.addServlet("events-guarded", guardedEvents, "/events-guarded");
        shortEvents = WebhookEventStreamServlet.builder(eventLog, eventLog::subscribe).allowAnonymous().heartbeatInterval(Duration.ofMillis(200))
                .maxConnectionLifetime(Duration.ofSeconds(1)).build();
        container.addServlet("events-short", shortEvents, "/events-short");
        container.addServlet("events-broken", WebhookEventStreamServlet.builder(eventLog, eventLog::subscribe).authorizer(request -> {
            throw new IllegalStateException("token store down: secret=hunter2");
        }).build(), "/events-broken");
        container.addServlet("host", new EchoServlet(), "/");
        port = container.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stopServer() throws Exception {
        try {
            if (container != null) {
                container.close();
            }
        } finally {
            if (receiver != null) {
                receiver.close();
            }
            handlerPool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- pass-through

    @Test
    void passesRequestsOutsideThePrefixThroughUntouched() throws Exception {
        HttpResponse<String> response = send(request("/elsewhere/page?x=7").POST(HttpRequest.BodyPublishers.ofString("hello")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("host=POST /elsewhere/page", "body=hello", "reason=none", "x=7");
        assertThat(response.body()).doesNotContain("cached=true");
    }

    @Test
    void prefixMatchesWholePathSegmentsOnly() throws Exception {
        HttpResponse<String> response = send(request("/webhooksfoo/open").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.body()).contains("host=POST /webhooksfoo/open", "reason=none");
    }

    // ---------------------------------------------------------------- routing and rejections

    @Test
    void unknownEndpointIs404UnknownEndpoint() throws Exception {
        assertAnswer(post("/webhooks/nobody", "{}"), 404, Reason.UNKNOWN_ENDPOINT);
    }

    @Test
    void pathWithSeveralSegmentsAndNoEndpointIs404UnknownEndpoint() throws Exception {
        assertAnswer(post("/webhooks/a/b", "{}"), 404, Reason.UNKNOWN_ENDPOINT);
    }

    @Test
    void bareprefixIs404UnknownEndpoint() throws Exception {
        assertAnswer(post("/webhooks", "{}"), 404, Reason.UNKNOWN_ENDPOINT);
    }

    @Test
    void disabledEndpointIs404EndpointDisabled() throws Exception {
        assertAnswer(post("/webhooks/disabled", "{}"), 404, Reason.ENDPOINT_DISABLED);
    }

    @Test
    void getIs405MethodNotAllowed() throws Exception {
        assertAnswer(send(request("/webhooks/open").GET()), 405, Reason.METHOD_NOT_ALLOWED);
    }

    @Test
    void endpointsSharingAPathAllReceiveTheRequest() throws Exception {
        teamHandled.clear();

        HttpResponse<String> response = post("/webhooks/team", "{\"shared\":true}");

        assertAnswer(response, 200, Reason.PROCESSED);
        assertThat(List.of(teamHandled.poll(), teamHandled.poll())).containsExactly("team-a", "team-b");
    }

    // ---------------------------------------------------------------- guards

    @Test
    void bodyAtTheLimitIsAccepted() throws Exception {
        assertAnswer(post("/webhooks/small", jsonOfLength(SMALL_LIMIT)), 200, Reason.PROCESSED);
    }

    @Test
    void declaredLengthOverTheLimitIs413BeforeReadingTheBody() throws Exception {
        String testId = UUID.randomUUID().toString();

        HttpResponse<String> response = send(request("/webhooks/small").header(CountingBodyFilter.TEST_ID, testId)
                .POST(HttpRequest.BodyPublishers.ofString(jsonOfLength(SMALL_LIMIT + 1))));

        JsonNode json = assertAnswer(response, 413, Reason.PAYLOAD_TOO_LARGE);
        assertThat(counting.bytesRead(testId)).isZero();
        EventRecord recorded = eventLog.find(json.get("eventId").asText()).orElseThrow();
        assertThat(recorded.endpoint()).isEqualTo("small");
        assertThat(recorded.reason()).isEqualTo(Reason.PAYLOAD_TOO_LARGE);
        assertThat(recorded.error()).contains("1025 bytes");
    }

    @Test
    void hugeStreamedBodyWithoutLengthIsCutOffAtTheLimit() throws Exception {
        String testId = UUID.randomUUID().toString();
        long huge = 64L * 1024 * 1024 + 1;

        RawHttp.Response response = RawHttp.postGenerated(port, "/webhooks/small",
                Map.of(CountingBodyFilter.TEST_ID, testId, "webhook-id", testId), huge, true, Duration.ofSeconds(30));

        assertThat(response.status()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("reason").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(response.headers().get("connection")).isEqualToIgnoringCase("close");
        // The filter read one byte past the limit and no more; the container did not drain the rest either.
        assertThat(counting.bytesRead(testId)).isEqualTo(SMALL_LIMIT + 1);
        assertThat(response.bytesSent()).isLessThan(huge);
    }

    @Test
    void hugeBodyWithDeclaredLengthIsRefusedWithoutReadingAByte() throws Exception {
        String testId = UUID.randomUUID().toString();
        long huge = 64L * 1024 * 1024 + 1;

        RawHttp.Response response = RawHttp.postGenerated(port, "/webhooks/small",
                Map.of(CountingBodyFilter.TEST_ID, testId), huge, false, Duration.ofSeconds(30));

        assertThat(response.status()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("reason").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(counting.bytesRead(testId)).isZero();
        assertThat(response.bytesSent()).isLessThan(huge);
    }

    @Test
    void hugeBodyForAnUnknownEndpointIsReadOnlyToTheDefaultCap() throws Exception {
        String testId = UUID.randomUUID().toString();

        RawHttp.Response response = RawHttp.postGenerated(port, "/webhooks/nobody",
                Map.of(CountingBodyFilter.TEST_ID, testId), 16L * 1024 * 1024, true, Duration.ofSeconds(30));

        assertThat(response.status()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("reason").asText()).isEqualTo("UNKNOWN_ENDPOINT");
        assertThat(counting.bytesRead(testId)).isEqualTo(WebhookFilter.DEFAULT_UNKNOWN_ENDPOINT_MAX_BODY_BYTES + 1);
    }

    @Test
    void clientOutsideTheAllowlistIs403() throws Exception {
        assertAnswer(post("/webhooks/allowlisted", "{}"), 403, Reason.IP_NOT_ALLOWED);
    }

    @Test
    void allowlistSeesTheClientBehindATrustedProxy() throws Exception {
        // Filter and receiver both trust 127.0.0.1 as a proxy, so its X-Forwarded-For names the client.
        assertAnswer(post("/proxied/allowlisted", "{}", "X-Forwarded-For", "10.1.2.3"), 200, Reason.PROCESSED);
    }

    @Test
    void forwardedForIsIgnoredWhenTheFilterTrustsNoProxy() throws Exception {
        // The filter resolves the client itself, before reading: told to trust nobody, it ignores the header.
        assertAnswer(post("/strict/allowlisted", "{}", "X-Forwarded-For", "10.1.2.3"), 403, Reason.IP_NOT_ALLOWED);
    }

    @Test
    void aFilterWithoutItsOwnListTrustsTheReceiversProxies() throws Exception {
        assertAnswer(post("/webhooks/allowlisted", "{}", "X-Forwarded-For", "10.1.2.3"), 200, Reason.PROCESSED);
    }

    @Test
    void hugeBodyFromAnAddressOutsideTheAllowlistIsRefusedWithoutReadingAByte() throws Exception {
        String testId = UUID.randomUUID().toString();

        RawHttp.Response response = RawHttp.postGenerated(port, "/webhooks/allowlisted",
                Map.of(CountingBodyFilter.TEST_ID, testId, "webhook-id", testId), 8L * 1024 * 1024, true, Duration.ofSeconds(20));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("\"reason\":\"IP_NOT_ALLOWED\"");
        assertThat(counting.bytesRead(testId)).isZero();
        String eventId = response.headers().get("x-webhookkit-event-id");
        assertThat(eventLog.find(eventId)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.IP_NOT_ALLOWED));
    }

    @Test
    void clientNamedByATrustedProxyOutsideTheAllowlistIsRefusedWithoutReadingAByte() throws Exception {
        String testId = UUID.randomUUID().toString();

        RawHttp.Response response = RawHttp.postGenerated(port, "/proxied/allowlisted",
                Map.of(CountingBodyFilter.TEST_ID, testId, "webhook-id", testId, "X-Forwarded-For", "10.9.9.9, 203.0.113.7"),
                512 * 1024, false, Duration.ofSeconds(20));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("\"reason\":\"IP_NOT_ALLOWED\"");
        assertThat(counting.bytesRead(testId)).isZero();
    }

    @Test
    void exhaustedRateLimitIs429WithRetryAfter() throws Exception {
        assertAnswer(post("/webhooks/limited", "{\"n\":1}"), 200, Reason.PROCESSED);

        HttpResponse<String> limited = post("/webhooks/limited", "{\"n\":2}");

        assertAnswer(limited, 429, Reason.RATE_LIMITED);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3600");
    }

    // ---------------------------------------------------------------- verification

    @Test
    void validSignatureOverTheFullUrlWithQueryIsProcessed() throws Exception {
        String path = "/webhooks/signed?source=test&n=1";
        String body = "{\"event\":\"" + UUID.randomUUID() + "\"}";
        String ts = Long.toString(filterClock.instant().getEpochSecond());

        HttpResponse<String> response = post(path, body, TestSignatureVerifier.TIMESTAMP, ts,
                TestSignatureVerifier.SIGNATURE, TestSignatureVerifier.sign(SECRET, ts, url(path), bytes(body)));

        assertAnswer(response, 200, Reason.PROCESSED);
    }

    @Test
    void signatureOverTheUrlWithoutItsQueryIsAMismatch() throws Exception {
        String body = "{\"event\":\"" + UUID.randomUUID() + "\"}";
        String ts = Long.toString(filterClock.instant().getEpochSecond());

        HttpResponse<String> response = post("/webhooks/signed?source=test", body, TestSignatureVerifier.TIMESTAMP, ts,
                TestSignatureVerifier.SIGNATURE, TestSignatureVerifier.sign(SECRET, ts, url("/webhooks/signed"), bytes(body)));

        assertAnswer(response, 401, Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void missingSignatureIs401MissingSignature() throws Exception {
        assertAnswer(post("/webhooks/signed", "{}"), 401, Reason.MISSING_SIGNATURE);
    }

    @Test
    void unparsableSignatureIs401MalformedSignature() throws Exception {
        assertAnswer(post("/webhooks/signed", "{}", TestSignatureVerifier.SIGNATURE, "sha1=zz"), 401, Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void signatureWithoutTimestampIs401MissingTimestamp() throws Exception {
        assertAnswer(post("/webhooks/signed", "{}", TestSignatureVerifier.SIGNATURE, "v1=" + "0".repeat(64)), 401,
                Reason.MISSING_TIMESTAMP);
    }

    @Test
    void wrongSecretIs401SignatureMismatch() throws Exception {
        String body = "{}";
        String ts = Long.toString(filterClock.instant().getEpochSecond());

        assertAnswer(post("/webhooks/signed", body, TestSignatureVerifier.TIMESTAMP, ts,
                TestSignatureVerifier.SIGNATURE, TestSignatureVerifier.sign("other-secret", ts, url("/webhooks/signed"), bytes(body))),
                401, Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void timestampIsMeasuredFromTheFilterClock() throws Exception {
        String body = "{\"event\":\"" + UUID.randomUUID() + "\"}";
        String ts = Long.toString(filterClock.instant().plus(Duration.ofMinutes(10)).getEpochSecond());
        String[] headers = {TestSignatureVerifier.TIMESTAMP, ts,
                TestSignatureVerifier.SIGNATURE, TestSignatureVerifier.sign(SECRET, ts, url("/webhooks/signed"), bytes(body)),
                "webhook-id", UUID.randomUUID().toString()};

        assertAnswer(post("/webhooks/signed", body, headers), 401, Reason.TIMESTAMP_EXPIRED);
        filterClock.advance(Duration.ofMinutes(10));
        assertAnswer(post("/webhooks/signed", body, headers), 200, Reason.PROCESSED);
    }

    // ---------------------------------------------------------------- parse, handshake, dedup, filter, handle

    @Test
    void bodyThatIsNotJsonIs400MalformedPayload() throws Exception {
        assertAnswer(post("/webhooks/open", "this is not json"), 400, Reason.MALFORMED_PAYLOAD);
    }

    @Test
    void slackHandshakeIsAnsweredWithTheChallenge() throws Exception {
        HttpResponse<String> response = post("/webhooks/slack", "{\"type\":\"url_verification\",\"challenge\":\"c-123\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("c-123");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(recordOf(response).reason()).isEqualTo(Reason.HANDSHAKE);
    }

    @Test
    void redeliveryIsAcknowledgedAsDuplicateAndHandledOnce() throws Exception {
        String deliveryId = UUID.randomUUID().toString();

        assertAnswer(post("/webhooks/open", "{\"n\":1}", "webhook-id", deliveryId), 200, Reason.PROCESSED);
        assertAnswer(post("/webhooks/open", "{\"n\":1}", "webhook-id", deliveryId), 200, Reason.DUPLICATE);

        assertThat(handledByDeliveryId.get(deliveryId)).hasValue(1);
    }

    @Test
    void excludedEventTypeIs202Filtered() throws Exception {
        assertAnswer(post("/webhooks/filtered", "{}", "X-Event-Type", "test.ping"), 202, Reason.FILTERED);
    }

    @Test
    void handlerResponseIsTheBodyWithItsContentType() throws Exception {
        HttpResponse<String> response = post("/webhooks/reply", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"reply\":\"thanks\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/vnd.test+json"));
        assertThat(recordOf(response).reason()).isEqualTo(Reason.PROCESSED);
    }

    @Test
    void asyncEndpointIs202AcceptedAndHandledAfterwards() throws Exception {
        JsonNode json = assertAnswer(post("/webhooks/async", "{}"), 202, Reason.ACCEPTED);
        String eventId = json.get("eventId").asText();

        assertThat(asyncHandled.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(eventId);
        Poll.until("the async outcome recorded", WAIT, () -> eventLog.find(eventId).map(r -> r.reason() == Reason.PROCESSED).orElse(false),
                () -> "record " + eventLog.find(eventId));
    }

    @Test
    void fullHandlerQueueIs503Overloaded() throws Exception {
        rejectAsyncWork.set(true);
        try {
            assertAnswer(post("/webhooks/async", "{}"), 503, Reason.OVERLOADED);
        } finally {
            rejectAsyncWork.set(false);
        }
    }

    @Test
    void unreachableDedupStoreIs503DependencyUnavailable() throws Exception {
        assertAnswer(post("/webhooks/open", "{}", "webhook-id", FaultyParts.UNAVAILABLE_MARK + "-" + UUID.randomUUID()), 503,
                Reason.DEPENDENCY_UNAVAILABLE);
    }

    @Test
    void failingHandlerIs500WithoutLeakingTheError() throws Exception {
        HttpResponse<String> response = post("/webhooks/failing", "{}");

        assertAnswer(response, 500, Reason.HANDLER_FAILED);
        assertThat(response.body()).doesNotContain("hunter2", "Exception", "\tat ");
    }

    @Test
    void pipelineStageBreakingItsContractIs500InternalError() throws Exception {
        HttpResponse<String> response = post("/webhooks/broken-mapper", "{}");

        assertAnswer(response, 500, Reason.INTERNAL_ERROR);
        assertThat(response.body()).doesNotContain("hunter2", "Exception", "\tat ");
    }

    @Test
    void unexpectedFailureInTheFilterIs500JsonWithoutStackTrace() throws Exception {
        HttpResponse<String> response = post("/webhooks/" + FaultyParts.EXPLODING_NAME, "{}");

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("reason").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(json.get("eventId").asText()).isNotEmpty();
        assertThat(response.body()).doesNotContain("hunter2", "Exception", "\tat ");
    }

    // ---------------------------------------------------------------- what the pipeline is given

    @Test
    void pipelineGetsPeerAddressFullUrlMethodAndEveryHeaderValue() throws Exception {
        // A filter that trusts no proxy ignores X-Forwarded-Host from its peer.
        HttpResponse<String> response = send(request("/strict/echo?x=1&y=two%20words")
                .header("X-Multi", "first").header("X-Multi", "second")
                .header("X-Forwarded-Host", "evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = JSON.readTree(response.body());
        assertThat(seen.get("url").asText()).isEqualTo(url("/strict/echo?x=1&y=two%20words"));
        assertThat(seen.get("method").asText()).isEqualTo("POST");
        assertThat(seen.get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(seen.get("receivedAt").asText()).isEqualTo(filterClock.instant().toString());
        assertThat(seen.get("multi").toString()).isEqualTo("[\"first\",\"second\"]");
        assertThat(seen.get("body").asText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void forwardedHeadersOfATrustedProxyRebuildTheUrl() throws Exception {
        HttpResponse<String> response = post("/proxied/echo?x=1", "{}", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "hooks.example.com");

        assertThat(JSON.readTree(response.body()).get("url").asText()).isEqualTo("https://hooks.example.com/proxied/echo?x=1");
    }

    @Test
    void forwardedHostAndProtoComeFromTheTrustedHopNotFromTheClient() throws Exception {
        // The client sent its own X-Forwarded-* (left-most entries); the trusted proxy appended what it saw.
        HttpResponse<String> response = post("/proxied/echo?x=1", "{}",
                "X-Forwarded-For", "203.0.113.9",
                "X-Forwarded-Proto", "http, https",
                "X-Forwarded-Host", "evil.example, hooks.example.com");

        assertThat(JSON.readTree(response.body()).get("url").asText()).isEqualTo("https://hooks.example.com/proxied/echo?x=1");
    }

    // ---------------------------------------------------------------- continuing the chain

    @Test
    void verifiedRequestContinuesToTheHostWithItsBodyReadableAgain() throws Exception {
        String body = "{\"id\":\"" + UUID.randomUUID() + "\"}";

        HttpResponse<String> response = post("/chained/open?x=1", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("host=POST /chained/open", "body=" + body, "cached=true", "bodyAgain=" + body,
                "reader=" + body, "reason=PROCESSED", "x=1");
    }

    @Test
    void formBodyParametersStayVisibleToTheHost() throws Exception {
        HttpResponse<String> response = send(request("/chained/open?x=1").header("Content-Type", "application/x-www-form-urlencoded")
                .header("webhook-id", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("x=2&y=3")));

        assertThat(response.body()).contains("reason=PROCESSED", "x=1,2", "body=x=2&y=3");
    }

    @Test
    void rejectedRequestDoesNotReachTheHost() throws Exception {
        HttpResponse<String> response = post("/chained/signed", "{}");

        assertAnswer(response, 401, Reason.MISSING_SIGNATURE);
        assertThat(response.body()).doesNotContain("host=");
    }

    @Test
    void duplicateIsAnsweredByTheFilterNotPassedOn() throws Exception {
        String deliveryId = UUID.randomUUID().toString();
        post("/chained/open", "{}", "webhook-id", deliveryId);

        HttpResponse<String> again = post("/chained/open", "{}", "webhook-id", deliveryId);

        assertAnswer(again, 200, Reason.DUPLICATE);
        assertThat(again.body()).doesNotContain("host=");
    }

    @Test
    void filterConfiguredFromInitParametersReceives() throws Exception {
        assertAnswer(post("/configured/open", "{}"), 200, Reason.PROCESSED);
        assertAnswer(post("/configured/nobody", "{}"), 404, Reason.UNKNOWN_ENDPOINT);
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentRedeliveriesAreProcessedExactlyOnce() throws Exception {
        String deliveryId = UUID.randomUUID().toString();
        List<Integer> statuses = new ArrayList<>();
        List<String> reasons = runConcurrently(48, i -> post("/webhooks/open", "{\"same\":true}", "webhook-id", deliveryId), statuses);

        // Copies that arrive while the first is in its handler are IN_PROGRESS (503 + Retry-After: retry later).
        assertThat(reasons).filteredOn("PROCESSED"::equals).hasSize(1);
        assertThat(reasons).hasSize(48).allMatch(r -> r.equals("PROCESSED") || r.equals("DUPLICATE") || r.equals("IN_PROGRESS"));
        assertThat(statuses).allMatch(s -> s == 200 || s == 503);
        assertThat(handledByDeliveryId.get(deliveryId)).hasValue(1);
    }

    @Test
    void concurrentDistinctDeliveriesAreAllProcessed() throws Exception {
        String prefix = UUID.randomUUID() + "-";
        List<String> reasons = runConcurrently(48, i -> post("/webhooks/open", "{\"n\":" + i + "}", "webhook-id", prefix + i),
                new ArrayList<>());

        assertThat(reasons).hasSize(48).containsOnly("PROCESSED");
        for (int i = 0; i < 48; i++) {
            assertThat(handledByDeliveryId.get(prefix + i)).hasValue(1);
        }
    }

    // ---------------------------------------------------------------- event stream

    @Test
    void streamsEachNewRecordAsAnEventWithItsId() throws Exception {
        try (SseConnection sse = connect("/events?replay=0")) {
            assertThat(sse.response().statusCode()).isEqualTo(200);
            assertThat(sse.response().headers().firstValue("Content-Type")).hasValueSatisfying(ct ->
                    assertThat(ct).startsWith("text/event-stream"));
            awaitListening(sse);

            JsonNode answer = assertAnswer(post("/webhooks/open", "{}", "X-Event-Type", "alert.firing"), 200, Reason.PROCESSED);
            String eventId = answer.get("eventId").asText();

            SseConnection.Event event = sse.nextEvent(e -> e.id().equals(eventId), WAIT);
            assertThat(event.data().get("eventId").asText()).isEqualTo(eventId);
            assertThat(event.data().get("endpoint").asText()).isEqualTo("open");
            assertThat(event.data().get("status").asInt()).isEqualTo(200);
            assertThat(event.data().get("reason").asText()).isEqualTo("PROCESSED");
            assertThat(event.data().get("eventType").asText()).isEqualTo("alert.firing");
            assertThat(event.data().get("alerts").isArray()).isTrue();
            assertThat(event.data().get("receivedAt").asText()).isEqualTo(receiverClock.instant().toString());
        }
    }

    @Test
    void endpointParameterStreamsOnlyThatEndpoint() throws Exception {
        try (SseConnection sse = connect("/events?replay=0&endpoint=reply")) {
            awaitListening(sse);
            post("/webhooks/open", "{}");
            String wanted = recordOf(post("/webhooks/reply", "{}")).eventId();

            SseConnection.Event first = sse.nextEvent(WAIT);

            assertThat(first.id()).isEqualTo(wanted);
            assertThat(first.data().get("endpoint").asText()).isEqualTo("reply");
        }
    }

    @Test
    void newClientGetsTheLastRecordsFirstOldestFirst() throws Exception {
        String older = recordOf(post("/webhooks/reply", "{\"n\":1}")).eventId();
        String newer = recordOf(post("/webhooks/reply", "{\"n\":2}")).eventId();
        post("/webhooks/open", "{}"); // newer still, but not asked for

        try (SseConnection sse = connect("/events?endpoint=reply&replay=2")) {
            assertThat(sse.nextEvent(WAIT).id()).isEqualTo(older);
            assertThat(sse.nextEvent(WAIT).id()).isEqualTo(newer);
        }
    }

    @Test
    void idleStreamGetsHeartbeatComments() throws Exception {
        try (SseConnection sse = connect("/events?replay=0")) {
            assertThat(sse.nextLine(": keep-alive"::equals, WAIT)).isEqualTo(": keep-alive");
        }
    }

    @Test
    void disconnectedClientIsRemovedWithItsListener() throws Exception {
        // Streams of earlier tests are noticed gone at their next heartbeat; start from none.
        Poll.until("no listener left by earlier tests", WAIT, () -> eventLog.listenerCount() == 0, () -> "listeners left by earlier tests: " + eventLog.listenerCount());
        SseConnection sse = connect("/events?replay=0");
        awaitListening(sse);
        assertThat(eventLog.listenerCount()).isEqualTo(1);
        assertThat(events.connectedClients()).isEqualTo(1);

        sse.close();

        Poll.until("the closed stream's listener and client gone", WAIT, () -> eventLog.listenerCount() == 0 && events.connectedClients() == 0,
                () -> "listeners " + eventLog.listenerCount() + ", clients " + events.connectedClients());
    }

    @Test
    void newStreamWorksAfterManyClientsLeft() throws Exception {
        // Regression: a write racing the end of a stream's async cycle used to break the next stream on Tomcat.
        for (int i = 0; i < 5; i++) {
            SseConnection gone = connect("/events?replay=0");
            awaitListening(gone);
            post("/webhooks/open", "{}");
            gone.close();
        }
        try (SseConnection sse = connect("/events?replay=0")) {
            awaitListening(sse);
            String eventId = recordOf(post("/webhooks/reply", "{}")).eventId();

            assertThat(sse.nextEvent(e -> e.id().equals(eventId), WAIT).data().get("endpoint").asText()).isEqualTo("reply");
        }
    }

    @Test
    void streamWithoutCredentialsIs401WithNoEventData() throws Exception {
        post("/webhooks/reply", "{}"); // a record the stream would replay or send
        int listeners = eventLog.listenerCount();

        HttpResponse<String> response = send(request("/events-guarded").header("Accept", "text/event-stream").GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(response.body()).doesNotContain("data:", "id:", "reply");
        assertThat(eventLog.listenerCount()).isEqualTo(listeners);
        assertThat(guardedEvents.connectedClients()).isZero();
    }

    @Test
    void streamWithWrongCredentialsIs403WithNoEventData() throws Exception {
        HttpResponse<String> response = send(request("/events-guarded").header("Authorization", "Bearer wrong").GET());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("data:", "id:");
    }

    @Test
    void authorizerThatFailsDeniesWith500AndNoDetail() throws Exception {
        HttpResponse<String> response = send(request("/events-broken").header("Authorization", STREAM_TOKEN).GET());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("data:", "hunter2", "Exception");
    }

    @Test
    void headIsAuthorizedLikeGet() throws Exception {
        HttpResponse<String> response = send(request("/events-guarded").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void authorizedClientStreams() throws Exception {
        try (SseConnection sse = SseConnection.open(http, URI.create(url("/events-guarded")), "Authorization", STREAM_TOKEN)) {
            assertThat(sse.response().statusCode()).isEqualTo(200);
            Poll.until("one client connected", WAIT, () -> guardedEvents.connectedClients() == 1, () -> "clients " + guardedEvents.connectedClients());
            HttpResponse<String> sent = post("/webhooks/reply", "{}");
            String eventId = sent.headers().firstValue("X-Webhookkit-Event-Id").orElseThrow();

            assertThat(sse.nextEvent(e -> e.id().equals(eventId), WAIT).data().get("endpoint").asText()).isEqualTo("reply");
        }
    }

    @Test
    void clientsOverTheCapAre503WithRetryAfterUntilASlotFrees() throws Exception {
        List<SseConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < GUARDED_MAX_CLIENTS; i++) {
                open.add(SseConnection.open(http, URI.create(url("/events-guarded")), "Authorization", STREAM_TOKEN));
                assertThat(open.get(i).response().statusCode()).isEqualTo(200);
            }

            HttpResponse<String> refused = send(request("/events-guarded").header("Authorization", STREAM_TOKEN).GET());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).doesNotContain("data:");

            open.remove(0).close();
            Poll.until("a client slot free", WAIT, () -> guardedEvents.connectedClients() < GUARDED_MAX_CLIENTS, () -> "clients " + guardedEvents.connectedClients());
            try (SseConnection again = SseConnection.open(http, URI.create(url("/events-guarded")), "Authorization", STREAM_TOKEN)) {
                assertThat(again.response().statusCode()).isEqualTo(200);
            }
        } finally {
            for (SseConnection c : open) {
                c.close();
            }
        }
    }

    @Test
    void streamIsEndedAtTheEndOfItsLifetime() throws Exception {
        try (SseConnection sse = SseConnection.open(http, URI.create(url("/events-short")))) {
            assertThat(sse.response().statusCode()).isEqualTo(200);

            assertThat(sse.awaitEnd(WAIT)).as("stream ended by the server").isTrue();
            Poll.until("the ended stream's client gone", WAIT, () -> shortEvents.connectedClients() == 0, () -> "clients " + shortEvents.connectedClients());
        }
    }

    @Test
    void servletConfiguredFromInitParametersStreams() throws Exception {
        try (SseConnection sse = connect("/events-configured")) {
            awaitListening(sse);
            String eventId = recordOf(post("/webhooks/open", "{}")).eventId();

            assertThat(sse.nextEvent(e -> e.id().equals(eventId), WAIT).data().get("reason").asText()).isEqualTo("PROCESSED");
        }
    }

    private SseConnection connect(String path) throws IOException, InterruptedException {
        return SseConnection.open(http, URI.create(url(path)));
    }

    /** The opening comment is written after the listener is registered. */
    private void awaitListening(SseConnection sse) throws InterruptedException {
        sse.nextLine(l -> l.startsWith(": webhookkit event stream"), WAIT);
    }

    // ---------------------------------------------------------------- helpers

    interface Call {
        HttpResponse<String> send(int i) throws Exception;
    }

    /** Runs {@code n} calls on 16 threads released together; returns the reasons answered. */
    private List<String> runConcurrently(int n, Call call, List<Integer> statuses) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.send(index);
                }));
            }
            go.countDown();
            List<String> reasons = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> response = f.get(30, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                reasons.add(JSON.readTree(response.body()).get("reason").asText());
            }
            return reasons;
        } finally {
            pool.shutdownNow();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs JSON with a fresh {@code webhook-id} unless the headers bring one. */
    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
        boolean hasId = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            hasId |= headers[i].equalsIgnoreCase("webhook-id");
        }
        if (!hasId) {
            request.header("webhook-id", UUID.randomUUID().toString());
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Asserts the status, the JSON reason and event id, and that the event log recorded it; returns the JSON. */
    JsonNode assertAnswer(HttpResponse<String> response, int status, Reason reason) throws IOException {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("reason").asText()).isEqualTo(reason.name());
        assertThat(json.get("status").asInt()).isEqualTo(status);
        String eventId = json.get("eventId").asText();
        assertThat(response.headers().firstValue("X-Webhookkit-Event-Id")).hasValue(eventId);
        assertThat(eventLog.find(eventId)).as("event log record of %s", eventId).isPresent();
        return json;
    }

    EventRecord recordOf(HttpResponse<String> response) {
        String eventId = response.headers().firstValue("X-Webhookkit-Event-Id").orElseThrow();
        return eventLog.find(eventId).orElseThrow();
    }

    /** An unsigned test endpoint that trusts the client-chosen {@code webhook-id} as its delivery id. */
    static Endpoint.Builder unsigned(String name) {
        return Endpoint.builder(name).allowUnsigned().deliveryIdHeaders(List.of("webhook-id"));
    }

    /** The guarded stream's authorizer: the test token is let in, no credentials is 401, anything else 403. */
    static EventStreamAuthorizer.Decision tokenCheck(jakarta.servlet.http.HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        if (auth == null) {
            return EventStreamAuthorizer.Decision.UNAUTHENTICATED;
        }
        return STREAM_TOKEN.equals(auth) ? EventStreamAuthorizer.Decision.ALLOW : EventStreamAuthorizer.Decision.FORBIDDEN;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON object of exactly {@code length} bytes. */
    static String jsonOfLength(int length) {
        String unique = UUID.randomUUID().toString();
        String head = "{\"id\":\"" + unique + "\",\"pad\":\"";
        return head + "x".repeat(length - head.length() - 2) + "\"}";
    }

    static String describe(dev.webhookkit.core.WebhookRequest request) {
        ObjectNode node = JSON.createObjectNode();
        node.put("url", request.url());
        node.put("method", request.method());
        node.put("remoteAddress", request.remoteAddress());
        node.put("receivedAt", request.receivedAt().toString());
        request.headers().all("X-Multi").forEach(node.putArray("multi")::add);
        node.put("body", request.bodyAsString());
        return node.toString();
    }
}
