package dev.webhookkit.outbound.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryLog;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DispatcherHealth;
import dev.webhookkit.outbound.DispatcherClosedException;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import dev.webhookkit.outbound.spi.MessageCursor;
import dev.webhookkit.outbound.spi.RedeliveryBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher, assembled from units with one job each: the {@link Publisher} stores one message
 * per matching subscription and wakes a worker; each {@link Worker} claims due messages through the
 * {@link Claimer}, tries them with the {@link AttemptRunner} and records the outcome through the
 * {@link Settlement}; idle workers sleep in the {@link Wakeup}. The units share the
 * {@link StoreWarnings} (one throttled line per store outage) and log under this class's name.
 */
public final class DefaultWebhookDispatcher implements WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultWebhookDispatcher.class);
    /** A store outage is reported once per interval per dispatcher, not once per failed call. */
    static final Duration STORE_WARNING_INTERVAL = Duration.ofSeconds(30);

    private final DispatcherConfig config;
    private final Clock clock;
    private final DeliveryStore store;
    private final SubscriptionRegistry subscriptions;
    private final HttpTransport transport;
    private final Listeners listeners;
    private final DeliveryLog log;
    private final String claimant;
    private final Wakeup wakeup;
    private final Publisher publisher;
    private final AttemptRunner attempts;
    private final WorkerPool workers;
    private final LeaseRenewal renewal;
    private final EndpointHealthStore healthStore;
    private final Claimer claimer;
    private volatile boolean closed;

    private DefaultWebhookDispatcher(DispatcherConfig config, Consumer<String> storeWarningSink) {
        this.config = config;
        this.clock = config.clock();
        this.store = config.store();
        this.subscriptions = config.subscriptions();
        this.transport = config.httpClient() != null
                ? HttpTransport.of(config.httpClient(), config.responseSnippetBytes())
                : HttpTransport.ownClients(Math.min(config.httpClients(), config.workers()), config.connectTimeout(), config.responseSnippetBytes());
        this.listeners = new Listeners(config.listeners());
        this.log = new StoreDeliveryLog(store, store, listeners);
        this.claimant = config.instanceId() != null ? config.instanceId() : "dispatcher-" + MessageIds.next().substring(4, 16);
        StoreWarnings storeWarnings = new StoreWarnings(claimant, clock, STORE_WARNING_INTERVAL, storeWarningSink);
        this.wakeup = new Wakeup(store, clock, config.pollInterval(), config.sleeper(), claimant);
        this.publisher = new Publisher(subscriptions, store, config.envelope(), config.retryPolicy(), clock, wakeup, claimant,
                config.publishHeaders());
        this.attempts = new AttemptRunner(clock, config.ssrfGuard(), transport, config.interceptors(), config.userAgent());
        ClaimLease lease = new ClaimLease(config.lease(), subscriptions, config.connectTimeout(), config.claimBatch(), config.pollInterval(),
                renewsLeases(store, clock), System::nanoTime);
        this.claimer = new Claimer(store, subscriptions, lease, claimant, config.claimBatch(), config.connectTimeout(), wakeup,
                storeWarnings);
        this.healthStore = config.healthStore() != null ? config.healthStore()
                : store.endpointHealthStore().orElseGet(EndpointHealthStore::inMemory);
        Settlement settlement = new Settlement(store, subscriptions, config.retryPolicy(), clock, listeners,
                new EndpointHealth(config.failingPeriod(), config.failedMessagesLimit(), healthStore, storeWarnings, System::nanoTime),
                claimant, storeWarnings);
        HeldLeases held = new HeldLeases(store, lease, clock, storeWarnings, claimant);
        List<Worker> lanes = new ArrayList<>(config.workers());
        for (int i = 0; i < config.workers(); i++) {
            lanes.add(new Worker(i, clock, subscriptions, claimer, attempts, settlement, wakeup, storeWarnings, config.pollInterval(), claimant,
                    held));
        }
        this.workers = new WorkerPool(lanes, "webhookkit-dispatch-" + claimant + "-");
        this.renewal = lease.renewed()
                ? new LeaseRenewal(held, config.leaseRenewal() != null ? config::leaseRenewal : lease::renewEvery,
                        "webhookkit-lease-renewal-" + claimant)
                : null;
    }

    /**
     * Whether the store renews leases. {@link dev.webhookkit.outbound.spi.DeliveryQueue#renew}'s
     * default throws at once, so renewing nothing tells without touching the store's data.
     */
    private static boolean renewsLeases(DeliveryStore store, Clock clock) {
        try {
            store.renew(Map.of(), clock.instant());
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        } catch (RuntimeException e) {
            return true; // it renews, but could not be reached just now
        }
    }

    /** Builds the dispatcher and starts its workers. */
    public static DefaultWebhookDispatcher start(DispatcherConfig config) {
        return start(config, LOG::warn);
    }

    /** As {@link #start(DispatcherConfig)}, with store failures reported to {@code storeWarningSink} (tests count them). */
    static DefaultWebhookDispatcher start(DispatcherConfig config, Consumer<String> storeWarningSink) {
        DefaultWebhookDispatcher d = new DefaultWebhookDispatcher(config, storeWarningSink);
        d.workers.start();
        if (d.renewal != null) {
            d.renewal.start();
        }
        return d;
    }

    @Override
    public List<String> publish(String eventType, Object data) {
        Objects.requireNonNull(data, "data");
        JsonNode tree = data instanceof JsonNode node ? node : config.objectMapper().valueToTree(data);
        return publish(eventType, tree);
    }

    @Override
    public List<String> publish(String eventType, JsonNode data) {
        return publisher.publish(eventType, data);
    }

    @Override
    public String enqueue(String subscriptionId, String eventType, byte[] body, Headers headers) {
        return publisher.enqueue(subscriptionId, eventType, body, headers);
    }

    @Override
    public boolean redeliver(String messageId) {
        boolean back = store.redeliver(Objects.requireNonNull(messageId, "messageId"), clock.instant());
        if (back) {
            wakeup.wake();
        }
        return back;
    }

    @Override
    public long redeliverAll(String subscriptionIdOrNull, MessageQuery.State state) {
        RedeliveryBatch.requireRedeliverable(Objects.requireNonNull(state, "state"));
        long requeued = 0;
        MessageCursor place = null;
        while (true) {
            RedeliveryBatch batch = store.redeliverBatch(subscriptionIdOrNull, state, place, REDELIVER_BATCH, clock.instant());
            if (batch.isEnd()) {
                break;
            }
            requeued += batch.requeued();
            place = batch.last();
            if (batch.requeued() > 0) {
                wakeup.wake();
            }
        }
        LOG.info("dispatcher {} re-queued {} {} messages{}", claimant, requeued, state.id(),
                subscriptionIdOrNull == null ? "" : " of subscription '" + subscriptionIdOrNull + "'");
        return requeued;
    }

    @Override
    public DispatcherHealth health() {
        return DispatcherHealthCheck.check(!closed, store, clock);
    }

    @Override
    public DeliveryAttempt sendTest(String subscriptionId) {
        Subscription sub = subscriptions.get(Objects.requireNonNull(subscriptionId, "subscriptionId"))
                .orElseThrow(() -> new NotFoundException("subscription", subscriptionId));
        Instant now = clock.instant();
        JsonNode data = config.objectMapper().createObjectNode()
                .put("message", "Test event from webhookkit")
                .put("subscription", sub.id());
        byte[] body = config.envelope().wrap(TEST_EVENT_TYPE, now, data);
        AttemptResult sent;
        try {
            sent = attempts.run(sub, MessageIds.next(), TEST_EVENT_TYPE, body, 1, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DispatcherClosedException("test send to '" + subscriptionId + "' was interrupted");
        }
        store.recordAttempt(sent.attempt());
        listeners.onAttempt(sent.attempt());
        return sent.attempt();
    }

    @Override
    public EndpointHealthStore endpointHealth() {
        return healthStore;
    }

    @Override
    public DeliveryLog log() {
        return log;
    }

    @Override
    public SubscriptionRegistry subscriptions() {
        return subscriptions;
    }

    @Override
    public boolean close(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        closed = true;
        publisher.close();
        wakeup.stop();
        boolean clean = workers.join(deadline);
        claimer.giveBackClaimedAhead();
        if (renewal != null) {
            renewal.stop(); // after the workers: their messages stay held until they are done
        }
        LOG.info("dispatcher {} closed ({}); {} messages pending in the store", claimant, clean ? "all requests finished" : "requests interrupted",
                safeCount(DeliveryStatus.PENDING));
        return clean;
    }

    private long safeCount(DeliveryStatus status) {
        try {
            return store.count(status);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** This instance's claimant id. */
    public String instanceId() {
        return claimant;
    }

    @Override
    public String toString() {
        return "WebhookDispatcher[" + claimant + ", workers=" + workers.size() + ", lanes=" + transport.lanes() + ", " + store + "]";
    }
}
