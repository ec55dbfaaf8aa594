package dev.webhookkit.outbound.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.internal.ThrottledLog;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryLog;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.DispatcherClosedException;
import dev.webhookkit.outbound.Disposition;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.UrlCheck;
import dev.webhookkit.outbound.UrlRejection;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher: worker threads that each claim due messages from the store, send them one at a
 * time over their lane's HttpClient and record the outcome. Idle workers sleep until a publish,
 * a freed in-flight slot, the store's next due time or the poll interval, whichever comes first.
 */
public final class DefaultWebhookDispatcher implements WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultWebhookDispatcher.class);
    /** A store outage is reported once per interval per dispatcher, not once per failed call. */
    static final Duration STORE_WARNING_INTERVAL = Duration.ofSeconds(30);

    private final DispatcherConfig config;
    private final Clock clock;
    private final DeliveryStore store;
    private final SubscriptionRegistry subscriptions;
    private final RetryPolicy policy;
    private final HttpTransport transport;
    private final Listeners listeners;
    private final DeliveryLog log;
    private final InFlightLimits limits = new InFlightLimits();
    private final EndpointHealth health;
    private final String claimant;
    private final ClaimLease claimLease;
    private final SettlementFailures settlementFailures = new SettlementFailures();
    private final ThrottledLog storeWarnings;
    private final List<Thread> workers = new ArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    /**
     * Bumped whenever there may be new work. A worker about to sleep first counts itself idle,
     * then re-reads the epoch; a waker first bumps the epoch, then reads the idle count. One of
     * the two always sees the other's write, so no wake-up is lost, and neither side takes the
     * lock unless someone actually sleeps.
     */
    private final AtomicLong workEpoch = new AtomicLong();
    private final AtomicInteger idleWorkers = new AtomicInteger();
    private volatile boolean accepting = true;
    private volatile boolean running = true;

    private DefaultWebhookDispatcher(DispatcherConfig config, Consumer<String> storeWarningSink) {
        this.config = config;
        this.clock = config.clock();
        this.store = config.store();
        this.subscriptions = config.subscriptions();
        this.policy = config.retryPolicy();
        this.transport = config.httpClient() != null
                ? HttpTransport.of(config.httpClient(), config.responseSnippetBytes())
                : HttpTransport.ownClients(Math.min(config.httpClients(), config.workers()), config.connectTimeout(), config.responseSnippetBytes());
        this.listeners = new Listeners(config.listeners());
        this.log = new StoreDeliveryLog(store, store, listeners);
        this.health = new EndpointHealth(config.failingPeriod(), config.failedMessagesLimit());
        this.claimant = config.instanceId() != null ? config.instanceId() : "dispatcher-" + MessageIds.next().substring(4, 16);
        this.claimLease = new ClaimLease(config.lease(), subscriptions, config.connectTimeout(), config.claimBatch(), System::nanoTime);
        this.storeWarnings = new ThrottledLog(clock, STORE_WARNING_INTERVAL, storeWarningSink);
    }

    /** Builds the dispatcher and starts its workers. */
    public static DefaultWebhookDispatcher start(DispatcherConfig config) {
        return start(config, LOG::warn);
    }

    /** As {@link #start(DispatcherConfig)}, with store failures reported to {@code storeWarningSink} (tests count them). */
    static DefaultWebhookDispatcher start(DispatcherConfig config, Consumer<String> storeWarningSink) {
        DefaultWebhookDispatcher d = new DefaultWebhookDispatcher(config, storeWarningSink);
        for (int i = 0; i < config.workers(); i++) {
            int lane = i;
            Thread t = new Thread(() -> d.runWorker(lane), "webhookkit-dispatch-" + d.claimant + "-" + i);
            t.setDaemon(true);
            d.workers.add(t);
        }
        d.workers.forEach(Thread::start);
        return d;
    }

    // ---- publishing -------------------------------------------------------------------------

    @Override
    public List<String> publish(String eventType, Object data) {
        Objects.requireNonNull(data, "data");
        JsonNode tree = data instanceof JsonNode node ? node : config.objectMapper().valueToTree(data);
        return publish(eventType, tree);
    }

    @Override
    public List<String> publish(String eventType, JsonNode data) {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(data, "data");
        if (eventType.isBlank()) {
            throw new ConfigurationException("eventType must not be blank");
        }
        if (!accepting) {
            throw new DispatcherClosedException("dispatcher " + claimant + " is closed and takes no more events");
        }
        List<Subscription> targets = subscriptions.matching(eventType);
        if (targets.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        byte[] body = config.envelope().wrap(eventType, now, data);
        Instant due = now.plus(policy.initialDelay());
        List<OutboundMessage> messages = new ArrayList<>(targets.size());
        List<String> ids = new ArrayList<>(targets.size());
        for (Subscription s : targets) {
            String id = MessageIds.next();
            ids.add(id);
            messages.add(OutboundMessage.builder(id, s.id(), eventType, now, body).nextAttemptAt(due).build());
        }
        store.enqueue(messages);
        wakeWorkers(messages.size());
        return ids;
    }

    @Override
    public boolean redeliver(String messageId) {
        boolean back = store.redeliver(Objects.requireNonNull(messageId, "messageId"), clock.instant());
        if (back) {
            wakeWorkers();
        }
        return back;
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
        Sent sent;
        try {
            sent = attempt(sub, MessageIds.next(), TEST_EVENT_TYPE, body, 1, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DispatcherClosedException("test send to '" + subscriptionId + "' was interrupted");
        }
        store.recordAttempt(sent.attempt());
        listeners.onAttempt(sent.attempt());
        return sent.attempt();
    }

    @Override
    public DeliveryLog log() {
        return log;
    }

    @Override
    public SubscriptionRegistry subscriptions() {
        return subscriptions;
    }

    // ---- workers ----------------------------------------------------------------------------

    private void runWorker(int lane) {
        while (running) {
            long epoch = currentEpoch();
            List<OutboundMessage> batch;
            try {
                batch = claim();
            } catch (RuntimeException e) {
                storeFailed("could not claim messages (trying again every " + config.pollInterval() + ")", e);
                batch = List.of();
            }
            if (batch.isEmpty()) {
                if (!awaitWork(epoch)) {
                    return;
                }
                continue;
            }
            int next = 0;
            while (next < batch.size() && running) {
                OutboundMessage m = batch.get(next++);
                try {
                    deliver(m, lane);
                } catch (InterruptedException e) {
                    // Shutdown past its deadline: the message in flight goes back untried, like the rest.
                    giveBack(m, false);
                    giveBack(batch.subList(next, batch.size()));
                    return;
                } catch (RuntimeException e) {
                    LOG.error("dispatcher {} failed delivering message {}; it stays in the store and is retried after its lease",
                            claimant, m.id(), e);
                } finally {
                    if (limits.release(m.subscriptionId())) {
                        wakeWorkers();
                    }
                }
            }
            giveBack(batch.subList(next, batch.size()));
        }
    }

    /** Claims due messages, one in-flight slot each; messages whose subscription is full go straight back. */
    private List<OutboundMessage> claim() {
        ClaimRequest request = new ClaimRequest(claimant, clock.instant(), claimLease.get(), config.claimBatch(), limits.saturated());
        List<OutboundMessage> claimed = store.claim(request);
        if (claimed.isEmpty()) {
            return claimed;
        }
        List<OutboundMessage> mine = new ArrayList<>(claimed.size());
        for (OutboundMessage m : claimed) {
            int max = subscriptions.get(m.subscriptionId()).map(Subscription::maxInFlight).orElse(Integer.MAX_VALUE);
            if (limits.tryAcquire(m.subscriptionId(), max)) {
                mine.add(m);
            } else {
                giveBack(m, false);
            }
        }
        return mine;
    }

    /** Gives claimed, unsent messages back to the store and frees their in-flight slots. */
    private void giveBack(List<OutboundMessage> unsent) {
        for (OutboundMessage m : unsent) {
            giveBack(m, true);
        }
    }

    private void giveBack(OutboundMessage m, boolean freeSlot) {
        try {
            store.release(m.id(), leaseOf(m));
        } catch (RuntimeException e) {
            storeFailed("could not give message " + m.id() + " back (it is claimable again after its lease)", e);
        } finally {
            if (freeSlot) {
                limits.release(m.subscriptionId());
            }
        }
    }

    private long currentEpoch() {
        return workEpoch.get();
    }

    /** Sleeps until there may be work. @return false when the dispatcher stopped */
    private boolean awaitWork(long seenEpoch) {
        long waitNanos = waitNanos();
        lock.lock();
        idleWorkers.incrementAndGet();
        try {
            if (!running) {
                return false;
            }
            if (workEpoch.get() != seenEpoch) {
                return true;
            }
            workAvailable.awaitNanos(waitNanos);
            return running;
        } catch (InterruptedException e) {
            return false;
        } finally {
            idleWorkers.decrementAndGet();
            lock.unlock();
        }
    }

    private long waitNanos() {
        long poll = config.pollInterval().toNanos();
        try {
            Optional<Instant> next = store.nextDueAt();
            if (next.isPresent()) {
                Duration until = Duration.between(clock.instant(), next.get());
                // Due already but not claimed: its subscription is full; a freed slot wakes us.
                if (!until.isNegative() && !until.isZero()) {
                    return Math.min(poll, until.toNanos());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("dispatcher {} could not ask the store for its next due time", claimant, e);
        }
        return poll;
    }

    /** Wakes one idle worker. */
    private void wakeWorkers() {
        wakeWorkers(1);
    }

    /**
     * Wakes up to {@code count} idle workers: one per new message rather than all of them, since a
     * herd of workers racing for one message costs more context switches than the send itself.
     */
    private void wakeWorkers(int count) {
        workEpoch.incrementAndGet();
        if (idleWorkers.get() == 0) {
            return;
        }
        lock.lock();
        try {
            for (int i = Math.min(count, idleWorkers.get()); i > 0; i--) {
                workAvailable.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void wakeAllWorkers() {
        workEpoch.incrementAndGet();
        lock.lock();
        try {
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- one delivery -----------------------------------------------------------------------

    private void deliver(OutboundMessage m, int lane) throws InterruptedException {
        int number = m.attemptCount() + 1;
        if (settlementFailures.exhausted(m.id())) {
            giveUpUnsettled(m, number);
            return;
        }
        Optional<Subscription> found = subscriptions.get(m.subscriptionId());
        if (found.isEmpty() || !found.get().enabled()) {
            String why = found.isEmpty() ? "subscription deleted" : "subscription disabled";
            DeliveryAttempt attempt = DeliveryAttempt.failed(m.id(), m.subscriptionId(), number, found.map(s -> s.url().toString()).orElse(""),
                    clock.instant(), Duration.ZERO, AttemptOutcome.NOT_SENT, why);
            finish(m, attempt, new RetryPolicy.Decision(Disposition.DEAD_LETTER, Optional.empty()), null);
            return;
        }
        Subscription sub = found.get();
        Sent sent = attempt(sub, m.id(), m.eventType(), m.body(), number, lane);
        int maxAttempts = sub.maxAttempts().orElse(policy.maxAttempts());
        Instant end = clock.instant();
        RetryPolicy.Decision decision = policy.decide(sent.attempt(), maxAttempts,
                sent.retryAfter().flatMap(v -> RetryAfterHeader.parse(v, end)), end);
        finish(m, sent.attempt(), decision, sub);
    }

    /**
     * The store failed to record this message's outcome {@link SettlementFailures#LIMIT} times, so
     * it may well have been delivered that often already: dead-letter it instead of sending again.
     */
    private void giveUpUnsettled(OutboundMessage m, int number) {
        String url = subscriptions.get(m.subscriptionId()).map(s -> s.url().toString()).orElse("");
        LOG.warn("dispatcher {} does not send message {} again: the store failed to record its outcome {} times; dead-lettering it",
                claimant, m.id(), SettlementFailures.LIMIT);
        DeliveryAttempt attempt = DeliveryAttempt.failed(m.id(), m.subscriptionId(), number, url, clock.instant(), Duration.ZERO,
                AttemptOutcome.NOT_SENT, "not sent again: recording the outcome failed " + SettlementFailures.LIMIT + " times");
        finish(m, attempt, new RetryPolicy.Decision(Disposition.DEAD_LETTER, Optional.empty()), null);
    }

    private void finish(OutboundMessage m, DeliveryAttempt attempt, RetryPolicy.Decision decision, Subscription sub) {
        OutboundMessage.Builder after = m.toBuilder().attemptCount(attempt.attemptNumber()).lease(null);
        OutboundMessage.Lease lease = leaseOf(m);
        boolean applied;
        try {
            switch (decision.disposition()) {
                case DELIVERED -> {
                    applied = store.complete(m.id(), lease, attempt);
                    after.status(DeliveryStatus.DELIVERED);
                }
                case RETRY -> {
                    Instant next = decision.nextAttemptAt().orElseThrow();
                    applied = store.reschedule(m.id(), lease, attempt, next);
                    after.nextAttemptAt(next);
                }
                default -> {
                    applied = store.deadLetter(m.id(), lease, attempt);
                    after.status(DeliveryStatus.DEAD_LETTERED);
                }
            }
        } catch (RuntimeException e) {
            // The message stays leased and is claimed again after the lease: counted, so that it is not resent forever.
            int failures = settlementFailures.failed(m.id());
            storeFailed("could not record attempt " + attempt.attemptNumber() + " of message " + m.id() + " (failure " + failures
                    + "; after " + SettlementFailures.LIMIT + " it is not sent again)", e);
            listeners.onAttempt(attempt);
            return;
        }
        settlementFailures.settled(m.id());
        listeners.onAttempt(attempt);
        if (!applied) {
            LOG.warn("dispatcher {} lost the lease of message {} during attempt {}; another instance owns it now",
                    claimant, m.id(), attempt.attemptNumber());
            return;
        }
        OutboundMessage now = after.build();
        switch (decision.disposition()) {
            case DELIVERED -> listeners.onDelivered(now, attempt);
            case RETRY -> listeners.onRetryScheduled(now, attempt);
            default -> listeners.onDeadLettered(now, attempt);
        }
        if (sub != null) {
            trackHealth(sub, attempt, decision.disposition());
        }
    }

    private void trackHealth(Subscription sub, DeliveryAttempt attempt, Disposition disposition) {
        if (disposition == Disposition.DELIVERED) {
            health.succeeded(sub.id());
            return;
        }
        if (disposition == Disposition.GONE) {
            disable(sub.id(), DisableReason.GONE);
            return;
        }
        health.failed(sub.id(), clock.instant(), disposition == Disposition.DEAD_LETTER)
                .ifPresent(reason -> disable(sub.id(), reason));
    }

    private void disable(String subscriptionId, DisableReason reason) {
        health.forget(subscriptionId);
        Optional<Subscription> current = subscriptions.get(subscriptionId);
        if (current.isEmpty() || !current.get().enabled()) {
            return;
        }
        Subscription disabled = current.get().toBuilder().enabled(false).build();
        try {
            subscriptions.update(disabled);
        } catch (NotFoundException e) {
            return; // deleted meanwhile
        }
        LOG.warn("dispatcher {} disabled subscription {} ({})", claimant, subscriptionId, reason);
        listeners.onSubscriptionDisabled(disabled, reason);
    }

    private static OutboundMessage.Lease leaseOf(OutboundMessage m) {
        return m.lease().orElseThrow(() -> new IllegalStateException("the store returned message " + m.id() + " without a lease"));
    }

    /**
     * Reports a failed store call through the throttled log: during an outage every worker fails
     * every poll, and one line per interval (with the count of those left out) says as much.
     */
    private void storeFailed(String what, RuntimeException e) {
        storeWarnings.failed("dispatcher " + claimant + " " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        LOG.debug("dispatcher {} store failure", claimant, e);
    }

    /** An attempt and the answer's Retry-After, if any. */
    private record Sent(DeliveryAttempt attempt, Optional<String> retryAfter) {
    }

    /** Checks the URL, signs, sends once; never throws except when interrupted. */
    private Sent attempt(Subscription sub, String messageId, String eventType, byte[] body, int number, int lane) throws InterruptedException {
        Instant started = clock.instant();
        String url = sub.url().toString();
        UrlCheck check = config.ssrfGuard().check(sub.url());
        if (!check.isAllowed()) {
            boolean dns = check.rejection().orElseThrow() == UrlRejection.UNRESOLVABLE_HOST;
            return new Sent(DeliveryAttempt.failed(messageId, sub.id(), number, url, started, Duration.ZERO,
                    dns ? AttemptOutcome.CONNECTION_ERROR : AttemptOutcome.BLOCKED,
                    (dns ? "" : "blocked by the SSRF guard (" + check.rejection().orElseThrow() + "): ") + check.detail()), Optional.empty());
        }
        List<String> headers;
        try {
            headers = headers(sub, messageId, eventType, body, started);
        } catch (RuntimeException e) {
            // Scheme errors name the problem ("no active secret"), never the secret.
            return new Sent(DeliveryAttempt.failed(messageId, sub.id(), number, url, started, Duration.ZERO, AttemptOutcome.NOT_SENT,
                    "could not sign with " + sub.signer().schemeId() + ": " + e.getMessage()), Optional.empty());
        }
        TransportResult r = transport.post(lane, sub.url(), body, headers, sub.timeout());
        Duration latency = Duration.ofNanos(r.latencyNanos());
        DeliveryAttempt attempt = r.answered()
                ? DeliveryAttempt.answered(messageId, sub.id(), number, url, started, latency, r.statusCode(), r.snippet())
                : DeliveryAttempt.failed(messageId, sub.id(), number, url, started, latency, r.failure(), r.error());
        return new Sent(attempt, r.retryAfter());
    }

    /**
     * The request headers as name, value pairs: ours, then the signature scheme's (which may repeat
     * the id and timestamp under its own names, as Standard Webhooks does), then the subscription's
     * extra ones (validated not to clash with ours).
     */
    private static List<String> headers(Subscription sub, String messageId, String eventType, byte[] body, Instant signedAt) {
        Headers signature = sub.signer().sign(SigningInput.of(messageId, signedAt, body, sub.url().toString()), sub.secrets());
        List<String> h = new ArrayList<>(16);
        addUnlessSigned(h, signature, "Content-Type", "application/json");
        addUnlessSigned(h, signature, "User-Agent", Version.USER_AGENT);
        addUnlessSigned(h, signature, "X-Webhook-Id", messageId);
        addUnlessSigned(h, signature, "X-Webhook-Event", eventType);
        addUnlessSigned(h, signature, "X-Webhook-Timestamp", Long.toString(signedAt.getEpochSecond()));
        addPairs(h, signature);
        addPairs(h, sub.headers());
        return h;
    }

    /** A scheme that sets one of our headers itself (its own timestamp format …) wins. */
    private static void addUnlessSigned(List<String> out, Headers signature, String name, String value) {
        if (!signature.contains(name)) {
            out.add(name);
            out.add(value);
        }
    }

    private static void addPairs(List<String> out, Headers headers) {
        for (String name : headers.names()) {
            for (String value : headers.all(name)) {
                out.add(name);
                out.add(value);
            }
        }
    }

    // ---- shutdown ---------------------------------------------------------------------------

    @Override
    public boolean close(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        accepting = false;
        running = false;
        wakeAllWorkers();
        long end = System.nanoTime() + Math.max(0, deadline.toNanos());
        boolean clean = true;
        for (Thread t : workers) {
            long left = end - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            clean &= !t.isAlive();
        }
        if (!clean) {
            // Past the deadline: interrupt the stragglers; their messages go back to the store untried.
            workers.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
            for (Thread t : workers) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
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
