package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.PayloadMappingException;
import dev.webhookkit.core.RateLimitDecision;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.TrustedProxies;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.DeliveryClaim;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.Handshake;
import dev.webhookkit.core.spi.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound stages in order. Each request gets an event id first, and every exit — accepted or
 * not — is recorded in the event log. A stage that throws unexpectedly is answered 500 and logged
 * with the stage's name; nothing escapes to the host's server.
 */
public final class ReceivingPipeline {
    private static final Logger LOG = LoggerFactory.getLogger("dev.webhookkit.core.WebhookReceiver");
    private static final int MAX_ERROR_CHARS = 500;
    private static final byte[] NO_BODY = new byte[0];

    /** Stage names, for logs when a stage breaks its contract. */
    enum Stage { ROUTE, GUARD, VERIFY, PARSE, HANDSHAKE, DEDUP, MAP, FILTER, RENDER, HANDLE, RECORD }

    private final EndpointRegistry registry;
    private final Deduplicator deduplicator;
    private final EventLog eventLog;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final Executor executor;
    private final TrustedProxies trustedProxies;
    private final PayloadParser parser;
    private final RejectedRecordGate rejectedRecords;
    private final java.util.Set<AsyncWork> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ReceivingPipeline(EndpointRegistry registry, Deduplicator deduplicator, EventLog eventLog, RateLimiter rateLimiter,
                             Clock clock, Executor executor, TrustedProxies trustedProxies, int maxJsonDepth) {
        this.registry = registry;
        this.deduplicator = deduplicator;
        this.eventLog = eventLog;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.executor = executor;
        this.trustedProxies = trustedProxies;
        this.parser = new PayloadParser(maxJsonDepth);
        this.rejectedRecords = new RejectedRecordGate(clock, RejectedRecordGate.DEFAULT_PER_MINUTE, LOG);
    }

    /** What the stages learned so far; written into the event record at every exit. */
    private static final class Exchange {
        final String eventId;
        final String endpointName;
        final WebhookRequest request;
        final long startNanos;
        Stage stage = Stage.ROUTE;
        String eventType = "";
        String deliveryKey = "";
        String matchedKeyId = "";
        List<Alert> alerts = List.of();
        String message = "";
        String error = "";
        DeliveryClaim claim;

        Exchange(String eventId, String endpointName, WebhookRequest request, long startNanos) {
            this.eventId = eventId;
            this.endpointName = endpointName;
            this.request = request;
            this.startNanos = startNanos;
        }
    }

    public ReceiveResult receive(String endpointName, WebhookRequest request) {
        Exchange ex = new Exchange(EventIds.next(), endpointName, request, System.nanoTime());
        try {
            return run(ex);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            LOG.error("event {} on {}: stage {} failed unexpectedly", ex.eventId, endpointName, ex.stage, e);
            releaseKey(ex);
            ex.error = "stage " + ex.stage + " failed: " + describe(e);
            return finish(ex, Reason.INTERNAL_ERROR, HandlerResponse.empty(), Optional.empty());
        }
    }

