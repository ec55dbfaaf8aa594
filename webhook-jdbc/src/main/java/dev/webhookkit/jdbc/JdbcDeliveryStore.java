package dev.webhookkit.jdbc;

import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Page;
import dev.webhookkit.core.internal.ThrottledLog;
import dev.webhookkit.jdbc.internal.BatchStatements;
import dev.webhookkit.jdbc.internal.Binder;
import dev.webhookkit.jdbc.internal.DayPartitions;
import dev.webhookkit.jdbc.internal.MessageFilter;
import dev.webhookkit.jdbc.internal.OutboxPurge;
import dev.webhookkit.jdbc.internal.OutboxRows;
import dev.webhookkit.jdbc.internal.PendingVacuum;
import dev.webhookkit.jdbc.internal.Sql;
import dev.webhookkit.jdbc.internal.Tables;
import dev.webhookkit.outbound.ClaimRequest;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DeliveryStoreFullException;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import dev.webhookkit.outbound.spi.MessageCursor;
import dev.webhookkit.outbound.spi.RedeliveryBatch;
import dev.webhookkit.outbound.spi.SettleRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link DeliveryStore}: the outbox is a table, so queued webhooks survive restarts and
 * any number of dispatcher instances can share it.
 *
 * <pre>{@code
 * HikariDataSource db = new HikariDataSource(config);            // the host's pool
 * JdbcSchema.create(db);                                          // or apply schema-postgresql.sql yourself
 * DeliveryStore outbox = JdbcDeliveryStore.builder(db).build();
 * WebhookDispatcher dispatcher = WebhookDispatcher.builder().store(outbox) ... .build();
 * }</pre>
 *
 * <p>Claiming takes due rows with {@code SELECT … FOR UPDATE SKIP LOCKED} and writes a lease
 * (claimant, lease end and a token new for this claim) in the same transaction: concurrent claimants
 * on any instance never get the same message, and a message whose claimant crashed is claimable
 * again once its lease ends. Settling matches the token, so only the latest claim can settle.
 * Every state change after an attempt records the attempt in the same transaction. Delivery is
 * therefore at least once: a claimant that dies after sending but before completing leaves a
 * message that is sent again.
 *
 * <p>Finished messages and attempts are kept in tables of one UTC day each (the outbox and the
 * delivery log are partitioned, see {@link JdbcSchema}), so {@link #purgeFinished} drops whole days
 * in milliseconds instead of deleting rows, without holding up claims; a {@link Builder#retention}
 * does it on a schedule. Build the store with a retention, or call {@code purgeFinished} regularly,
 * so that the days ahead get their tables; {@link #close()} stops the schedule.
 *
 * <p>PostgreSQL (12 or later) is the target and is tested. A claim, a completion and a batch of
 * settlements ({@link #settleAll}) are one statement and one round trip each (an enqueue is one
 * insert and one look among the finished ids, in a transaction), through PostgreSQL's {@code UPDATE … FROM … RETURNING} and
 * a data-modifying {@code WITH}; the rest is plain SQL. Lease times come from the claimants'
 * clocks, so keep instances' clocks synchronized. Works with any
 * {@link DataSource}; size its pool for the dispatchers' worker threads. Thread-safe. An
 * unreachable database throws {@link dev.webhookkit.core.DependencyUnavailableException}; missing
 * tables a {@link ConfigurationException} saying how to create them.
 */
public final class JdbcDeliveryStore implements DeliveryStore, AutoCloseable {
    /** Default capacity: no bound on pending messages but the database's. */
    public static final long UNBOUNDED = Long.MAX_VALUE;
    /** Time between scheduled purges by default, when a retention is set. */
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(10);
    /** Time between the store's vacuums of the pending table by default ({@link Builder#vacuumInterval}). */
    public static final Duration DEFAULT_VACUUM_INTERVAL = Duration.ofSeconds(5);
    /** Days ahead of today whose tables a purge creates, so finished messages never wait for one. */
    public static final int DAYS_AHEAD = 3;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDeliveryStore.class);

    private static final String PENDING = "'pending'";
    private static final String FINISHED = "('delivered', 'dead_lettered')";
    /** Ends a lease, in a SET clause. */
    private static final String NO_LEASE = "lease_owner = NULL, lease_until = NULL, lease_token = NULL";
    /** Matches a pending message only while the caller's lease token (the last two parameters: id, token) is current. */
    private static final String HELD_BY_TOKEN = " WHERE id = ? AND status = " + PENDING + " AND lease_token = ?";
    /**
     * After {@code FROM outbox}, in {@code NOT EXISTS}: a pending row of candidate {@code c}'s
     * subscription enqueued before it, or leased now (parameter: now). One probe of the
     * {@code outbox_pending_seq} index answers for a row that is not its subscription's first; for
     * the first one the scan reads that subscription's pending rows, once per message sent.
     */
    private static final String ORDERED_TURN = " p WHERE p.subscription_id = c.subscription_id AND p.status = " + PENDING
            + " AND (p.seq < c.seq OR p.lease_until > ?)";
    private static final String CLAIMED_COLUMNS = OutboxRows.MESSAGE_COLUMNS.replaceAll("(\\w+)", "o.$1");

    private final DataSource dataSource;
    private final Tables tables;
    private final long capacity;
    private final Clock clock;
    private final JdbcEndpointHealthStore endpointHealth;
    private final OutboxPurge purge;
    private final Duration retention;
    private final ThrottledLog failures;
    private final ScheduledExecutorService purger;
    private final BatchStatements batches;
    private final PendingVacuum vacuum;

    private JdbcDeliveryStore(Builder b) {
        this.dataSource = b.dataSource;
        this.tables = new Tables(b.tablePrefix);
        this.batches = new BatchStatements(tables, b.synchronousSettlements);
        this.capacity = b.capacity;
        this.clock = b.clock;
        this.endpointHealth = JdbcEndpointHealthStore.of(b.dataSource, b.tablePrefix);
        this.purge = new OutboxPurge(b.dataSource, tables);
        this.retention = b.retention;
        this.failures = new ThrottledLog(b.clock, Duration.ofSeconds(30), LOG::warn);
        this.purger = retention == null ? null : startPurger(b.purgeInterval);
        this.vacuum = new PendingVacuum(b.dataSource, tables, b.vacuumInterval);
    }

    /** The first run at once, so that today's and the next days' tables exist before messages finish. */
    private ScheduledExecutorService startPurger(Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhookkit-outbox-retention-" + tables.outbox());
            t.setDaemon(true); // never keeps the JVM alive; close() stops it
            return t;
        });
        executor.scheduleWithFixedDelay(this::purgeOnSchedule, 0, Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS);
        return executor;
    }

    /** Starts a configuration around the host's {@link DataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public void enqueue(List<OutboundMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        Set<String> ids = new HashSet<>();
        for (OutboundMessage m : messages) {
            Objects.requireNonNull(m, "message");
            if (m.status() != DeliveryStatus.PENDING || m.lease().isPresent()) {
                throw new IllegalArgumentException("enqueued messages must be pending and unleased but " + m.id() + " was " + m.status().id());
            }
            if (!ids.add(m.id())) {
                throw new AlreadyExistsException("message", m.id());
            }
        }
        if (messages.isEmpty()) {
            return;
        }
        try {
            Sql.transaction(dataSource, "enqueueing " + messages.size() + " messages", c -> {
                checkRoomFor(c, messages.size());
                batches.enqueue(c, messages); // one statement whatever the batch size
                rejectIdsOfFinishedMessages(c, ids);
                return null;
            });
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw new AlreadyExistsException("message", storedIdAmong(ids), e);
            }
            throw e;
        }
    }

    /**
     * Only the pending table can hold the id unique (a partitioned table's unique keys must include
     * its partition key), so a finished message with the id is looked for after the insert, in its
     * transaction: a message finishing meanwhile left the pending table only once its move was
     * committed (the insert waited for it), so this statement sees it in the finished ones.
     */
    private void rejectIdsOfFinishedMessages(Connection c, Set<String> ids) throws SQLException {
        // One index probe per new id in each finished table: with "id = ANY (?)" on the parent the planner scanned
        // the finished tables whole, a cost that grew with the history and halved the outbox's throughput.
        try (PreparedStatement ps = c.prepareStatement("SELECT f.id FROM unnest(?::varchar[]) AS n(id) JOIN " + tables.outbox()
                + "_finished f ON f.id = n.id LIMIT 1")) {
            ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new AlreadyExistsException("message", rs.getString(1));
                }
            }
        }
    }

    private void checkRoomFor(Connection c, int requested) throws SQLException {
        if (capacity == UNBOUNDED) {
            return;
        }
        // Checked, not locked: instances enqueueing at the same moment may overshoot by one batch each.
        if (countPending(c) + requested > capacity) {
            throw new DeliveryStoreFullException(capacity, requested);
        }
    }

    private long countPending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + tables.outbox() + " WHERE status = " + PENDING);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException next = s; next != null; next = next.getNextException()) {
                    if (Sql.UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private String storedIdAmong(Set<String> ids) {
        for (String id : ids) {
            if (message(id).isPresent()) {
                return id;
            }
        }
        return "(one of the batch)";
    }

    /**
     * One statement, one round trip: the due rows are picked and locked by a
     * {@code SELECT … FOR UPDATE SKIP LOCKED} (rows another claimant is locking are skipped, not
     * waited for) and leased by the {@code UPDATE} after it. The outer {@code status = 'pending'}
     * keeps the update to the pending table. A row of an ordered subscription qualifies only when
     * no pending row of that subscription comes before it or is leased now ({@link #ORDERED_TURN});
     * the lease written by the claim is then what keeps every other instance from taking the next one.
     */
    @Override
    public List<OutboundMessage> claim(ClaimRequest request) {
        Objects.requireNonNull(request, "request");
        List<String> excluded = List.copyOf(request.excludedSubscriptions());
        List<String> ordered = List.copyOf(request.orderedSubscriptions());
        Instant now = Sql.micros(request.now());
        Instant until = Sql.micros(request.leaseUntil());
        // MATERIALIZED: picked once; as a subquery the planner may rescan it per row, locking more than the limit.
        String sql = "WITH due AS MATERIALIZED (SELECT id FROM " + tables.outbox() + " c"
                + " WHERE status = " + PENDING + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)"
                + (excluded.isEmpty() ? "" : " AND subscription_id NOT IN (" + Sql.placeholders(excluded.size()) + ")")
                + (ordered.isEmpty() ? "" : " AND (subscription_id NOT IN (" + Sql.placeholders(ordered.size()) + ")"
                        + " OR NOT EXISTS (SELECT 1 FROM " + tables.outbox() + ORDERED_TURN + "))")
                + " ORDER BY next_attempt_at, seq LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE " + tables.outbox() + " o SET lease_owner = ?, lease_until = ?, lease_token = ? FROM due"
                + " WHERE o.id = due.id AND o.status = " + PENDING + " RETURNING o.seq, " + CLAIMED_COLUMNS;
        return Sql.autoCommit(dataSource, "claiming messages", c -> {
            List<Claimed> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Binder b = new Binder(ps).instant(now).instant(now).strings(excluded).strings(ordered);
                if (!ordered.isEmpty()) {
                    b.instant(now);
                }
                b.integer(request.limit()).string(request.claimant()).instant(until).string(OutboundMessage.Lease.newToken());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Claimed(rs.getLong("seq"), OutboxRows.message(rs)));
                    }
                }
            }
            // RETURNING comes in no particular order: earliest due first, as claimed.
            claimed.sort(Comparator.comparing((Claimed x) -> x.message().nextAttemptAt()).thenComparingLong(Claimed::seq));
            return claimed.stream().map(Claimed::message).toList();
        });
    }

    private record Claimed(long seq, OutboundMessage message) {
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
        requireSettlement(messageId, lease, attempt);
        Instant changedAt = clock.instant();
        String sql = withAttempt("UPDATE " + tables.outbox() + " SET status = ?, attempt_count = ?, " + NO_LEASE + ", updated_at = ?"
                + HELD_BY_TOKEN);
        return settle((status == DeliveryStatus.DELIVERED ? "completing" : "dead-lettering") + " message " + messageId, sql, b -> {
            OutboxRows.bindAttempt(b, attempt);
            b.string(status.id()).integer(attempt.attemptNumber()).instant(changedAt).string(messageId).string(lease.token());
        });
    }

    @Override
    public boolean reschedule(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt, Instant nextAttemptAt) {
        requireSettlement(messageId, lease, attempt);
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Instant changedAt = clock.instant();
        String sql = withAttempt("UPDATE " + tables.outbox() + " SET next_attempt_at = ?, attempt_count = ?, " + NO_LEASE + ", updated_at = ?"
                + HELD_BY_TOKEN);
        return settle("rescheduling message " + messageId, sql, b -> {
            OutboxRows.bindAttempt(b, attempt);
            b.instant(nextAttemptAt).integer(attempt.attemptNumber()).instant(changedAt).string(messageId).string(lease.token());
        });
    }

    /**
     * One statement, one round trip and one commit for the whole batch: the attempts are inserted
     * and the changes applied by one data-modifying {@code WITH}, each change matched by id and
     * lease token, so a lost lease is refused for that message alone and its attempt still recorded.
     * When the statement fails, none of the batch is applied. Committed without waiting for the
     * disk unless {@link Builder#synchronousSettlements} is set.
     */
    @Override
    public List<Boolean> settleAll(List<SettleRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        requests.forEach(r -> Objects.requireNonNull(r, "request"));
        if (requests.isEmpty()) {
            return List.of();
        }
        Instant changedAt = clock.instant();
        List<Boolean> applied = Sql.autoCommit(dataSource, "settling " + requests.size() + " messages", c -> batches.settle(c, requests, changedAt));
        vacuum.changed(requests.size());
        return applied;
    }

    @Override
    public boolean release(String messageId, OutboundMessage.Lease lease) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(lease, "lease");
        Instant changedAt = clock.instant();
        String sql = "UPDATE " + tables.outbox() + " SET " + NO_LEASE + ", updated_at = ?" + HELD_BY_TOKEN;
        return settle("releasing message " + messageId, sql, b -> b.instant(changedAt).string(messageId).string(lease.token()));
    }

    /**
     * One statement for every held lease, however many: the (id, token) pairs come as two arrays
     * that {@code unnest} joins to the outbox, and only rows still pending under their token are
     * extended; {@code RETURNING} says which.
     */
    @Override
    public Set<String> renew(Map<String, OutboundMessage.Lease> held, Instant until) {
        Objects.requireNonNull(held, "held");
        Objects.requireNonNull(until, "until");
        if (held.isEmpty()) {
            return Set.of();
        }
        String[] ids = new String[held.size()];
        String[] tokens = new String[held.size()];
        int i = 0;
        for (Map.Entry<String, OutboundMessage.Lease> h : held.entrySet()) {
            ids[i] = Objects.requireNonNull(h.getKey(), "message id");
            tokens[i++] = Objects.requireNonNull(h.getValue(), "lease").token();
        }
        // SKIP LOCKED: a renewal never waits, so it cannot deadlock with a settlement batch locking the same rows in
        // another order. A row locked now is being settled by its own worker (already sent) or claimed by another
        // instance (this lease ran out): either way it is reported as not held, and is not sent from here.
        String sql = "WITH locked AS MATERIALIZED (SELECT o.id FROM " + tables.outbox() + " o"
                + " JOIN unnest(?::varchar[], ?::varchar[]) AS held(id, token) ON o.id = held.id AND o.lease_token = held.token"
                + " WHERE o.status = " + PENDING + " FOR UPDATE OF o SKIP LOCKED)"
                + " UPDATE " + tables.outbox() + " o SET lease_until = ? FROM locked"
                + " WHERE o.id = locked.id AND o.status = " + PENDING + " RETURNING o.id";
        return Sql.autoCommit(dataSource, "renewing " + held.size() + " leases", c -> {
            Set<String> renewed = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setArray(1, c.createArrayOf("varchar", ids));
                ps.setArray(2, c.createArrayOf("varchar", tokens));
                Sql.setInstant(ps, 3, until);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        renewed.add(rs.getString(1));
                    }
                }
            }
            return renewed;
        });
    }

    private static void requireSettlement(String messageId, OutboundMessage.Lease lease, DeliveryAttempt attempt) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(attempt, "attempt");
    }

    /** Runs one update of a claimed message; true when it matched (the lease was still the caller's). */
    private boolean settle(String operation, String sql, Binder.Binding binding) {
        boolean applied = Sql.autoCommit(dataSource, operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binding.bind(new Binder(ps));
                return ps.executeUpdate() == 1;
            }
        });
        vacuum.changed(1);
        return applied;
    }

    @Override
    public boolean redeliver(String messageId, Instant dueAt) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(dueAt, "dueAt");
        Instant changedAt = clock.instant();
        return Sql.transaction(dataSource, "redelivering message " + messageId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM " + tables.outbox() + " WHERE id = ? FOR UPDATE")) {
                new Binder(ps).string(messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !DeliveryStatus.fromId(rs.getString(1)).isFinished()) {
                        return false;
                    }
                }
            }
            checkRoomFor(c, 1);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.outbox()
                    + " SET status = " + PENDING + ", attempt_count = 0, next_attempt_at = ?, " + NO_LEASE + ", updated_at = ? WHERE id = ?")) {
                new Binder(ps).instant(dueAt).instant(changedAt).string(messageId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void recordAttempt(DeliveryAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        Sql.autoCommit(dataSource, "recording an attempt of " + attempt.messageId(), c -> {
            insertAttempt(c, attempt);
            return null;
        });
    }

    /**
     * {@code update} preceded by the insert of an attempt, as one statement: the attempt is recorded
     * whether or not the update matches, atomically and in one round trip. Its parameters are the
     * attempt's ({@link OutboxRows#bindAttempt}) and then the update's.
     */
    private String withAttempt(String update) {
        return "WITH attempt AS (" + insertAttemptSql() + ") " + update;
    }

    private String insertAttemptSql() {
        return "INSERT INTO " + tables.attempt() + " (" + OutboxRows.ATTEMPT_COLUMNS + ") VALUES " + OutboxRows.valuesFor(OutboxRows.ATTEMPT_COLUMNS);
    }

    private void insertAttempt(Connection c, DeliveryAttempt attempt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertAttemptSql())) {
            OutboxRows.bindAttempt(new Binder(ps), attempt);
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<OutboundMessage> message(String messageId) {
        Objects.requireNonNull(messageId, "messageId");
        List<OutboundMessage> found = selectMessages("reading message " + messageId, " WHERE id = ?", b -> b.string(messageId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<OutboundMessage> messagesForSubscription(String subscriptionId, int limit) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        if (checkLimit(limit) == 0) {
            return List.of();
        }
        return selectMessages("listing messages of subscription " + subscriptionId,
                " WHERE subscription_id = ? ORDER BY created_at DESC, seq DESC LIMIT ?", b -> b.string(subscriptionId).integer(limit));
    }

    @Override
    public List<OutboundMessage> messagesWithStatus(DeliveryStatus status, int limit) {
        Objects.requireNonNull(status, "status");
        if (checkLimit(limit) == 0) {
            return List.of();
        }
        return selectMessages("listing " + status.id() + " messages",
                " WHERE status = ? ORDER BY updated_at DESC, seq DESC LIMIT ?", b -> b.string(status.id()).integer(limit));
    }

    /**
     * Keyset paging: {@code (created_at, id) < (cursor)} newest first, ids compared in code-point
     * order ({@code COLLATE "C"}, as the in-memory store compares them), one row more than the page to
     * know whether another follows. The status and subscription filters each have an index that
     * also serves the order ({@code _status_created}, {@code _sub_created}).
     */
    @Override
    public Page<OutboundMessage> messages(MessageQuery query) {
        Objects.requireNonNull(query, "query");
        MessageCursor after = query.cursor() == null ? null : MessageCursor.decode(query.cursor());
        MessageFilter filter = MessageFilter.of(query.subscriptionId(), query.state());
        String where = filter.where()
                + (after == null ? "" : (filter.where().isEmpty() ? " WHERE" : " AND") + " (created_at, id COLLATE \"C\") < (?, ?)")
                + " ORDER BY created_at DESC, id COLLATE \"C\" DESC LIMIT ?";
        List<OutboundMessage> rows = selectMessages("querying messages", where, b -> {
            filter.bind(b);
            if (after != null) {
                b.instant(after.createdAt()).string(after.id());
            }
            b.integer(query.limit() + 1);
        });
        return MessageCursor.page(rows, query.limit());
    }

    @Override
    public Optional<Instant> oldestPending() {
        return Sql.autoCommit(dataSource, "finding the oldest pending message", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(created_at) AS oldest FROM " + tables.outbox()
                    + " WHERE status = " + PENDING);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(Sql.getInstant(rs, "oldest"));
            }
        });
    }

    /**
     * One transaction: the step's rows are picked oldest first after the place and locked
     * ({@code FOR UPDATE}, which re-checks the filter on rows a settlement changed meanwhile), then
     * updated by id. At most {@code limit} rows, so a large redelivery never holds many locks.
     */
    @Override
    public RedeliveryBatch redeliverBatch(String subscriptionId, MessageQuery.State state, MessageCursor after, int limit, Instant dueAt) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dueAt, "dueAt");
        RedeliveryBatch.requireRedeliverable(state);
        if (limit < 1 || limit > RedeliveryBatch.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + RedeliveryBatch.MAX_LIMIT + " but was " + limit);
        }
        MessageFilter filter = MessageFilter.of(subscriptionId, state);
        String unclaimed = state == MessageQuery.State.FAILED ? " AND lease_until IS NULL" : "";
        String select = "SELECT id, created_at FROM " + tables.outbox() + filter.where() + unclaimed
                + (after == null ? "" : " AND (created_at, id COLLATE \"C\") > (?, ?)") + " ORDER BY created_at, id COLLATE \"C\" LIMIT ? FOR UPDATE";
        Instant changedAt = clock.instant();
        return Sql.transaction(dataSource, "redelivering " + state.id() + " messages", c -> {
            List<String> ids = new ArrayList<>();
            MessageCursor last = null;
            try (PreparedStatement ps = c.prepareStatement(select)) {
                Binder b = new Binder(ps);
                filter.bind(b);
                if (after != null) {
                    b.instant(after.createdAt()).string(after.id());
                }
                b.integer(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        MessageCursor place = new MessageCursor(Sql.getInstant(rs, "created_at"), rs.getString("id"));
                        ids.add(place.id());
                        // Locked rows may come out of order (a re-checked row keeps its old place): keep the furthest.
                        last = last == null || place.compareTo(last) > 0 ? place : last;
                    }
                }
            }
            if (ids.isEmpty()) {
                return new RedeliveryBatch(0, 0, null);
            }
            if (state == MessageQuery.State.DEAD) {
                checkRoomFor(c, ids.size());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.outbox() + " SET status = " + PENDING
                    + ", attempt_count = 0, next_attempt_at = ?, " + NO_LEASE + ", updated_at = ? WHERE id IN (" + Sql.placeholders(ids.size()) + ")")) {
                new Binder(ps).instant(dueAt).instant(changedAt).strings(ids);
                return new RedeliveryBatch(ids.size(), ps.executeUpdate(), last);
            }
        });
    }

    /** The outbox rows {@code where} selects; {@code binding} binds all of its parameters. */
    private List<OutboundMessage> selectMessages(String operation, String where, Binder.Binding binding) {
        return Sql.autoCommit(dataSource, operation, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + OutboxRows.MESSAGE_COLUMNS + " FROM " + tables.outbox() + where)) {
                binding.bind(new Binder(ps));
                List<OutboundMessage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(OutboxRows.message(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<DeliveryAttempt> attempts(String messageId) {
        Objects.requireNonNull(messageId, "messageId");
        return selectAttempts("reading attempts of " + messageId, " WHERE message_id = ? ORDER BY seq", b -> b.string(messageId));
    }

    @Override
    public List<DeliveryAttempt> attemptsForSubscription(String subscriptionId, int limit) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        if (checkLimit(limit) == 0) {
            return List.of();
        }
        return selectAttempts("reading attempts of subscription " + subscriptionId, " WHERE subscription_id = ? ORDER BY seq DESC LIMIT ?",
                b -> b.string(subscriptionId).integer(limit));
    }

    /** The attempt rows {@code where} selects; {@code binding} binds all of its parameters. */
    private List<DeliveryAttempt> selectAttempts(String operation, String where, Binder.Binding binding) {
        return Sql.autoCommit(dataSource, operation, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + OutboxRows.ATTEMPT_COLUMNS + " FROM " + tables.attempt() + where)) {
                binding.bind(new Binder(ps));
                List<DeliveryAttempt> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(OutboxRows.attempt(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long count(DeliveryStatus status) {
        Objects.requireNonNull(status, "status");
        return Sql.autoCommit(dataSource, "counting " + status.id() + " messages", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + tables.outbox() + " WHERE status = ?")) {
                new Binder(ps).string(status.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Drops the days that ended before {@code before} whole (their finished messages and attempts;
     * the attempts of messages that stay are moved aside first) and deletes the rest before it row
     * by row in batches of a few hundred: the part of the day {@code before} falls into, and rows of
     * days that had no table. So a cut-off at midnight UTC costs milliseconds however many messages
     * go. Also creates the tables of today and the {@value #DAYS_AHEAD} days ahead that are missing.
     * Claims and settlements go on meanwhile; each drop holds back the writes of finished rows for
     * the few milliseconds it takes, and gives up after 200 ms when a long query holds the tables
     * (retried twice, then thrown: call again).
     */
    @Override
    public int purgeFinished(Instant before) {
        Objects.requireNonNull(before, "before");
        createDayTables();
        return purge.purgeFinished(before);
    }

    /**
     * Purges what finished before the UTC day that {@linkplain Builder#retention retention} ago
     * falls into: only whole days, so messages are kept at least the retention and at most a day
     * longer, and the purge drops tables without deleting rows. The store calls this on its own
     * every {@link Builder#purgeInterval}.
     *
     * @return the number of messages deleted
     * @throws ConfigurationException when the store was built without a retention
     */
    public int purgeExpired() {
        if (retention == null) {
            throw new ConfigurationException("purgeExpired() needs a retention: build the store with retention(Duration)");
        }
        return purgeFinished(DayPartitions.start(DayPartitions.dayOf(clock.instant().minus(retention))));
    }

    private void createDayTables() {
        LocalDate today = DayPartitions.dayOf(clock.instant());
        purge.days().createMissing(dataSource, today, today.plusDays(DAYS_AHEAD));
    }

    private void purgeOnSchedule() {
        try {
            int deleted = purgeExpired();
            if (deleted > 0) {
                LOG.debug("outbox {}: purged {} finished messages older than {}", tables.outbox(), deleted, retention);
            }
        } catch (RuntimeException e) {
            failures.failed("outbox " + tables.outbox() + " could not purge finished messages: " + e.getMessage());
        }
    }

    /** Stops the retention and vacuum schedules (if any); the data source stays the host's. Idempotent. */
    @Override
    public void close() {
        if (purger != null) {
            purger.shutdownNow();
        }
        vacuum.close();
    }

    /**
     * The earliest due time of an unleased pending message. Leases that ran out (a crashed
     * claimant's) are not looked at: the dispatcher's poll interval finds those.
     */
    @Override
    public Optional<Instant> nextDueAt() {
        return Sql.autoCommit(dataSource, "finding the next due message", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(next_attempt_at) AS due FROM " + tables.outbox()
                    + " WHERE status = " + PENDING + " AND lease_until IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(Sql.getInstant(rs, "due"));
            }
        });
    }

    private static int checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 but was " + limit);
        }
        return limit;
    }

    /** Endpoint health in this database, named with this store's prefix: a dispatcher on this store shares it with every instance. */
    @Override
    public Optional<EndpointHealthStore> endpointHealthStore() {
        return Optional.of(endpointHealth);
    }

    @Override
    public String toString() {
        return "JdbcDeliveryStore[" + tables.outbox() + (capacity == UNBOUNDED ? "" : ", capacity=" + capacity) + "]";
    }

    /** Configures a {@link JdbcDeliveryStore}; not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix = Tables.DEFAULT_PREFIX;
        private long capacity = UNBOUNDED;
        private Clock clock = Clock.systemUTC();
        private Duration retention;
        private Duration purgeInterval = DEFAULT_PURGE_INTERVAL;
        private boolean synchronousSettlements;
        private Duration vacuumInterval = DEFAULT_VACUUM_INTERVAL;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The prefix of the table names (default {@value Tables#DEFAULT_PREFIX}), as given to {@link JdbcSchema#create(DataSource, String)}. */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = Objects.requireNonNull(tablePrefix, "tablePrefix");
            return this;
        }

        /**
         * At most this many pending messages (default {@link #UNBOUNDED}); beyond it enqueue throws
         * {@link DeliveryStoreFullException}. Costs a count of pending rows per enqueue, and is a soft
         * bound when several instances enqueue at the same moment.
         */
        public Builder capacity(long capacity) {
            this.capacity = capacity;
            return this;
        }

        /**
         * Keeps finished messages and their attempts this long, then purges them (default: kept until
         * {@link JdbcDeliveryStore#purgeFinished} removes them). Granularity is one UTC day: a message
         * goes with the whole day it finished in, once that day ended more than the retention ago.
         * The purge runs at once and then every {@link #purgeInterval} on a daemon thread of the
         * store's own (stopped by {@link JdbcDeliveryStore#close()}), or on demand by
         * {@link JdbcDeliveryStore#purgeExpired()}; several instances may all run it.
         */
        public Builder retention(Duration retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** Time between scheduled purges when a retention is set (default 10 minutes). */
        public Builder purgeInterval(Duration purgeInterval) {
            this.purgeInterval = Objects.requireNonNull(purgeInterval, "purgeInterval");
            return this;
        }

        /**
         * Time between the store's own {@code VACUUM (ANALYZE)} runs of the pending table
         * ({@code <prefix>outbox_pending}), default {@link #DEFAULT_VACUUM_INTERVAL}; a run happens
         * only when messages were settled since the last one, on a daemon thread started by the
         * first settlement and stopped by {@link JdbcDeliveryStore#close()}. The table is small and
         * hot: each settled message leaves a dead row in it, and between autovacuum's visits (once a
         * minute at most) claims slow down several times over. Needs the role to own the table (PostgreSQL
         * answers others with a warning; the store logs it once and stops). {@link Duration#ZERO}
         * leaves the table to autovacuum alone: then lower {@code autovacuum_naptime}.
         */
        public Builder vacuumInterval(Duration vacuumInterval) {
            this.vacuumInterval = Objects.requireNonNull(vacuumInterval, "vacuumInterval");
            return this;
        }

        /** Stamps {@code updatedAt} of changed messages, and decides which day is today (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether a batch of settlements ({@link JdbcDeliveryStore#settleAll}, what the dispatcher
         * records outcomes with) waits for its commit to reach the disk. Default false: the batch
         * commits with {@code synchronous_commit = off} for that transaction alone, so a worker does
         * not wait for a WAL flush per message. What that risks is bounded: if PostgreSQL itself
         * crashes, the settlements of its last moments (up to 3 × {@code wal_writer_delay}, 0.6 s by
         * default) are lost as a whole, so those messages are pending under their old lease again
         * and are sent again after it (at least once still holds) and their attempts are missing
         * from the log. Enqueued messages are always committed synchronously, so none is ever lost.
         * True makes every settlement batch wait for its flush, as the single calls always do.
         */
        public Builder synchronousSettlements(boolean synchronousSettlements) {
            this.synchronousSettlements = synchronousSettlements;
            return this;
        }

        /** @throws ConfigurationException naming the setting when one is invalid */
        public JdbcDeliveryStore build() {
            if (capacity <= 0) {
                throw new ConfigurationException("capacity must be > 0 but was " + capacity);
            }
            if (retention != null && (retention.isNegative() || retention.isZero())) {
                throw new ConfigurationException("retention must be > 0 but was " + retention);
            }
            if (vacuumInterval.isNegative()) {
                throw new ConfigurationException("vacuumInterval must be >= 0 but was " + vacuumInterval);
            }
            if (purgeInterval.isNegative() || purgeInterval.isZero()) {
                throw new ConfigurationException("purgeInterval must be > 0 but was " + purgeInterval);
            }
            new Tables(tablePrefix);
            return new JdbcDeliveryStore(this);
        }
    }
}
