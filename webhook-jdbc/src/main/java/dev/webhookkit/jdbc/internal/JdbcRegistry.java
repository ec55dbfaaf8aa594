package dev.webhookkit.jdbc.internal;

import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.core.spi.Registry;
import dev.webhookkit.core.spi.RegistryCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of registry entries (endpoints, subscriptions) in the registry table, read from an
 * in-memory snapshot. Every write raises the kind's generation in the version table in the same
 * transaction, and takes that row's lock first, so generations follow commit order. A read older
 * than the refresh interval compares the stored generation with the snapshot's (one row) and
 * reloads the kind, in one statement, only when it moved. Writes of this instance are applied to
 * the snapshot at once.
 *
 * <p>Reads never wait for the database once a snapshot exists: one reader refreshes, the others
 * keep the snapshot they have, and a refresh that fails keeps it too (one warning per outage). Only
 * the first read, with nothing to serve yet, throws when the database cannot be reached.
 *
 * @param <T> the entry
 */
public final class JdbcRegistry<T> implements Registry<T> {
    /** How old a snapshot may get before a read checks for changes. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRegistry.class);
    /** The default report of skipped rows and failed refreshes. */
    public static final Consumer<String> LOG_WARNINGS = LOG::warn;

    private final DataSource dataSource;
    private final Tables tables;
    private final String kind;
    private final RegistryCodec<T> codec;
    private final Duration refreshInterval;
    private final Clock clock;
    private final Consumer<String> warnings;
    /** Held by writes and refreshes, so that a refresh never installs a snapshot from before a local write. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Snapshot<T> snapshot;
    /** Rows already warned about, as key@version: a row is reported once, not on every reload. */
    private Set<String> undecodable = Set.of();
    private boolean refreshFailing;

    /**
     * @param kind what an entry is called in errors and in the table ("endpoint")
     * @param warnings where skipped rows and failed refreshes are reported (a logger's warn)
     */
    public JdbcRegistry(DataSource dataSource, Tables tables, String kind, RegistryCodec<T> codec, Duration refreshInterval,
            Clock clock, Consumer<String> warnings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** @throws ConfigurationException when negative */
    public static void checkRefreshInterval(Duration refreshInterval) {
        if (refreshInterval.isNegative()) {
            throw new ConfigurationException("refreshInterval must be >= 0 but was " + refreshInterval);
        }
    }

    @Override
    public void create(T entry) {
        String key = keyOf(entry);
        String body = codec.encode(entry);
        write(key, entry, "creating " + kind + " '" + key + "'", (c, version) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.registry()
                    + " (kind, entry_key, body, version, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                new Binder(ps).string(kind).string(key).string(body).longValue(version).instant(clock.instant());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new AlreadyExistsException(kind, key);
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<T> get(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(current().entries().get(key));
    }

    @Override
    public void update(T entry) {
        String key = keyOf(entry);
        String body = codec.encode(entry);
        write(key, entry, "updating " + kind + " '" + key + "'", (c, version) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.registry()
                    + " SET body = ?, version = ?, updated_at = ? WHERE kind = ? AND entry_key = ?")) {
                new Binder(ps).string(body).longValue(version).instant(clock.instant()).string(kind).string(key);
                if (ps.executeUpdate() == 0) {
                    throw new NotFoundException(kind, key);
                }
            }
        });
    }

