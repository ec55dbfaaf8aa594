package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.PathResult;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the filter does with one request under its prefix: route it, read its body within the
 * limit, run it through the receiver, and say how to answer. Thread-safe (holds only settings).
 */
public final class FilterEngine {
    private static final Logger LOG = LoggerFactory.getLogger("dev.webhookkit.servlet.WebhookFilter");

    private final FilterSettings settings;

    public FilterEngine(FilterSettings settings) {
        this.settings = settings;
    }

    public FilterSettings settings() {
        return settings;
    }

    /**
     * What came of one request.
     *
     * @param result the result the answer is made from
     * @param pathResult every endpoint's result when the request was received by path
     * @param body the body as read, present only when it was read whole
     * @param bodyLeftUnread whether part of the body was never read (the connection should close)
     */
    public record Outcome(ReceiveResult result, Optional<PathResult> pathResult, Optional<byte[]> body, boolean bodyLeftUnread) {
    }

    /** Handles a request whose path lies under the prefix; never throws for anything the sender sends. */
    public Outcome receive(HttpServletRequest request, String path) {
        Instant receivedAt = settings.clock().instant();
        Route route = null;
        try {
            route = Route.resolve(path, settings.prefix(), settings.receiver().registry());
            int limit = route.maxBodyBytes(settings.unknownEndpointMaxBodyBytes());
            BodyReader.Body body;
            try {
                body = BodyReader.read(request, limit);
            } catch (IOException e) {
                // The sender hung up or sent a broken body; the answer will rarely reach it.
                LOG.debug("webhook {} {}: could not read the body: {}", request.getMethod(), path, e.toString());
                return new Outcome(ReceiveResult.rejected(Reason.MALFORMED_PAYLOAD, newEventId(), route.label()),
                        Optional.empty(), Optional.empty(), true);
            }
            if (body instanceof BodyReader.Complete complete) {
                WebhookRequest webhookRequest = ServletRequests.toWebhookRequest(request, complete.bytes(),
                        settings.trustedProxies(), receivedAt);
                return dispatch(route, webhookRequest, Optional.of(complete.bytes()));
            }
            return tooLarge(route, request, (BodyReader.TooLarge) body, limit, receivedAt);
        } catch (RuntimeException e) {
            String eventId = newEventId();
            String label = route == null ? path : route.label();
            LOG.error("webhook {} {}: failed unexpectedly; answered 500 (event id {})", request.getMethod(), path, eventId, e);
            return new Outcome(ReceiveResult.rejected(Reason.INTERNAL_ERROR, eventId, label), Optional.empty(), Optional.empty(), false);
        }
    }

    private Outcome dispatch(Route route, WebhookRequest webhookRequest, Optional<byte[]> body) {
        WebhookReceiver receiver = settings.receiver();
        if (route.name().isPresent()) {
            return new Outcome(receiver.receive(route.name().get(), webhookRequest), Optional.empty(), body, false);
        }
        PathResult pathResult = receiver.receivePath(route.path(), webhookRequest);
        return new Outcome(pathResult.primary(), Optional.of(pathResult), body, false);
    }

    /**
     * A body over the limit was not read whole. The pipeline answers what it decides before its size
     * guard (unknown or disabled endpoint, wrong method) from the request without body; otherwise the
     * filter answers 413 itself and records it for each endpoint the request would have reached.
     */
    private Outcome tooLarge(Route route, HttpServletRequest request, BodyReader.TooLarge tooLarge, int limit, Instant receivedAt) {
        List<Endpoint> guarded = route.endpoints().stream().filter(Endpoint::enabled).toList();
        WebhookRequest withoutBody = ServletRequests.toWebhookRequest(request, new byte[0], settings.trustedProxies(), receivedAt);
        if (guarded.isEmpty() || !"POST".equals(withoutBody.method())) {
            Outcome outcome = dispatch(route, withoutBody, Optional.empty());
            return new Outcome(outcome.result(), outcome.pathResult(), Optional.empty(), true);
        }
        String error = tooLarge.describe(limit);
        LOG.info("webhook POST {}: {}; answered 413", route.path(), error);
        List<ReceiveResult> results = new ArrayList<>();
        for (Endpoint endpoint : guarded) {
            String eventId = newEventId();
            record(new EventRecord(eventId, endpoint.name(), receivedAt, Reason.PAYLOAD_TOO_LARGE.httpStatus(),
                    Reason.PAYLOAD_TOO_LARGE, "", "", withoutBody.remoteAddress(), new byte[0], true, List.of(), "",
                    HandlerResponse.empty(), error, "", Duration.ZERO));
            results.add(ReceiveResult.rejected(Reason.PAYLOAD_TOO_LARGE, eventId, endpoint.name()));
        }
        Optional<PathResult> pathResult = route.name().isPresent() ? Optional.empty() : Optional.of(PathResult.of(results));
        return new Outcome(results.get(0), pathResult, Optional.empty(), true);
    }

    private void record(EventRecord record) {
        try {
            settings.receiver().eventLog().record(record);
        } catch (RuntimeException e) {
            LOG.error("event {} on {}: event log failed to record {}", record.eventId(), record.endpoint(), record.reason(), e);
        }
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
