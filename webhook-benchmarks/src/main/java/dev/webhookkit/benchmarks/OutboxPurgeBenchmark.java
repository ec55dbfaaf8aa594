package dev.webhookkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.jdbc.DeliveryLoop;
import dev.webhookkit.jdbc.FinishedDays;
import dev.webhookkit.jdbc.JdbcDeliveryStore;
import dev.webhookkit.jdbc.JdbcSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to purge {@code messages} finished messages and their attempts (two expired days, written
 * fresh before every iteration by webhook-jdbc's {@code FinishedDays}, the rows of
 * {@code JdbcPurgeAtScaleTest}), while a delivery loop (enqueue, claim, complete, on the same
 * outbox) runs alongside: {@code partitionedPurge} is the store's own purge
 * ({@code JdbcDeliveryStore.purgeFinished}, which {@code purgeExpired} and the retention schedule
 * call), which drops the days' tables; the baseline {@code deleteStatement} is what a hand-written
 * purge does on the same rows, one {@code DELETE ... WHERE status IN (...) AND updated_at < ?} with
 * the attempts. Each reports, as secondary results, the delivery cycles that overlapped the purge
 * ({@code deliveryCycles}) and those longer than {@value #STALL_MILLIS} ms
 * ({@code stalledDeliveryCycles}: the purge held delivery up), and prints the longest cycle of
 * each iteration.
 *
 * <p>Needs a PostgreSQL at {@code -Dwebhookkit.bench.jdbcUrl} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code -Dwebhookkit.bench.user}, default
 * {@code postgres}); its tables get a fresh prefix per iteration and are dropped afterwards.
 * Writing a million rows takes tens of seconds per iteration (not measured); {@code -p
 * messages=100000} is a quicker look.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
// One purge at a time: the rows are written once per iteration and the purge takes them all.
@Threads(1)
public class OutboxPurgeBenchmark {
    /** A delivery cycle longer than this waited on the purge (a quiet one takes a few milliseconds). */
    static final long STALL_MILLIS = 500;
    static final Duration STALL = Duration.ofMillis(STALL_MILLIS);

    /** Finished messages (one attempt each) purged per iteration, half on each of two days. */
    @Param({"1000000"})
    public int messages;

    private HikariDataSource pool;
    private String prefix;
    private FinishedDays days;
    private JdbcDeliveryStore store;
    private DeliveryLoop loop;
    private DeliveryDuringPurge during;

    /**
     * What the delivery loop did while the purge ran, reported with each method's time (JMH sums
     * these over the iterations; each iteration's value is in the JSON's rawData). Filled in when
     * the iteration ends, after the loop finished the cycle it was in.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class DeliveryDuringPurge {
        /** Enqueue-claim-complete cycles that overlapped the purge. */
        public long deliveryCycles;
        /** Of those, the ones that took longer than {@value OutboxPurgeBenchmark#STALL_MILLIS} ms: delivery waited on the purge. */
        public long stalledDeliveryCycles;
    }

    @Setup(Level.Trial)
    public void connect() {
        pool = BenchDatabase.pool("purge-bench", 6);
    }

    @Setup(Level.Iteration)
    public void writeFinishedDays() throws InterruptedException {
        prefix = "bench_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        JdbcSchema.create(pool, prefix);
        days = new FinishedDays(pool, prefix, messages);
        days.write();
        store = JdbcDeliveryStore.builder(pool).tablePrefix(prefix).build();
        loop = DeliveryLoop.start(store, "new-", 20, Duration.ofSeconds(30));
    }

    @Benchmark
    public int partitionedPurge(DeliveryDuringPurge counters) {
        during = counters;
        loop.watch();
        int purged = store.purgeFinished(days.cutoff());
        loop.stopWatching();
        return checked(purged);
    }

    @Benchmark
    public int deleteStatement(DeliveryDuringPurge counters) throws SQLException {
        during = counters;
        loop.watch();
        int purged;
        // One statement: the messages, and the attempts of the messages it deleted.
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("WITH gone AS (DELETE FROM " + prefix + "outbox"
                + " WHERE status IN ('delivered', 'dead_lettered') AND updated_at < ? RETURNING id), attempts AS (DELETE FROM " + prefix
                + "attempt WHERE message_id IN (SELECT id FROM gone)) SELECT count(*) FROM gone")) {
            ps.setTimestamp(1, Timestamp.from(days.cutoff()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                purged = rs.getInt(1);
            }
        }
        loop.stopWatching();
        return checked(purged);
    }

    private int checked(int purged) {
        if (purged != messages) {
            throw new IllegalStateException("purged " + purged + " messages, expected " + messages);
        }
        return purged;
    }

    @TearDown(Level.Iteration)
    public void dropTables() throws SQLException {
        loop.close();
        List<Duration> cycles = loop.watchedCycles();
        if (during != null) {
            during.deliveryCycles = cycles.size();
            during.stalledDeliveryCycles = cycles.stream().filter(c -> c.compareTo(STALL) > 0).count();
        }
        // The longest of them, which a sum over iterations would not say.
        System.out.printf("%n  delivery during the purge: %d cycles, longest %d ms%n", cycles.size(), loop.longestWatchedCycle().toMillis());
        store.close();
        BenchDatabase.dropTables(pool, prefix);
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        pool.close();
    }
}