    private ReceiveResult run(Exchange ex) {
        WebhookRequest request = ex.request;
        Endpoint endpoint = registry.get(ex.endpointName).orElse(null);
        if (endpoint == null) {
            return finish(ex, Reason.UNKNOWN_ENDPOINT);
        }
        if (!endpoint.enabled()) {
            return finish(ex, Reason.ENDPOINT_DISABLED);
        }
        if (!"POST".equals(request.method())) {
            return finish(ex, Reason.METHOD_NOT_ALLOWED);
        }

        ex.stage = Stage.GUARD;
        if (request.bodyLength() > endpoint.maxBodyBytes()) {
            ex.error = "body of " + request.bodyLength() + " bytes exceeds maxBodyBytes " + endpoint.maxBodyBytes();
            return finish(ex, Reason.PAYLOAD_TOO_LARGE);
        }
        if (!endpoint.ipAllowlist().isAllowAll() && !endpoint.ipAllowlist().allows(trustedProxies.clientAddress(request))) {
            return finish(ex, Reason.IP_NOT_ALLOWED);
        }
        boolean signed = !(endpoint.verifier() instanceof dev.webhookkit.core.spi.SignatureVerifier.NoSignature);
        if (endpoint.rateLimit().isPresent()) {
            // Before verification a source spends only its own bucket; the endpoint's budget is
            // spent after it, so forged requests cannot use up the real sender's limit.
            String source = trustedProxies.clientAddress(request).map(java.net.InetAddress::getHostAddress).orElse("unknown");
            Optional<ReceiveResult> limited = signed
                    ? rateLimited(ex, () -> rateLimiter.tryAcquireForSource(endpoint.name(), source, endpoint.rateLimit().get()))
                    : rateLimited(ex, () -> rateLimiter.tryAcquire(endpoint.name(), endpoint.rateLimit().get()));
            if (limited.isPresent()) {
                return limited.get();
            }
        }

        ex.stage = Stage.VERIFY;
        VerificationResult verification = endpoint.verifier().verify(request, endpoint.secrets());
        if (!verification.isValid()) {
            return finish(ex, verification.failure().orElseThrow());
        }
        ex.matchedKeyId = verification.matchedKeyId().orElse("");
        if (signed && endpoint.rateLimit().isPresent()) {
            Optional<ReceiveResult> limited = rateLimited(ex, () -> rateLimiter.tryAcquire(endpoint.name(), endpoint.rateLimit().get()));
            if (limited.isPresent()) {
                return limited.get();
            }
        }

        ex.stage = Stage.PARSE;
        Optional<JsonNode> parsed = parser.parse(request);
        if (parsed.isEmpty()) {
            return finish(ex, Reason.MALFORMED_PAYLOAD);
        }
        JsonNode payload = parsed.get();
        ex.eventType = EventTypes.resolve(endpoint, request, payload);

        ex.stage = Stage.HANDSHAKE;
        for (Handshake h : endpoint.handshakes()) {
            Optional<HandlerResponse> answer = h.answer(request, payload);
            if (answer.isPresent()) {
                return finish(ex, Reason.HANDSHAKE, answer.get(), Optional.empty());
            }
        }

        ex.stage = Stage.DEDUP;
        if (!endpoint.dedupWindow().isZero()) {
            Optional<String> key = DeliveryKeys.of(endpoint, request, verification);
            if (key.isPresent()) {
                ex.deliveryKey = key.get();
                DeliveryClaim claim;
                try {
                    claim = deduplicator.claim(ex.deliveryKey, endpoint.dedupWindow());
                } catch (DependencyUnavailableException e) {
                    return unavailable(ex, "deduplicator", e);
                }
                if (claim.status() == DeliveryClaim.Status.DUPLICATE) {
                    return finish(ex, Reason.DUPLICATE);
                }
                if (claim.status() == DeliveryClaim.Status.IN_PROGRESS) {
                    return finish(ex, Reason.IN_PROGRESS, HandlerResponse.empty(), Optional.of(atLeastASecond(claim.retryAfter())));
                }
                ex.claim = claim;
            }
        }

        ex.stage = Stage.MAP;
        try {
            ex.alerts = List.copyOf(endpoint.mapper().map(payload, request));
        } catch (PayloadMappingException e) {
            releaseKey(ex);
            ex.error = describe(e);
            return finish(ex, Reason.MALFORMED_PAYLOAD);
        }
        Map<String, Object> context = endpoint.contextExtractor().extract(payload);
        WebhookEvent event = new WebhookEvent(ex.eventId, endpoint, request, payload, ex.eventType, ex.alerts, "",
                context, ex.deliveryKey, ex.matchedKeyId);

        ex.stage = Stage.FILTER;
        if (!endpoint.filter().accepts(event)) {
            commitKey(ex);
            return finish(ex, Reason.FILTERED);
        }

        ex.stage = Stage.RENDER;
        if (endpoint.compiledTemplate().isPresent()) {
            ex.message = endpoint.compiledTemplate().get().render(TemplateContexts.of(event));
            event = event.withMessage(ex.message);
        }

        ex.stage = Stage.HANDLE;
        return endpoint.mode() == HandlerMode.SYNC ? handleNow(ex, event) : handleLater(ex, event);
    }

