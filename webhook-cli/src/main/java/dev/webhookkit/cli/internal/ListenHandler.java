package dev.webhookkit.cli.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Answers each request on {@code listen}'s port through the receiver's pipeline and prints what
 * happened: the verification result, the event type and the normalized alerts, then forwards
 * verified events when asked. Requests are handled concurrently by {@link RequestPool}'s threads;
 * each report is printed in one call, so reports never mix. A request whose body is not in by the
 * pool's read deadline has its connection closed and is reported in one line.
 */
final class ListenHandler implements HttpHandler {
    static final String ENDPOINT = "cli";
    /** The outcomes that got as far as the mapper. */
    private static final Set<Reason> MAPPED = EnumSet.of(Reason.PROCESSED, Reason.ACCEPTED, Reason.FILTERED, Reason.HANDLER_FAILED);
    private static final int MAX_ANSWER_CHARS = 200;

    private final WebhookReceiver receiver;
    private final Optional<Forwarder> forwarder;
    private final PrintWriter out;
    private final Clock clock;
    private final String fallbackHost;
    private final Runnable onRequestRead;
    private final Optional<RequestRecorder> recorder;
    private final Optional<Integer> respondStatus;
    private final Duration respondDelay;

    /**
     * @param recorder      saves each request when present ({@code --record})
     * @param respondStatus answers with this status instead of the pipeline's ({@code --respond})
     * @param respondDelay  waits this long before answering ({@code --respond-delay})
     */
    ListenHandler(WebhookReceiver receiver, Optional<Forwarder> forwarder, PrintWriter out, Clock clock, String fallbackHost,
                  Runnable onRequestRead, Optional<RequestRecorder> recorder, Optional<Integer> respondStatus, Duration respondDelay) {
        this.recorder = recorder;
        this.respondStatus = respondStatus;
        this.respondDelay = respondDelay;
        this.receiver = receiver;
        this.forwarder = forwarder;
        this.out = out;
        this.clock = clock;
        this.fallbackHost = fallbackHost;
        this.onRequestRead = onRequestRead;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            WebhookRequest request;
            try {
                request = toRequest(exchange);
            } catch (IOException e) {
                // The read deadline closed the connection, or the sender went away mid-body.
                out.println(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " -> closed: the body did not arrive ("
                        + e.getClass().getSimpleName() + ")");
                return;
            }
            onRequestRead.run();
            ReceiveResult result = receiver.receive(ENDPOINT, request);
            String recorded = recorder.map(r -> r.record(new RecordedRequest(request.method(),
                    exchange.getRequestURI().toString(), request.headers(), request.body(), request.receivedAt(),
                    result.status() + " " + result.reason().name()))).orElse(null);
            pause();
            respond(exchange, result, respondStatus.orElse(result.status()));
            StringBuilder report = describe(exchange, request, result);
            if (respondStatus.isPresent()) {
                report.append("\n  responded: ").append(respondStatus.get()).append(" (--respond)");
            }
            if (recorded != null) {
                report.append("\n  ").append(recorded);
            }
            if (forwarder.isPresent() && result.reason() == Reason.PROCESSED) {
                report.append("\n  ").append(forwarder.get().forward(request, result.eventId()));
            }
            out.println(report);
        } catch (RuntimeException e) {
            // The sender has had its answer; what broke is shown, and the listener keeps going.
            out.println(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " -> failed: " + e);
        }
    }

    private WebhookRequest toRequest(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            // One byte past the limit is enough for the pipeline to answer 413; the rest is not kept.
            body = in.readNBytes(Endpoint.DEFAULT_MAX_BODY_BYTES + 1);
        }
        Headers headers = Headers.of(exchange.getRequestHeaders());
        String host = headers.first("Host").orElse(fallbackHost);
        return WebhookRequest.builder()
                .body(body)
                .method(exchange.getRequestMethod())
                .url("http://" + host + exchange.getRequestURI())
                .headers(headers)
                .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                .receivedAt(clock.instant())
                .build();
    }

    private void pause() {
        if (respondDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(respondDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, ReceiveResult result, int status) throws IOException {
        byte[] body;
        String contentType;
        if (result.response().isEmpty()) {
            body = result.toJson().getBytes(StandardCharsets.UTF_8);
            contentType = "application/json";
        } else {
            body = result.response().body();
            contentType = result.response().contentType();
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        result.retryAfterSeconds().ifPresent(s -> exchange.getResponseHeaders().set("Retry-After", Long.toString(s)));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    /**
     * <pre>
     * POST /hooks -&gt; 200 PROCESSED
     *   signature: valid (secret: default)
     *   event: push
     *   alerts: [...]
     * </pre>
     */
    private StringBuilder describe(HttpExchange exchange, WebhookRequest request, ReceiveResult result) {
        Optional<EventRecord> record = receiver.eventLog().find(result.eventId());
        StringBuilder sb = new StringBuilder()
                .append(request.method()).append(' ').append(exchange.getRequestURI())
                .append(" -> ").append(result.status()).append(' ').append(result.reason().name())
                .append(" (").append(request.body().length).append(" bytes)");
        sb.append("\n  signature: ").append(signatureLine(result));
        String eventType = record.map(EventRecord::eventType).orElse("");
        sb.append("\n  event: ").append(eventType.isEmpty() ? "(none)" : eventType);
        if (MAPPED.contains(result.reason())) {
            sb.append("\n  alerts: ").append(Json.oneLine(result.alerts()));
        }
        if (result.reason() == Reason.HANDSHAKE) {
            sb.append("\n  answered: ").append(abbreviate(result.response().bodyAsString()));
        }
        record.map(EventRecord::error).filter(e -> !e.isEmpty()).ifPresent(e -> sb.append("\n  error: ").append(e));
        return sb;
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_ANSWER_CHARS ? text : text.substring(0, MAX_ANSWER_CHARS) + "...";
    }

    private static String signatureLine(ReceiveResult result) {
        if (result.reason().isVerificationFailure()) {
            return "invalid: " + result.reason().name();
        }
        return result.matchedKeyId().isEmpty() ? "not checked" : "valid (secret: " + result.matchedKeyId() + ")";
    }
}
