package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.PathResult;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.internal.FormData;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the filter does with one request under its prefix: route it, refuse a client that no
 * allowlist of the route admits before reading a byte, read the body within the limit, run it through the receiver, and say how to answer. Thread-safe (holds only settings).
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
            route = Route.resolve(path, settings.prefix(), settings.receiver().registry(), FormData.parse(request.getQueryString()));
            ForwardedChain chain = ForwardedChain.of(request, settings.trustedProxies());
            if (blockedByEveryAllowlist(route, chain)) {
                return notAllowed(route, request, chain, receivedAt);
            }
            int limit = route.maxBodyBytes(settings.unknownEndpointMaxBodyBytes());
            BodyReader.Body body;
            try {
                body = BodyReader.read(request, limit);
            } catch (IOException e) {
                // The sender hung up or sent a broken body; the answer will rarely reach it.
                LOG.debug("webhook {} {}: could not read the body: {}", request.getMethod(), Route.loggable(path, settings.prefix()),
                        e.toString());
                return new Outcome(ReceiveResult.rejected(Reason.MALFORMED_PAYLOAD, newEventId(), route.label()),
                        Optional.empty(), Optional.empty(), true);
            }
            if (body instanceof BodyReader.Complete complete) {
                WebhookRequest webhookRequest = ServletRequests.toWebhookRequest(request, complete.bytes(), chain, receivedAt);
                return dispatch(route, webhookRequest, Optional.of(complete.bytes()));
            }
            return tooLarge(route, request, (BodyReader.TooLarge) body, chain, receivedAt);
        } catch (RuntimeException e) {
            String eventId = newEventId();
            String label = route == null ? path : route.label();
            LOG.error("webhook {} {}: failed unexpectedly; answered 500 (event id {})", request.getMethod(),
                    Route.loggable(path, settings.prefix()), eventId, e);
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
     * A body over the limit was not read whole: the pipeline gets the request without it, told how
     * large it was, and its own size guard answers 413 and records it (after the checks that come
     * first: unknown or disabled endpoint, wrong method).
     */
    private Outcome tooLarge(Route route, HttpServletRequest request, BodyReader.TooLarge tooLarge, ForwardedChain chain,
                             Instant receivedAt) {
        WebhookRequest withoutBody = ServletRequests.toWebhookRequest(request, new byte[0], chain, receivedAt)
                .toBuilder().bodyLength(tooLarge.sentAtLeast()).build();
        Outcome outcome = dispatch(route, withoutBody, Optional.empty());
        return new Outcome(outcome.result(), outcome.pathResult(), Optional.empty(), true);
    }

    /**
     * True when the request reaches endpoints and every one of them has an IP allowlist the client
     * is not on: then nothing the sender wrote is read, however large.
     */
    private static boolean blockedByEveryAllowlist(Route route, ForwardedChain chain) {
        return !route.endpoints().isEmpty() && route.endpoints().stream()
                .allMatch(e -> !e.ipAllowlist().isAllowAll() && !e.ipAllowlist().allows(chain.client()));
    }

    /**
     * The client is on no allowlist of the route: the pipeline gets the request without its body and
     * with the client the filter found as its peer (and no X-Forwarded-For), so that whatever proxies
     * the receiver trusts, its own allowlist check answers IP_NOT_ALLOWED and records it.
     */
    private Outcome notAllowed(Route route, HttpServletRequest request, ForwardedChain chain, Instant receivedAt) {
        WebhookRequest base = ServletRequests.toWebhookRequest(request, new byte[0], chain, receivedAt);
        WebhookRequest withoutBody = base.toBuilder()
                .headers(base.headers().toBuilder().remove(ForwardedChain.FORWARDED_FOR).build())
                .remoteAddress(chain.client().map(InetAddress::getHostAddress).orElse(""))
                .build();
        Outcome outcome = dispatch(route, withoutBody, Optional.empty());
        return new Outcome(outcome.result(), outcome.pathResult(), Optional.empty(), true);
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