    private Optional<ReceiveResult> rateLimited(Exchange ex, java.util.function.Supplier<RateLimitDecision> take) {
        RateLimitDecision decision;
        try {
            decision = take.get();
        } catch (DependencyUnavailableException e) {
            return Optional.of(unavailable(ex, "rate limiter", e));
        }
        return decision.allowed() ? Optional.empty()
                : Optional.of(finish(ex, Reason.RATE_LIMITED, HandlerResponse.empty(), Optional.of(decision.retryAfter())));
    }

    private ReceiveResult handleNow(Exchange ex, WebhookEvent event) {
        HandlerResponse response;
        try {
            response = event.endpoint().handler().handle(event);
        } catch (Exception e) {
            return handlerFailed(ex, e);
        }
        commitKey(ex);
        return finish(ex, Reason.PROCESSED, response == null ? HandlerResponse.empty() : response, Optional.empty());
    }

    private ReceiveResult handleLater(Exchange ex, WebhookEvent event) {
        if (closed) {
            releaseKey(ex);
            ex.error = "receiver is closing";
            return finish(ex, Reason.OVERLOADED);
        }
        // Record ACCEPTED before the task can run, so its outcome always replaces ACCEPTED and never the reverse.
        ReceiveResult accepted = finish(ex, Reason.ACCEPTED);
        AsyncWork work = new AsyncWork(ex);
        pending.add(work);
        try {
            executor.execute(() -> runLater(work, event));
        } catch (RejectedExecutionException e) {
            pending.remove(work);
            LOG.warn("event {} on {}: handler executor refused the event; answering 503", ex.eventId, ex.endpointName);
            releaseKey(ex);
            ex.error = "handler executor is full or shut down";
            return finish(ex, Reason.OVERLOADED);
        }
        return accepted;
    }

    private void runLater(AsyncWork work, WebhookEvent event) {
        if (!work.start()) {
            return; // abandoned by close(): already recorded as failed
        }
        Exchange ex = work.exchange;
        try {
            HandlerResponse response = event.endpoint().handler().handle(event);
            commitKey(ex);
            finish(ex, Reason.PROCESSED, response == null ? HandlerResponse.empty() : response, Optional.empty());
        } catch (Exception e) {
            handlerFailed(ex, e);
        } catch (Error e) {
            handlerFailed(ex, new IllegalStateException(e.toString(), e));
            throw e;
        } finally {
            pending.remove(work);
        }
    }

    /**
     * Stops taking async events (they are answered 503 OVERLOADED), waits up to {@code wait} for
     * accepted ones to finish, and records each one still queued or running as HANDLER_FAILED with
     * its delivery key released, so the sender's retry is processed: no accepted event is lost
     * silently. {@code drain} waits for the executor (the receiver's own) or, when null, polls.
     *
     * @return the number of accepted events recorded as failed
     */
    public int close(Duration wait, java.util.function.Predicate<Duration> drain) {
        closed = true;
        long deadline = System.nanoTime() + wait.toNanos();
        if (drain != null) {
            drain.test(wait);
        }
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int abandoned = 0;
        for (AsyncWork work : pending) {
            boolean neverStarted = work.abandon();
            Exchange ex = work.exchange;
            releaseKey(ex);
            ex.error = neverStarted ? "receiver closed before the handler ran" : "receiver closed while the handler was still running";
            finish(ex, Reason.HANDLER_FAILED);
            pending.remove(work);
            abandoned++;
        }
        if (abandoned > 0) {
            LOG.warn("receiver closed with {} accepted async events unfinished after {} ms: recorded as HANDLER_FAILED, "
                    + "their delivery keys released so redeliveries are processed", abandoned, wait.toMillis());
        }
        return abandoned;
    }

