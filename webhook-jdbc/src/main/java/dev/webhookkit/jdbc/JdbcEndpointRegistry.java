package dev.webhookkit.jdbc;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.spi.RegistryCodec;
import dev.webhookkit.jdbc.internal.JdbcRegistry;
import dev.webhookkit.jdbc.internal.Tables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Endpoints kept in PostgreSQL (table {@code webhookkit_registry}, kind {@code endpoint}), so they
 * survive a restart and every instance of an application shares them.
 *
 * <pre>{@code
 * EndpointRegistry endpoints = JdbcEndpointRegistry.builder(dataSource, codec).build();
 * WebhookReceiver receiver = WebhookReceiver.builder().endpoints(endpoints) ... .build();
 * }</pre>
 *
 * <p>Each row holds the {@link RegistryCodec}'s text of one endpoint — <b>its secrets included</b>:
 * only the application's database role should be able to read the table. Creating a name that
 * exists is an {@link dev.webhookkit.core.AlreadyExistsException}, also when two instances create
 * it at the same moment (the key is the primary key); updating a missing one a
 * {@link dev.webhookkit.core.NotFoundException}.
 *
 * <p>Reads ({@link #get}, {@link #byPath}, {@link #list}) come from an in-memory snapshot, so a
 * receiver's look-up per request costs no query. <b>Bound: a change made on one instance is seen
 * by the others within {@code refreshInterval}</b> (default 1 s) of its commit, plus one query's
 * time; this instance's own writes are seen at once. A snapshot older than the interval is checked
 * with one single-row query at the next read and reloaded only when something changed. When the
 * database cannot be reached, reads keep serving the last snapshot (one warning per outage) and
 * writes throw {@link dev.webhookkit.core.DependencyUnavailableException}; only the very first read
 * throws, having nothing to serve. A row the codec cannot read is skipped with one warning that
 * names its key (not its text). Thread-safe.
 */
public final class JdbcEndpointRegistry implements EndpointRegistry {
    private final JdbcRegistry<Endpoint> rows;

    private JdbcEndpointRegistry(JdbcRegistry<Endpoint> rows) {
        this.rows = rows;
    }

    /** Starts a configuration around the host's {@link DataSource} and the codec of stored endpoints. */
    public static Builder builder(DataSource dataSource, RegistryCodec<Endpoint> codec) {
        return new Builder(dataSource, codec);
    }

    @Override
    public void create(Endpoint entry) {
        rows.create(entry);
    }

    @Override
    public Optional<Endpoint> get(String key) {
        return rows.get(key);
    }

    @Override
    public void update(Endpoint entry) {
        rows.update(entry);
    }

    @Override
    public void put(Endpoint entry) {
        rows.put(entry);
    }

    @Override
    public boolean delete(String key) {
        return rows.delete(key);
    }

    @Override
    public List<Endpoint> list() {
        return rows.list();
    }

    @Override
    public List<Endpoint> byPath(String path) {
        Objects.requireNonNull(path, "path");
        List<Endpoint> routed = new ArrayList<>();
        for (Endpoint e : rows.values()) {
            if (e.path().map(path::equals).orElse(false)) {
                routed.add(e);
            }
        }
        return routed;
    }

    @Override
    public String toString() {
        return "JdbcEndpointRegistry[" + rows + "]";
    }

    /** Configures a {@link JdbcEndpointRegistry}; not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private final RegistryCodec<Endpoint> codec;
        private String tablePrefix = Tables.DEFAULT_PREFIX;
        private Duration refreshInterval = JdbcRegistry.DEFAULT_REFRESH_INTERVAL;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> warnings = JdbcRegistry.LOG_WARNINGS;

        private Builder(DataSource dataSource, RegistryCodec<Endpoint> codec) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.codec = Objects.requireNonNull(codec, "codec");
        }

        /** The prefix of the table names (default {@value Tables#DEFAULT_PREFIX}), as given to {@link JdbcSchema#create(DataSource, String)}. */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = Objects.requireNonNull(tablePrefix, "tablePrefix");
            return this;
        }

        /**
         * How old the snapshot may get before a read checks the table for changes: the bound within
         * which other instances' changes are seen. Default 1 s; zero checks on every read (a query each).
         */
        public Builder refreshInterval(Duration refreshInterval) {
            this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
            return this;
        }

        /** Measures the snapshot's age and stamps {@code updated_at}; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Test hook: where skipped rows and failed refreshes are reported (default: this class's logger). */
        Builder warnings(Consumer<String> warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        /** @throws dev.webhookkit.core.ConfigurationException naming the setting when one is invalid */
        public JdbcEndpointRegistry build() {
            JdbcRegistry.checkRefreshInterval(refreshInterval);
            return new JdbcEndpointRegistry(new JdbcRegistry<>(dataSource, new Tables(tablePrefix), "endpoint", codec,
                    refreshInterval, clock, warnings));
        }
    }
}
