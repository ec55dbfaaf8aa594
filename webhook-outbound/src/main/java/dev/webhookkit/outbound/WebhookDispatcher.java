package dev.webhookkit.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.outbound.internal.DefaultWebhookDispatcher;
import dev.webhookkit.outbound.internal.DeliveryInterceptor;
import dev.webhookkit.outbound.internal.DispatcherConfig;
import dev.webhookkit.outbound.internal.Sleeper;
import dev.webhookkit.outbound.spi.PublishHeaders;
import dev.webhookkit.outbound.internal.Version;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import dev.webhookkit.outbound.spi.Envelope;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sends events to subscribers, signed, at least once, with retries:
 *
 * <pre>{@code
 * SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
 * subscriptions.create(Subscription.builder("ops", "https://ops.example.com/hooks").secret("s3cr3t")
 *         .eventTypes("incident.*").build());
 * WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(subscriptions).build();
 * dispatcher.publish("incident.created", Map.of("id", 42));
 * ...
 * dispatcher.close(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>{@link #publish} stores one message per matching, enabled subscription in the
 * {@link DeliveryStore} and returns at once; worker threads claim due messages, sign them, POST
 * them and record every attempt. Thread-safe. {@link Builder#build()} starts the workers.
 */
public interface WebhookDispatcher extends AutoCloseable {
    /** The event type of {@link #sendTest} messages. */
    String TEST_EVENT_TYPE = "webhook.test";
    /** How long {@link #close()} waits for requests in flight. */
    Duration DEFAULT_CLOSE_DEADLINE = Duration.ofSeconds(30);

    /**
     * Stores one message per enabled subscription whose event filter matches, and returns their ids
     * at once (empty when nobody subscribes). Delivery happens on the workers.
     *
     * @param data converted to JSON with the dispatcher's ObjectMapper
     * @throws dev.webhookkit.outbound.DeliveryStoreFullException when the store cannot take them (nothing is stored)
     * @throws DispatcherClosedException after {@link #close}
     */
    List<String> publish(String eventType, Object data);

    /** As {@link #publish(String, Object)}, for data already in JSON form. */
    List<String> publish(String eventType, JsonNode data);

    /**
     * Stores one message for one subscription that carries exactly {@code body} (no envelope) and
     * {@code headers} in addition to the dispatcher's, and returns its id at once. It goes the way
     * of every message: the outbox, retries, the SSRF guard, the subscription's signing scheme over
     * these bytes, the delivery log. Meant for actions that forward or notify.
     *
     * <p>The headers are stored with the message (in memory and in webhook-jdbc) and sent on every
     * attempt, after the subscription's own; a name the signature or the subscription already sets
     * is left out. They may not use the reserved names ({@link Subscription#RESERVED_HEADERS},
     * {@code webhook-*}, {@code x-webhook-*}) except {@code Content-Type}, which replaces
     * {@code application/json}; values must have no control characters, and the headers at most
     * 8,192 characters in all. The subscription's event-type globs do not apply; a disabled one's
     * message is dead-lettered unsent, like any message whose subscription is disabled while it waits.
     *
     * @param eventType sent as {@code X-Webhook-Event}
     * @param body copied; sent byte for byte
     * @throws dev.webhookkit.core.NotFoundException when there is no such subscription
     * @throws ConfigurationException for a reserved or malformed header (naming it, never its value)
     * @throws dev.webhookkit.outbound.DeliveryStoreFullException when the store cannot take it
     * @throws DispatcherClosedException after {@link #close}
     */
    String enqueue(String subscriptionId, String eventType, byte[] body, Headers headers);

    /**
     * Sends a {@value #TEST_EVENT_TYPE} event to one subscription now, on the calling thread, even
     * when the subscription is disabled, and returns the attempt (also in the delivery log). It is
     * not retried and changes no subscription.
     *
     * @throws dev.webhookkit.core.NotFoundException when there is no such subscription
     */
    DeliveryAttempt sendTest(String subscriptionId);

    /**
     * Sends a finished (dead-lettered or delivered) message again, from its first attempt.
     *
     * @return false when the message is unknown or still pending
     * @throws dev.webhookkit.outbound.DeliveryStoreFullException when the store holds as many pending messages as it may
     */
    boolean redeliver(String messageId);

    /**
     * Sends every {@link MessageQuery.State#DEAD dead} (given up) or {@link MessageQuery.State#FAILED
     * failed} (waiting for a retry) message again, of one subscription or of all, due at once and from
     * its first attempt. Works through the store in batches of {@value #REDELIVER_BATCH}, oldest
     * first, so it holds neither a list of every match nor many locks; each message that was in the
     * state when the walk reached it is re-queued once, even when it fails again before the walk ends.
     * Failed messages that a worker is attempting right now are left to that attempt.
     *
     * @param subscriptionIdOrNull only this subscription's messages, null for every subscription
     * @return how many messages were re-queued
     * @throws dev.webhookkit.core.ConfigurationException for any state but DEAD or FAILED (naming it)
     * @throws dev.webhookkit.outbound.DeliveryStoreFullException when the store fills up on the way;
     *     the messages of earlier batches stay re-queued
     */
    long redeliverAll(String subscriptionIdOrNull, MessageQuery.State state);

    /** Messages {@link #redeliverAll} re-queues per store call. */
    int REDELIVER_BATCH = 200;

    /**
     * Whether the dispatcher runs, its backlog and the age of the oldest queued message, and whether
     * its store answers. Never throws for a store that cannot be reached: that is part of the answer.
     */
    DispatcherHealth health();

    /**
     * Where this dispatcher keeps its subscriptions' endpoint health (failure counts, why it
     * disabled one): the store's own when it has one ({@link DeliveryStore#endpointHealthStore()},
     * durable with webhook-jdbc), else the one set on the builder, else in memory.
     */
    EndpointHealthStore endpointHealth();

    /** Every attempt and outcome, with live listeners. */
    DeliveryLog log();

    SubscriptionRegistry subscriptions();

    /**
     * Stops taking events, lets requests in flight finish until {@code deadline}, gives claimed but
     * unsent messages back to the store, then interrupts what is still running (those messages stay
     * pending in the store and are retried by the next dispatcher on the same store). Nothing
     * accepted by {@link #publish} is lost from the store.
     *
     * @return true when every worker finished within the deadline
     */
    boolean close(Duration deadline);

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_DEADLINE}. */
    @Override
    default void close() {
        close(DEFAULT_CLOSE_DEADLINE);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects the dispatcher's settings; {@link #build()} validates them and starts the workers. Not thread-safe. */
    final class Builder {
        /** Default number of worker threads: each has one request in flight at a time. */
        public static final int DEFAULT_WORKERS = 16;
        /** Default number of HttpClient instances the workers share (each has its own selector thread and connection pool). */
        public static final int DEFAULT_HTTP_CLIENTS = 4;
        /** Default messages a worker claims at once. */
        public static final int DEFAULT_CLAIM_BATCH = 1;
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        /** How often idle workers look for due messages another dispatcher instance may have stored. */
        public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
        public static final Duration DEFAULT_FAILING_PERIOD = Duration.ofDays(5);
        public static final int DEFAULT_RESPONSE_SNIPPET_BYTES = 1024;
        /** The {@code User-Agent} sent unless set: {@code webhookkit/<version>}. */
        public static final String DEFAULT_USER_AGENT = Version.USER_AGENT;

        private Clock clock = Clock.systemUTC();
        private DeliveryStore store;
        private SubscriptionRegistry subscriptions;
        private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
        private SsrfGuard ssrfGuard = SsrfGuard.strict();
        private Envelope envelope = Envelope.standard();
        private ObjectMapper objectMapper;
        private HttpClient httpClient;
        private int httpClients = DEFAULT_HTTP_CLIENTS;
        private int workers = DEFAULT_WORKERS;
        private int claimBatch = DEFAULT_CLAIM_BATCH;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration lease;
        private String instanceId;
        private Duration failingPeriod = DEFAULT_FAILING_PERIOD;
        private int failedMessagesLimit;
        private int responseSnippetBytes = DEFAULT_RESPONSE_SNIPPET_BYTES;
        private final List<DispatchListener> listeners = new ArrayList<>();
        private Sleeper sleeper = Sleeper.REAL;
        private final List<DeliveryInterceptor> interceptors = new ArrayList<>();
        private String userAgent = DEFAULT_USER_AGENT;
        private PublishHeaders publishHeaders = PublishHeaders.NONE;
        private Duration leaseRenewal;
        private EndpointHealthStore endpointHealthStore;

        private Builder() {
        }

        /** The clock for message times, schedules, leases and endpoint health; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where messages wait; default {@code DeliveryStore.inMemory(DEFAULT_CAPACITY, clock)}. */
        public Builder store(DeliveryStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The subscribers; default an empty in-memory registry (see {@link WebhookDispatcher#subscriptions()}). */
        public Builder subscriptions(SubscriptionRegistry subscriptions) {
            this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** Default {@link SsrfGuard#strict()}: tests and local development allow 127.0.0.1 explicitly. */
        public Builder ssrfGuard(SsrfGuard ssrfGuard) {
            this.ssrfGuard = Objects.requireNonNull(ssrfGuard, "ssrfGuard");
            return this;
        }

        /** Default {@link Envelope#standard()}. */
        public Builder envelope(Envelope envelope) {
            this.envelope = Objects.requireNonNull(envelope, "envelope");
            return this;
        }

        /** Converts published objects to JSON; default a plain {@code new ObjectMapper()}. */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * One client for every request instead of the dispatcher's own pool. It must not follow
         * redirects ({@code HttpClient.Redirect.NEVER}; {@link #build()} refuses any other): the
         * SSRF guard checks only the subscription's URL, so a followed {@code 302} to an internal
         * address would bypass it.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** How many HttpClient instances the workers share (ignored with {@link #httpClient}); default {@value #DEFAULT_HTTP_CLIENTS}. */
        public Builder httpClients(int httpClients) {
            this.httpClients = httpClients;
            return this;
        }

        /** Worker threads, hence requests in flight at most; default {@value #DEFAULT_WORKERS}. */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Messages a worker holds at once, and the smallest claim; default {@value #DEFAULT_CLAIM_BATCH}.
         * While a backlog lasts, claims grow up to 8 × this, and what one brings in beyond the
         * claiming worker's batch goes to the instance's other workers.
         */
        public Builder claimBatch(int claimBatch) {
            this.claimBatch = claimBatch;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long idle workers wait before looking at the store again; default 1 s (tests with a moved clock use a few ms). */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
            return this;
        }

        /**
         * A fixed lease: how long a claim holds its messages before another claim (of any instance)
         * may take them once this one stopped renewing it (it crashed). Default: derived, about one
         * attempt at the longest subscription timeout {@code T}: {@code T + connect timeout + 2 s},
         * at most {@code 2T - poll interval - 1 s} (so a crashed instance's messages are taken over
         * within {@code 2T}), at least {@code T + 2 s}, re-read from the registry every second — 17 s
         * with the default timeouts. The dispatcher renews the leases it still holds (every third
         * of a fixed lease; a derived one leaves two renewals of slack) and starts a send only while
         * its lease outlasts the subscription's timeout, so a worker never sends a message another
         * instance may have taken. On a store that cannot renew leases
         * ({@link dev.webhookkit.outbound.spi.DeliveryQueue#renew}) the derived lease covers a whole
         * batch, {@code claimBatch × (T + connect timeout) + 30 s}, and a fixed one must too.
         */
        public Builder lease(Duration lease) {
            this.lease = Objects.requireNonNull(lease, "lease");
            return this;
        }

        /**
         * Where endpoint health (failure counts, why a subscription was disabled) is kept; default
         * the store's own ({@link DeliveryStore#endpointHealthStore()}: a table with webhook-jdbc, so
         * restarts and other instances share it), else in this process's memory.
         */
        public Builder endpointHealthStore(EndpointHealthStore endpointHealthStore) {
            this.endpointHealthStore = Objects.requireNonNull(endpointHealthStore, "endpointHealthStore");
            return this;
        }

        /** Test hook, not public API: how often held leases are renewed instead of the derived interval. */
        Builder leaseRenewal(Duration every) {
            this.leaseRenewal = Objects.requireNonNull(every, "every");
            return this;
        }

        /** This instance's claimant id in a shared store; default a random one. */
        public Builder instanceId(String instanceId) {
            this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
            return this;
        }

        /** Disable a subscription whose attempts all failed for this long; default 5 days; zero never. */
        public Builder disableAfterFailingFor(Duration period) {
            this.failingPeriod = Objects.requireNonNull(period, "period");
            return this;
        }

        /** Disable a subscription after this many dead-lettered messages without a success; default 0, never. */
        public Builder disableAfterFailedMessages(int messages) {
            this.failedMessagesLimit = messages;
            return this;
        }

        /** How many bytes of each answer the log keeps; default {@value #DEFAULT_RESPONSE_SNIPPET_BYTES}. */
        public Builder responseSnippetBytes(int bytes) {
            this.responseSnippetBytes = bytes;
            return this;
        }

        /**
         * The {@code User-Agent} of every request (a subscription's own {@link Subscription.Builder#userAgent} wins);
         * printable ASCII, no CR/LF, at most 256 characters; default {@link #DEFAULT_USER_AGENT}.
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = UserAgents.check("userAgent", Objects.requireNonNull(userAgent, "userAgent"));
            return this;
        }

        /** Adds a listener (more can be added later through {@link DeliveryLog#addListener}). */
        public Builder listener(DispatchListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Headers taken on the publishing thread and stored with each message (webhook-micrometer's
         * trace context); default none.
         */
        public Builder publishHeaders(PublishHeaders publishHeaders) {
            this.publishHeaders = Objects.requireNonNull(publishHeaders, "publishHeaders");
            return this;
        }

        /** Test hook, not public API: how idle workers wait, so that tests step time instead of sleeping. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Not public API yet: a step every attempt takes after the built-in ones (SSRF check,
         * headers, signing), just before the send, in the order added.
         */
        Builder interceptor(DeliveryInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** Validates the settings and starts the workers. */
        public WebhookDispatcher build() {
            positive("workers", workers);
            positive("httpClients", httpClients);
            positive("claimBatch", claimBatch);
            positive("responseSnippetBytes", responseSnippetBytes);
            if (failedMessagesLimit < 0) {
                throw new ConfigurationException("disableAfterFailedMessages must be >= 0 but was " + failedMessagesLimit);
            }
            positive("connectTimeout", connectTimeout);
            positive("pollInterval", pollInterval);
            if (failingPeriod.isNegative()) {
                throw new ConfigurationException("disableAfterFailingFor must be >= 0 but was " + failingPeriod);
            }
            if (lease != null) {
                positive("lease", lease);
            }
            if (httpClient != null && httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new ConfigurationException("httpClient must not follow redirects (HttpClient.Redirect.NEVER) but was "
                        + httpClient.followRedirects() + ": a followed redirect would bypass the SSRF guard");
            }
            if (instanceId != null && instanceId.isBlank()) {
                throw new ConfigurationException("instanceId must not be blank");
            }
            DispatcherConfig config = new DispatcherConfig(clock,
                    store != null ? store : DeliveryStore.inMemory(DeliveryStore.DEFAULT_CAPACITY, clock),
                    subscriptions != null ? subscriptions : SubscriptionRegistry.inMemory(),
                    retryPolicy, ssrfGuard, envelope, objectMapper != null ? objectMapper : new ObjectMapper(),
                    httpClient, httpClients, workers, claimBatch, connectTimeout, pollInterval, lease,
                    instanceId, failingPeriod, failedMessagesLimit, responseSnippetBytes, List.copyOf(listeners), sleeper,
                    List.copyOf(interceptors), userAgent, publishHeaders, leaseRenewal, endpointHealthStore);
            return DefaultWebhookDispatcher.start(config);
        }

        private static void positive(String name, int value) {
            if (value <= 0) {
                throw new ConfigurationException(name + " must be > 0 but was " + value);
            }
        }

        private static void positive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new ConfigurationException(name + " must be > 0 but was " + value);
            }
        }
    }
}