    /** An accepted async event: queued, running, or abandoned by close(). */
    private static final class AsyncWork {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int ABANDONED = 2;

        final Exchange exchange;
        private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger(QUEUED);

        AsyncWork(Exchange exchange) {
            this.exchange = exchange;
        }

        boolean start() {
            return state.compareAndSet(QUEUED, RUNNING);
        }

        /** @return true when the handler never started (and now never will) */
        boolean abandon() {
            return state.getAndSet(ABANDONED) == QUEUED;
        }
    }

    private ReceiveResult handlerFailed(Exchange ex, Exception e) {
        LOG.warn("event {} on {}: handler failed", ex.eventId, ex.endpointName, e);
        releaseKey(ex);
        ex.error = describe(e);
        return finish(ex, Reason.HANDLER_FAILED);
    }

    private ReceiveResult unavailable(Exchange ex, String what, DependencyUnavailableException e) {
        LOG.warn("event {} on {}: {} unavailable, answering 503: {}", ex.eventId, ex.endpointName, what, e.getMessage());
        ex.error = what + " unavailable";
        return finish(ex, Reason.DEPENDENCY_UNAVAILABLE);
    }

    /** Forgets the delivery key after a failure, so the sender's retry is processed rather than dropped. */
    private void releaseKey(Exchange ex) {
        settle(ex, false);
    }

    /** Marks the delivery key done: the sender's redeliveries within the window are duplicates. */
    private void commitKey(Exchange ex) {
        settle(ex, true);
    }

    private void settle(Exchange ex, boolean done) {
        DeliveryClaim claim;
        synchronized (ex) { // close() may settle an async event while its handler finishes
            claim = ex.claim;
            ex.claim = null;
        }
        if (claim == null) {
            return;
        }
        try {
            if (done) {
                claim.commit();
            } else {
                claim.release();
            }
        } catch (RuntimeException e) {
            // The lease still ends by itself: a retry after it is processed (done) or let through (failed).
            LOG.warn("event {} on {}: could not {} delivery key: {}", ex.eventId, ex.endpointName,
                    done ? "commit" : "release", e.toString());
        }
    }

    private static Duration atLeastASecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    private ReceiveResult finish(Exchange ex, Reason reason) {
        return finish(ex, reason, HandlerResponse.empty(), Optional.empty());
    }

    private ReceiveResult finish(Exchange ex, Reason reason, HandlerResponse response, Optional<Duration> retryAfter) {
        Duration took = Duration.ofNanos(System.nanoTime() - ex.startNanos);
        Stage stage = ex.stage;
        ex.stage = Stage.RECORD;
        try {
            // A refused, unauthenticated request keeps no body: forged traffic must not fill the history.
            boolean keepBody = !reason.isPreAuthentication();
            if (keepBody || rejectedRecords.admit()) {
                eventLog.record(new EventRecord(ex.eventId, ex.endpointName, clock.instant(), reason.httpStatus(), reason,
                        ex.eventType, ex.deliveryKey, ex.request.remoteAddress(), keepBody ? ex.request.body() : NO_BODY,
                        !keepBody && ex.request.bodyLength() > 0, ex.alerts, ex.message, response, ex.error, ex.matchedKeyId, took));
            }
        } catch (RuntimeException e) {
            // The answer to the sender does not depend on the history; losing a record is logged, not fatal.
            LOG.error("event {} on {}: event log failed to record {}", ex.eventId, ex.endpointName, reason, e);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("event {} on {}: {} {} at stage {} in {} µs", ex.eventId, ex.endpointName, reason.httpStatus(), reason,
                    stage, took.toNanos() / 1000);
        }
        return new ReceiveResult(reason.httpStatus(), reason, ex.eventId, ex.endpointName, ex.alerts, ex.message, response,
                retryAfter, ex.matchedKeyId);
    }

    private static String describe(Throwable e) {
        String s = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        return s.length() > MAX_ERROR_CHARS ? s.substring(0, MAX_ERROR_CHARS) : s;
    }
}
