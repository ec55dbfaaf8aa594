package dev.webhookkit.core;

import dev.webhookkit.core.internal.Fanout;
import dev.webhookkit.core.internal.RecordedHeaders;
import dev.webhookkit.core.internal.ReceivingPipeline;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import dev.webhookkit.core.spi.RateLimiter;
import dev.webhookkit.core.spi.ReceiveListener;
import dev.webhookkit.core.spi.ReceiveStage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Receives webhooks: runs each request through the pipeline — route, guard (size, IP allowlist,
 * rate limit), verify, parse, handshake, dedup, map, filter, render, handle, record — and returns
 * the {@link ReceiveResult} to answer with (see {@code docs/architecture.md}).
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *     .endpoint(Endpoint.builder("alerts").secret("s3cret").verifier(Schemes.hmacSha256()).handler(myHandler).build())
 *     .build();
 * ReceiveResult result = receiver.receive("alerts", WebhookRequest.post(body, headers));
 * }</pre>
 *
 * <p>Thread-safe; {@link #receive} never throws for anything a sender can send, and failures of the
 * pipeline's own parts come back as 500/503 results. Closing it stops the executor it created
 * (not one the host supplied), letting queued async handlers finish.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** Default maximum JSON nesting depth. */
    public static final int DEFAULT_MAX_JSON_DEPTH = 64;
    /** Default time {@link #close()} waits for accepted async events. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final EndpointRegistry registry;
    private final EventLog eventLog;
    private final TrustedProxies trustedProxies;
    private final ExecutorService ownedExecutor;
    private final ReceivingPipeline pipeline;
    private final Duration shutdownTimeout;
    private final Fanout<EventLogListener> recordListeners = new Fanout<>(LoggerFactory.getLogger(WebhookReceiver.class));

    private WebhookReceiver(Builder b) {
        b.recordListeners.forEach(recordListeners::add);
        this.registry = b.registry;
        this.eventLog = b.eventLog;
        this.trustedProxies = b.trustedProxies;
        this.ownedExecutor = b.executor == null ? defaultExecutor() : null;
        this.shutdownTimeout = b.shutdownTimeout;
        java.util.concurrent.Executor executor = b.executor != null ? b.executor : ownedExecutor;
        this.pipeline = new ReceivingPipeline(b.registry, b.deduplicator, b.eventLog, b.rateLimiter, b.clock,
                executor, b.trustedProxies, b.maxJsonDepth, b.hostStages, b.listener, recordListeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs one request through the named endpoint's pipeline. */
    public ReceiveResult receive(String endpointName, WebhookRequest request) {
        return pipeline.receive(Objects.requireNonNull(endpointName, "endpointName"), Objects.requireNonNull(request, "request"));
    }

    /**
     * Runs one request through every enabled endpoint routed to {@code path} — those its
     * {@code ?integrationId=} names, or without one those that have no id
     * ({@link IntegrationRouting}) — and combines the results (see {@link PathResult}). With none,
     * the result is UNKNOWN_ENDPOINT.
     */
    public PathResult receivePath(String path, WebhookRequest request) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(request, "request");
        List<Endpoint> endpoints = IntegrationRouting.select(registry.byPath(path), request.queryParameters());
        List<ReceiveResult> results = new ArrayList<>();
        for (Endpoint e : endpoints) {
            results.add(pipeline.receive(e.name(), request));
        }
        if (results.isEmpty()) {
            // No endpoint has this path; endpoint names cannot contain '/', so the look-up answers UNKNOWN_ENDPOINT.
            results.add(pipeline.receive(path, request));
        }
        return PathResult.of(results);
    }

    /**
     * Runs a recorded event through its endpoint's pipeline again, for an operator: the recorded
     * headers (without the redacted ones, whose values are gone) and the full body, as a new event
     * with a new id whose record's {@link EventRecord#replayOf()} names the original. The guard
     * (allowlist, rate limits), signature verification, handshakes and dedup are skipped — the
     * event was verified when it arrived, and authorizing the operator is the caller's job (the
     * admin API) — so the handler runs again even if it already succeeded. The endpoint's current
     * configuration (mapper, filter, handler) applies.
     *
     * @throws NotFoundException when the event log has no event {@code eventId}
     * @throws ReplayRefusedException when the body was cut or not kept, the event never passed
     *     verification (refused before or at verify, or answered as a handshake), or its endpoint
     *     is gone or disabled; {@link ReplayRefusedException#refusal()} says which
     * @throws DependencyUnavailableException when the event log cannot be read
     */
    public ReceiveResult replay(String eventId) {
        Objects.requireNonNull(eventId, "eventId");
        EventRecord original = eventLog.find(eventId).orElseThrow(() -> new NotFoundException("event", eventId));
        if (!original.verified() || original.reason().isPreAuthentication() || original.reason() == Reason.HANDSHAKE) {
            throw new ReplayRefusedException(eventId, ReplayRefusedException.Refusal.NOT_VERIFIED, "event '" + eventId
                    + "' cannot be replayed: it never passed signature verification (" + original.reason() + ")");
        }
        if (original.bodyTruncated()) {
            throw new ReplayRefusedException(eventId, ReplayRefusedException.Refusal.BODY_NOT_KEPT, "event '" + eventId
                    + "' cannot be replayed: the event log kept only the first " + original.body().length + " bytes of its body");
        }
        Endpoint endpoint = registry.get(original.endpoint()).orElseThrow(() -> new ReplayRefusedException(eventId,
                ReplayRefusedException.Refusal.ENDPOINT_GONE, "event '" + eventId + "' cannot be replayed: endpoint '"
                        + original.endpoint() + "' does not exist any more"));
        if (!endpoint.enabled()) {
            throw new ReplayRefusedException(eventId, ReplayRefusedException.Refusal.ENDPOINT_DISABLED, "event '" + eventId
                    + "' cannot be replayed: endpoint '" + original.endpoint() + "' is disabled");
        }
        WebhookRequest request = WebhookRequest.builder().body(original.body())
                .headers(RecordedHeaders.withoutRedacted(original.headers()))
                .remoteAddress(original.remoteAddress())
                .build();
        return pipeline.replay(original, request);
    }

    public EndpointRegistry registry() {
        return registry;
    }

    public EventLog eventLog() {
        return eventLog;
    }

    /** The proxies whose {@code X-Forwarded-For} this receiver believes (server adapters default to them). */
    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /**
     * Tells {@code listener} of every record this receiver writes from now on (live streams, metrics),
     * on the thread that recorded it; closing the registration stops it. One that throws is logged
     * and ignored. Records written by other instances into a shared event log are not heard.
     */
    public Registration addRecordListener(EventLogListener listener) {
        return recordListeners.add(listener);
    }

    /**
     * Stops taking async events (new ones are answered 503 OVERLOADED), waits up to the
     * {@linkplain Builder#shutdownTimeout shutdown timeout} (default 30 s) for accepted ones to
     * finish, then records each one still queued or running as HANDLER_FAILED with its delivery key
     * released — so the sender's retry is processed — and stops the receiver's own executor. A 202
     * ACCEPTED therefore promises: the handler runs, or the event is recorded as failed and a
     * redelivery is not taken for a duplicate. It does not survive the process being killed: for
     * that, the sender's retry is the safety net (the dedup claim ends with its lease).
     */
    @Override
    public void close() {
        pipeline.close(shutdownTimeout);
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow(); // handlers past the wait are interrupted; their events are recorded as failed
        }
    }

    private static ExecutorService defaultExecutor() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "webhookkit-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // Bounded queue: when it is full the receiver answers 503 OVERLOADED instead of growing without end.
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), factory);
    }

    /** Configures a receiver; every part has an in-memory default. Not thread-safe. */
    public static final class Builder {
        private EndpointRegistry registry = EndpointRegistry.inMemory();
        private Clock clock = Clock.systemUTC();
        private Deduplicator deduplicator;
        private EventLog eventLog = EventLog.inMemory();
        private RateLimiter rateLimiter;
        private java.util.concurrent.Executor executor;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private final List<ReceivingPipeline.Insertion> hostStages = new ArrayList<>();
        private ReceiveListener listener = ReceiveListener.NONE;
        private final List<EventLogListener> recordListeners = new ArrayList<>();
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private int maxJsonDepth = DEFAULT_MAX_JSON_DEPTH;
        private final List<Endpoint> endpoints = new ArrayList<>();

        private Builder() {
        }

        public Builder registry(EndpointRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Adds an endpoint to the registry when the receiver is built. */
        public Builder endpoint(Endpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /** The clock for dedup windows, rate limits and the event log (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default: {@link Deduplicator#inMemory(int, Clock)} on the receiver's clock. */
        public Builder deduplicator(Deduplicator deduplicator) {
            this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
            return this;
        }

        public Builder eventLog(EventLog eventLog) {
            this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
            return this;
        }

        /** Default: {@link RateLimiter#inMemory(Clock)} on the receiver's clock. */
        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
            return this;
        }

        /**
         * Runs {@code stage} of the host's own just before the built-in stage {@code anchor} (it
         * sees what the stages before it learned, and may reject or look at the answer of the
         * rest). Several before one anchor run in the order they were added.
         */
        public Builder stageBefore(StageName anchor, ReceiveStage stage) {
            hostStages.add(new ReceivingPipeline.Insertion(Objects.requireNonNull(anchor, "anchor"), true,
                    Objects.requireNonNull(stage, "stage")));
            return this;
        }

        /**
         * Runs {@code stage} once the built-in stage {@code anchor} let the request through (not
         * after HANDLE, which answers). Several after one anchor run in the order they were added.
         */
        public Builder stageAfter(StageName anchor, ReceiveStage stage) {
            hostStages.add(new ReceivingPipeline.Insertion(Objects.requireNonNull(anchor, "anchor"), false,
                    Objects.requireNonNull(stage, "stage")));
            return this;
        }

        /** Adds a record listener from the start (see {@link WebhookReceiver#addRecordListener}). */
        public Builder recordListener(EventLogListener listener) {
            recordListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Told of each request's progress through the stages (metrics, tracing); default none. */
        public Builder listener(ReceiveListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How long {@link WebhookReceiver#close()} waits for accepted async events to finish before
         * recording the rest as failed (default {@link #DEFAULT_SHUTDOWN_TIMEOUT}).
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            if (shutdownTimeout.isNegative()) {
                throw new ConfigurationException("shutdownTimeout must be >= 0 but was " + shutdownTimeout);
            }
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /** Runs async handlers; the host keeps ownership (default: a bounded pool the receiver owns). */
        public Builder executor(java.util.concurrent.Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public Builder trustedProxies(TrustedProxies trustedProxies) {
            this.trustedProxies = Objects.requireNonNull(trustedProxies, "trustedProxies");
            return this;
        }

        public Builder maxJsonDepth(int maxJsonDepth) {
            this.maxJsonDepth = maxJsonDepth;
            return this;
        }

        public WebhookReceiver build() {
            if (maxJsonDepth <= 0) {
                throw new ConfigurationException("maxJsonDepth must be > 0 but was " + maxJsonDepth);
            }
            if (deduplicator == null) {
                deduplicator = Deduplicator.inMemory(Deduplicator.DEFAULT_MAX_KEYS, clock);
            }
            if (rateLimiter == null) {
                rateLimiter = RateLimiter.inMemory(clock);
            }
            endpoints.forEach(registry::put);
            return new WebhookReceiver(this);
        }
    }
}