    @Override
    public void put(T entry) {
        String key = keyOf(entry);
        String body = codec.encode(entry);
        write(key, entry, "storing " + kind + " '" + key + "'", (c, version) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.registry()
                    + " (kind, entry_key, body, version, updated_at) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (kind, entry_key) DO UPDATE SET body = EXCLUDED.body, version = EXCLUDED.version,"
                    + " updated_at = EXCLUDED.updated_at")) {
                new Binder(ps).string(kind).string(key).string(body).longValue(version).instant(clock.instant());
                ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(String key) {
        Objects.requireNonNull(key, "key");
        try {
            write(key, null, "deleting " + kind + " '" + key + "'", (c, version) -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.registry() + " WHERE kind = ? AND entry_key = ?")) {
                    new Binder(ps).string(kind).string(key);
                    if (ps.executeUpdate() == 0) {
                        throw new NothingDeleted();
                    }
                }
            });
            return true;
        } catch (NothingDeleted none) {
            // Rolled back, generation included; another instance may have deleted it: drop any local copy.
            forget(key);
            return false;
        }
    }

    @Override
    public List<T> list() {
        return List.copyOf(current().entries().values());
    }

    /** The entries now, in key order, without copying: for the look-ups of the typed registries. */
    public Iterable<T> values() {
        return current().entries().values();
    }

    private String keyOf(T entry) {
        return Objects.requireNonNull(codec.key(Objects.requireNonNull(entry, kind)), "key");
    }

    /** A row change inside a write's transaction, given the generation the write raised the kind to. */
    @FunctionalInterface
    private interface RowChange {
        void apply(Connection c, long version) throws SQLException;
    }

    /** Raises the generation (its row lock first, always, so writers never deadlock), changes the row, then the snapshot. */
    private void write(String key, T entryOrNull, String operation, RowChange change) {
        lock.lock();
        try {
            long version = Sql.transaction(dataSource, operation, c -> {
                long v = raiseVersion(c);
                change.apply(c, v);
                return v;
            });
            Snapshot<T> s = snapshot;
            if (s != null) {
                NavigableMap<String, T> entries = new TreeMap<>(s.entries());
                if (entryOrNull == null) {
                    entries.remove(key);
                } else {
                    entries.put(key, entryOrNull);
                }
                // Our write directly follows the snapshot: it stays current. Otherwise another instance
                // wrote in between: keep the old generation and check at the next read.
                boolean follows = s.version() == version - 1;
                snapshot = new Snapshot<>(follows ? version : s.version(), follows ? s.checkedAt() : null,
                        Collections.unmodifiableNavigableMap(entries));
            }
        } finally {
            lock.unlock();
        }
    }

    private void forget(String key) {
        lock.lock();
        try {
            Snapshot<T> s = snapshot;
            if (s != null && s.entries().containsKey(key)) {
                NavigableMap<String, T> entries = new TreeMap<>(s.entries());
                entries.remove(key);
                snapshot = new Snapshot<>(s.version(), null, Collections.unmodifiableNavigableMap(entries));
            }
        } finally {
            lock.unlock();
        }
    }

    private long raiseVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.registryVersion() + " AS v (kind, version) VALUES (?, 1)"
                + " ON CONFLICT (kind) DO UPDATE SET version = v.version + 1 RETURNING version")) {
            new Binder(ps).string(kind);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The snapshot to read: loaded on first use, refreshed by one reader when older than the interval. */
    private Snapshot<T> current() {
        Snapshot<T> s = snapshot;
        if (s == null) {
            lock.lock();
            try {
                if (snapshot == null) {
                    snapshot = load();
                }
                return snapshot;
            } finally {
                lock.unlock();
            }
        }
        if (isFresh(s)) {
            return s;
        }
        // One reader refreshes; the others keep reading the snapshot they have.
        if (lock.tryLock()) {
            try {
                refresh();
            } finally {
                lock.unlock();
            }
        }
        return snapshot;
    }

    private boolean isFresh(Snapshot<T> s) {
        return s.checkedAt() != null && Duration.between(s.checkedAt(), clock.instant()).compareTo(refreshInterval) < 0;
    }

    private void refresh() {
        Snapshot<T> s = snapshot;
        if (isFresh(s)) {
            return;
        }
        try {
            long stored = storedVersion();
            snapshot = stored == s.version() ? new Snapshot<>(s.version(), clock.instant(), s.entries()) : load();
            if (refreshFailing) {
                refreshFailing = false;
                warnings.accept(kind + "s are read from " + tables.registry() + " again");
            }
        } catch (RuntimeException e) {
            // Serve what we have; try again after the interval.
            snapshot = new Snapshot<>(s.version(), clock.instant(), s.entries());
            if (!refreshFailing) {
                refreshFailing = true;
                warnings.accept("cannot refresh " + kind + "s from " + tables.registry() + ", serving the last ones read: "
                        + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            }
        }
    }

    private long storedVersion() {
        return Sql.autoCommit(dataSource, "checking the " + kind + " generation", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + tables.registryVersion() + " WHERE kind = ?")) {
                new Binder(ps).string(kind);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** The generation and every row in one statement, so both come from one database snapshot. */
    private Snapshot<T> load() {
        Instant now = clock.instant();
        return Sql.autoCommit(dataSource, "reading " + kind + "s", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT g.version AS generation, r.entry_key, r.body, r.version"
                    + " FROM (SELECT coalesce(max(version), 0) AS version FROM " + tables.registryVersion() + " WHERE kind = ?) g"
                    + " LEFT JOIN " + tables.registry() + " r ON r.kind = ?")) {
                new Binder(ps).string(kind).string(kind);
                long generation = 0;
                NavigableMap<String, T> entries = new TreeMap<>();
                Set<String> unreadable = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        generation = rs.getLong("generation");
                        String key = rs.getString("entry_key");
                        if (key != null) {
                            decode(key, rs.getString("body"), rs.getLong("version"), unreadable).ifPresent(e -> entries.put(key, e));
                        }
                    }
                }
                undecodable = Set.copyOf(unreadable);
                return new Snapshot<>(generation, now, Collections.unmodifiableNavigableMap(entries));
            }
        });
    }

    /**
     * A row the codec cannot read (written by a newer version, edited by hand) is skipped, not
     * fatal, and reported once. The report names the key and the failure's type only: the
     * codec's message may quote the stored text, secrets included.
     */
    private Optional<T> decode(String key, String body, long rowVersion, Set<String> unreadable) {
        String problem;
        try {
            T entry = codec.decode(body);
            if (key.equals(codec.key(entry))) {
                return Optional.of(entry);
            }
            problem = "it decodes to another key";
        } catch (RuntimeException e) {
            problem = "the codec cannot read it (" + e.getClass().getSimpleName() + ")";
        }
        String id = key + "@" + rowVersion;
        unreadable.add(id);
        if (!undecodable.contains(id)) {
            warnings.accept("skipping " + kind + " '" + key + "' in " + tables.registry() + ": " + problem + "; fix or delete the row");
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    @Override
    public String toString() {
        return tables.registry() + "[" + kind + "]";
    }

    /** A delete that found no row: thrown to roll the generation back, caught by {@link #delete}. */
    private static final class NothingDeleted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingDeleted() {
            super(null, null, false, false);
        }
    }

    /**
     * What a read serves.
     *
     * @param checkedAt when the generation was last compared with the stored one; null to compare at the next read
     */
    private record Snapshot<T>(long version, Instant checkedAt, NavigableMap<String, T> entries) {
    }
}
