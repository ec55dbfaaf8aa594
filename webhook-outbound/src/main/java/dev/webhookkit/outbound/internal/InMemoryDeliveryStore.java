package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Page;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DeliveryStoreFullException;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.MessageCursor;
import dev.webhookkit.outbound.spi.RedeliveryBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * The default {@link DeliveryStore}: everything under one lock, indexed so that claiming is
 * O(log n) per message however many messages wait. Pending messages sit in one of two places:
 * a due queue per subscription (so a saturated subscription can be skipped without scanning its
 * backlog) or the lease set, ordered by lease end (so expired leases are found first).
 * Each subscription also keeps its pending messages by enqueue order and its leased ones, which is
 * what an ordered claim looks at. Finished messages are kept, oldest evicted first, up to the
 * retention bound.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {
    /** Attempts kept per subscription for {@link #attemptsForSubscription}. */
    static final int ATTEMPTS_PER_SUBSCRIPTION = 1_000;
    /** Messages not in the store (test sends) whose attempts are kept. */
    static final int LOOSE_ATTEMPT_MESSAGES = 1_000;

    private static final Comparator<Entry> BY_DUE = Comparator.<Entry, Instant>comparing(e -> e.message.nextAttemptAt())
            .thenComparingLong(e -> e.seq);
    private static final Comparator<Entry> BY_SEQ = Comparator.comparingLong(e -> e.seq);
    private static final Comparator<Entry> BY_LEASE_END = Comparator.<Entry, Instant>comparing(e -> e.leaseUntil)
            .thenComparingLong(e -> e.seq);
    private static final Comparator<DueQueue> BY_HEAD = Comparator.<DueQueue, Entry>comparing(q -> q.head, BY_DUE)
            .thenComparing(q -> q.subscriptionId);

    private final int capacity;
    private final int finishedRetention;
    private final Clock clock;
    private final Object lock = new Object();

    private final Map<String, Entry> byId = new HashMap<>();
    private final Map<String, DueQueue> dueBySubscription = new HashMap<>();
    /** Non-empty due queues ordered by their earliest message. */
    private final TreeSet<DueQueue> ready = new TreeSet<>(BY_HEAD);
    private final TreeSet<Entry> leased = new TreeSet<>(BY_LEASE_END);
    /** Finished entries in the order they finished, with the version they finished at (a redelivered one is skipped). */
    private final ArrayDeque<Finished> finished = new ArrayDeque<>();
    private final Map<String, ArrayDeque<DeliveryAttempt>> attemptsBySubscription = new HashMap<>();
    private final Map<String, List<DeliveryAttempt>> looseAttempts = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<DeliveryAttempt>> eldest) {
            return size() > LOOSE_ATTEMPT_MESSAGES;
        }
    };
    private final EnumMap<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
    private long nextSeq;

    public InMemoryDeliveryStore(int capacity, int finishedRetention, Clock clock) {
        if (capacity <= 0) {
            throw new ConfigurationException("capacity must be > 0 but was " + capacity);
        }
        if (finishedRetention < 0) {
            throw new ConfigurationException("finishedRetention must be >= 0 but was " + finishedRetention);
        }
        this.capacity = capacity;
        this.finishedRetention = finishedRetention;
        this.clock = Objects.requireNonNull(clock, "clock");
        for (DeliveryStatus s : DeliveryStatus.values()) {
            counts.put(s, 0L);
        }
    }

    @Override
    public void enqueue(List<OutboundMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        synchronized (lock) {
            if (counts.get(DeliveryStatus.PENDING) + messages.size() > capacity) {
                throw new DeliveryStoreFullException(capacity, messages.size());
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (OutboundMessage m : messages) {
                Objects.requireNonNull(m, "message");
                if (m.status() != DeliveryStatus.PENDING || m.lease().isPresent()) {
                    throw new IllegalArgumentException("enqueued messages must be pending and unleased but " + m.id() + " was " + m.status().id());
                }
                if (byId.containsKey(m.id()) || !ids.add(m.id())) {
                    throw new AlreadyExistsException("message", m.id());
                }
            }
            for (OutboundMessage m : messages) {
                Entry e = new Entry(nextSeq++, m);
                byId.put(m.id(), e);
                addDue(e);
                adjust(DeliveryStatus.PENDING, 1);
            }
        }
    }

    @Override
    public List<OutboundMessage> claim(ClaimRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = request.now();
        Instant until = request.leaseUntil();
        OutboundMessage.Lease lease = new OutboundMessage.Lease(request.claimant(), until, OutboundMessage.Lease.newToken());
        List<OutboundMessage> out = new ArrayList<>(Math.min(request.limit(), 64));
        synchronized (lock) {
            // Expired leases first: their messages have been due the longest.
            List<Entry> expired = new ArrayList<>();
            for (Entry e : leased) {
                if (out.size() + expired.size() >= request.limit() || e.leaseUntil.isAfter(now)) {
                    break;
                }
                String sub = e.message.subscriptionId();
                if (!request.excludedSubscriptions().contains(sub)
                        && (!request.orderedSubscriptions().contains(sub) || isTurnOf(queueOf(e), e, now))) {
                    expired.add(e);
                }
            }
            for (Entry e : expired) {
                unlease(e);
                out.add(lease(e, lease));
            }
            while (out.size() < request.limit()) {
                Entry e = nextDue(now, request);
                if (e == null) {
                    break;
                }
                DueQueue q = queueOf(e);
                ready.remove(q);
                if (e == q.head) {
                    q.queue.poll();
                } else {
                    q.queue.remove(e); // an ordered subscription's earliest, due later than others that wait behind it
                }
                q.refreshHead();
                if (q.head != null) {
                    ready.add(q);
                }
                out.add(lease(e, lease));
            }
        }
        return out;
    }

    /** The next unleased message to claim: the earliest due of a subscription not skipped, or of an ordered one its earliest enqueued. */
    private Entry nextDue(Instant now, ClaimRequest request) {
        for (DueQueue q : ready) {
            if (q.head.message.nextAttemptAt().isAfter(now)) {
                return null;
            }
            if (request.excludedSubscriptions().contains(q.subscriptionId)) {
                continue;
            }
            if (!request.orderedSubscriptions().contains(q.subscriptionId)) {
                return q.head;
            }
            Entry first = q.pending.first();
            if (first.leaseUntil == null && !first.message.nextAttemptAt().isAfter(now) && isTurnOf(q, first, now)) {
                return first;
            }
        }
        return null;
    }

    /** For an ordered subscription: {@code e} is its earliest pending message and none of its messages holds a lease at {@code now}. */
    private static boolean isTurnOf(DueQueue q, Entry e, Instant now) {
        if (q.pending.first() != e) {
            return false;
        }
        for (Entry l : q.leasedEntries) {
            if (l.leaseUntil.isAfter(now)) {
                return false;
            }
        }
        return true;
    }

    private DueQueue queueOf(Entry e) {
        return dueBySubscription.get(e.message.subscriptionId());
    }

    private OutboundMessage lease(Entry e, OutboundMessage.Lease lease) {
        e.message = e.message.toBuilder().lease(lease).build();
        e.leaseUntil = lease.until();
        leased.add(e);
        queueOf(e).leasedEntries.add(e);
        return e.message;
    }

    /** Takes the entry out of the lease set (its lease is then cleared or replaced). */
    private void unlease(Entry e) {
        leased.remove(e);
        queueOf(e).leasedEntries.remove(e);
    }

    @Override
    public boolean complete(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt) {
        return finish(messageId, lease, attempt, DeliveryStatus.DELIVERED);
    }

    @Override
    public boolean deadLetter(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt) {
        return finish(messageId, lease, attempt, DeliveryStatus.DEAD_LETTERED);
    }

    private boolean finish(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt, DeliveryStatus status) {
        Objects.requireNonNull(attempt, "attempt");
        synchronized (lock) {
            Entry e = byId.get(Objects.requireNonNull(messageId, "messageId"));
            addAttempt(e, messageId, attempt);
            if (!holds(e, lease)) {
                return false;
            }
            unlease(e);
            queueOf(e).pending.remove(e);
            e.message = e.message.toBuilder().status(status).attemptCount(attempt.attemptNumber()).lease(null)
                    .updatedAt(clock.instant()).build();
            e.leaseUntil = null;
            e.version++;
            adjust(DeliveryStatus.PENDING, -1);
            adjust(status, 1);
            finished.addLast(new Finished(e, e.version));
            evictFinished();
            return true;
        }
    }

    @Override
    public boolean reschedule(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt, Instant nextAttemptAt) {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        synchronized (lock) {
            Entry e = byId.get(Objects.requireNonNull(messageId, "messageId"));
            addAttempt(e, messageId, attempt);
            if (!holds(e, lease)) {
                return false;
            }
            unlease(e);
            e.message = e.message.toBuilder().attemptCount(attempt.attemptNumber()).nextAttemptAt(nextAttemptAt).lease(null)
                    .updatedAt(clock.instant()).build();
            e.leaseUntil = null;
            addDue(e);
            return true;
        }
    }

    @Override
    public boolean release(String messageId, OutboundMessage.Lease lease) {
        synchronized (lock) {
            Entry e = byId.get(Objects.requireNonNull(messageId, "messageId"));
            if (!holds(e, lease)) {
                return false;
            }
            unlease(e);
            e.message = e.message.toBuilder().lease(null).updatedAt(clock.instant()).build();
            e.leaseUntil = null;
            addDue(e);
            return true;
        }
    }

    /** Ownership is the token alone: a later claim, even by the same claimant, has another one. */
    private static boolean holds(Entry e, OutboundMessage.Lease lease) {
        Objects.requireNonNull(lease, "lease");
        return e != null && e.leaseUntil != null && e.message.lease().map(l -> l.token().equals(lease.token())).orElse(false);
    }

    @Override
    public boolean redeliver(String messageId, Instant dueAt) {
        Objects.requireNonNull(dueAt, "dueAt");
        synchronized (lock) {
            Entry e = byId.get(Objects.requireNonNull(messageId, "messageId"));
            if (e == null || !e.message.status().isFinished()) {
                return false;
            }
            if (counts.get(DeliveryStatus.PENDING) + 1 > capacity) {
                throw new DeliveryStoreFullException(capacity, 1);
            }
            requeueFinished(e, dueAt);
            return true;
        }
    }

    private void requeueFinished(Entry e, Instant dueAt) {
        adjust(e.message.status(), -1);
        adjust(DeliveryStatus.PENDING, 1);
        e.version++;
        e.message = e.message.toBuilder().status(DeliveryStatus.PENDING).attemptCount(0).nextAttemptAt(dueAt).lease(null)
                .updatedAt(clock.instant()).build();
        addDue(e);
    }

    /** A failed message waiting in its due queue is taken out (its sort key changes) and put back due at {@code dueAt}. */
    private void requeueWaiting(Entry e, Instant dueAt) {
        DueQueue q = dueBySubscription.get(e.message.subscriptionId());
        ready.remove(q);
        q.queue.remove(e);
        e.message = e.message.toBuilder().attemptCount(0).nextAttemptAt(dueAt).updatedAt(clock.instant()).build();
        q.queue.add(e);
        q.refreshHead();
        ready.add(q);
    }

    @Override
    public RedeliveryBatch redeliverBatch(String subscriptionId, MessageQuery.State state, MessageCursor after, int limit, Instant dueAt) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dueAt, "dueAt");
        RedeliveryBatch.requireRedeliverable(state);
        if (limit < 1 || limit > RedeliveryBatch.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + RedeliveryBatch.MAX_LIMIT + " but was " + limit);
        }
        synchronized (lock) {
            // The first `limit` candidates after the place, by a bounded max-heap: no full sort, no list of every match.
            PriorityQueue<Entry> firstOnes = new PriorityQueue<>(Comparator.comparing((Entry e) -> e.message, MessageCursor.OLDEST_FIRST).reversed());
            for (Entry e : byId.values()) {
                if (isRedeliverable(e, subscriptionId, state) && (after == null || after.compareTo(e.message) < 0)) {
                    firstOnes.add(e);
                    if (firstOnes.size() > limit) {
                        firstOnes.poll();
                    }
                }
            }
            int scanned = firstOnes.size();
            if (scanned == 0) {
                return new RedeliveryBatch(0, 0, null);
            }
            if (state == MessageQuery.State.DEAD && counts.get(DeliveryStatus.PENDING) + scanned > capacity) {
                throw new DeliveryStoreFullException(capacity, scanned);
            }
            List<Entry> batch = new ArrayList<>(firstOnes);
            batch.sort(Comparator.comparing((Entry e) -> e.message, MessageCursor.OLDEST_FIRST));
            for (Entry e : batch) {
                if (state == MessageQuery.State.DEAD) {
                    requeueFinished(e, dueAt);
                } else {
                    requeueWaiting(e, dueAt);
                }
            }
            return new RedeliveryBatch(scanned, scanned, MessageCursor.of(batch.get(batch.size() - 1).message));
        }
    }

    private static boolean isRedeliverable(Entry e, String subscriptionId, MessageQuery.State state) {
        OutboundMessage m = e.message;
        return (subscriptionId == null || subscriptionId.equals(m.subscriptionId()))
                && MessageQuery.State.of(m) == state
                && (state == MessageQuery.State.DEAD || e.leaseUntil == null);
    }

    @Override
    public void recordAttempt(DeliveryAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        synchronized (lock) {
            addAttempt(byId.get(attempt.messageId()), attempt.messageId(), attempt);
        }
    }

    private void addAttempt(Entry e, String messageId, DeliveryAttempt attempt) {
        if (e != null) {
            if (e.attempts.isEmpty()) {
                e.attempts = new ArrayList<>(2);
            }
            e.attempts.add(attempt);
        } else {
            looseAttempts.computeIfAbsent(messageId, k -> new ArrayList<>(1)).add(attempt);
        }
        ArrayDeque<DeliveryAttempt> bySub = attemptsBySubscription.computeIfAbsent(attempt.subscriptionId(), k -> new ArrayDeque<>());
        bySub.addLast(attempt);
        if (bySub.size() > ATTEMPTS_PER_SUBSCRIPTION) {
            bySub.removeFirst();
        }
    }

    @Override
    public Optional<OutboundMessage> message(String messageId) {
        synchronized (lock) {
            Entry e = byId.get(Objects.requireNonNull(messageId, "messageId"));
            return e == null ? Optional.empty() : Optional.of(e.message);
        }
    }

    @Override
    public List<OutboundMessage> messagesForSubscription(String subscriptionId, int limit) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        synchronized (lock) {
            return byId.values().stream().filter(e -> e.message.subscriptionId().equals(subscriptionId))
                    .sorted(Comparator.<Entry, Instant>comparing(e -> e.message.createdAt()).thenComparingLong(e -> e.seq).reversed())
                    .limit(limit).map(e -> e.message).toList();
        }
    }

    @Override
    public List<OutboundMessage> messagesWithStatus(DeliveryStatus status, int limit) {
        Objects.requireNonNull(status, "status");
        synchronized (lock) {
            return byId.values().stream().filter(e -> e.message.status() == status)
                    .sorted(Comparator.<Entry, Instant>comparing(e -> e.message.updatedAt()).thenComparingLong(e -> e.seq).reversed())
                    .limit(limit).map(e -> e.message).toList();
        }
    }

    @Override
    public Page<OutboundMessage> messages(MessageQuery query) {
        Objects.requireNonNull(query, "query");
        MessageCursor after = query.cursor() == null ? null : MessageCursor.decode(query.cursor());
        synchronized (lock) {
            // One more than the page, to know whether another page follows; a bounded heap keeps only those.
            int wanted = query.limit() + 1;
            PriorityQueue<OutboundMessage> newest = new PriorityQueue<>(MessageCursor.OLDEST_FIRST);
            for (Entry e : byId.values()) {
                if (query.matches(e.message) && (after == null || after.compareTo(e.message) > 0)) {
                    newest.add(e.message);
                    if (newest.size() > wanted) {
                        newest.poll();
                    }
                }
            }
            List<OutboundMessage> page = new ArrayList<>(newest);
            page.sort(MessageCursor.OLDEST_FIRST.reversed());
            return MessageCursor.page(page, query.limit());
        }
    }

    @Override
    public Optional<Instant> oldestPending() {
        synchronized (lock) {
            Instant oldest = null;
            for (Entry e : byId.values()) {
                if (e.message.status() == DeliveryStatus.PENDING && (oldest == null || e.message.createdAt().isBefore(oldest))) {
                    oldest = e.message.createdAt();
                }
            }
            return Optional.ofNullable(oldest);
        }
    }

    @Override
    public List<DeliveryAttempt> attempts(String messageId) {
        synchronized (lock) {
            Entry e = byId.get(Objects.requireNonNull(messageId, "messageId"));
            List<DeliveryAttempt> list = e != null ? e.attempts : looseAttempts.getOrDefault(messageId, List.of());
            return List.copyOf(list);
        }
    }

    @Override
    public List<DeliveryAttempt> attemptsForSubscription(String subscriptionId, int limit) {
        synchronized (lock) {
            ArrayDeque<DeliveryAttempt> all = attemptsBySubscription.get(Objects.requireNonNull(subscriptionId, "subscriptionId"));
            if (all == null) {
                return List.of();
            }
            List<DeliveryAttempt> out = new ArrayList<>(Math.min(limit, all.size()));
            Iterator<DeliveryAttempt> it = all.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
            return out;
        }
    }

    @Override
    public long count(DeliveryStatus status) {
        synchronized (lock) {
            return counts.get(Objects.requireNonNull(status, "status"));
        }
    }

    @Override
    public int purgeFinished(Instant before) {
        Objects.requireNonNull(before, "before");
        synchronized (lock) {
            int removed = 0;
            for (Iterator<Entry> it = byId.values().iterator(); it.hasNext();) {
                Entry e = it.next();
                if (e.message.status().isFinished() && e.message.updatedAt().isBefore(before)) {
                    it.remove();
                    adjust(e.message.status(), -1);
                    e.version++;
                    removed++;
                }
            }
            finished.removeIf(f -> f.entry.version != f.version);
            return removed;
        }
    }

    @Override
    public Optional<Instant> nextDueAt() {
        synchronized (lock) {
            Instant due = ready.isEmpty() ? null : ready.first().head.message.nextAttemptAt();
            if (!leased.isEmpty()) {
                Instant leaseEnd = leased.first().leaseUntil;
                due = due == null || leaseEnd.isBefore(due) ? leaseEnd : due;
            }
            return Optional.ofNullable(due);
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "InMemoryDeliveryStore[capacity=" + capacity + ", " + counts + "]";
        }
    }

    private void addDue(Entry e) {
        DueQueue q = dueBySubscription.computeIfAbsent(e.message.subscriptionId(), DueQueue::new);
        if (q.head != null) {
            ready.remove(q);
        }
        q.queue.add(e);
        q.pending.add(e);
        q.refreshHead();
        ready.add(q);
    }

    private void evictFinished() {
        while (finished.size() > finishedRetention) {
            Finished f = finished.removeFirst();
            if (f.entry.version == f.version && byId.get(f.entry.message.id()) == f.entry) {
                byId.remove(f.entry.message.id());
                adjust(f.entry.message.status(), -1);
            }
        }
    }

    private void adjust(DeliveryStatus status, long delta) {
        counts.merge(status, delta, Long::sum);
    }

    /** A stored message and its attempts; mutable, guarded by the store's lock. */
    private static final class Entry {
        final long seq;
        OutboundMessage message;
        /** Set while the entry is in the lease set; the set's sort key, so only changed outside it. */
        Instant leaseUntil;
        /** Bumped whenever the entry finishes, is redelivered or purged. */
        long version;
        /** Created on the first attempt: most messages are delivered on their first try, and queued ones have none. */
        List<DeliveryAttempt> attempts = List.of();

        Entry(long seq, OutboundMessage message) {
            this.seq = seq;
            this.message = message;
        }
    }

    private record Finished(Entry entry, long version) {
    }

    /** One subscription's unleased pending messages, earliest due first; and what an ordered claim needs. */
    private static final class DueQueue {
        final String subscriptionId;
        final PriorityQueue<Entry> queue = new PriorityQueue<>(BY_DUE);
        /** Every pending message, leased or not, by enqueue order. */
        final TreeSet<Entry> pending = new TreeSet<>(BY_SEQ);
        /** The pending messages in the lease set (live or run out). */
        final java.util.Set<Entry> leasedEntries = new java.util.HashSet<>(2);
        /** The queue's head when it was last put into {@code ready}: the sort key, so only changed outside it. */
        Entry head;

        DueQueue(String subscriptionId) {
            this.subscriptionId = subscriptionId;
        }

        void refreshHead() {
            head = queue.peek();
        }
    }
}
