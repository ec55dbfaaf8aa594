package dev.webhookkit.jdbc;

import dev.webhookkit.core.spi.RegistryCodec;
import dev.webhookkit.jdbc.internal.JdbcRegistry;
import dev.webhookkit.jdbc.internal.Tables;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Subscriptions kept in PostgreSQL (table {@code webhookkit_registry}, kind {@code subscription}),
 * so they survive a restart and every dispatcher instance sends to the same subscribers.
 *
 * <pre>{@code
 * SubscriptionRegistry subscriptions = JdbcSubscriptionRegistry.builder(dataSource, codec).build();
 * WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(subscriptions) ... .build();
 * }</pre>
 *
 * <p>Each row holds the {@link RegistryCodec}'s text of one subscription — <b>its signing secrets
 * included</b>: only the application's database role should be able to read the table. Creating an
 * id that exists is an {@link dev.webhookkit.core.AlreadyExistsException}, also when two instances
 * create it at the same moment (the key is the primary key); updating a missing one a
 * {@link dev.webhookkit.core.NotFoundException}.
 *
 * <p>Reads ({@link #get}, {@link #matching}, {@link #list}) come from an in-memory snapshot, so
 * the dispatcher's look-up before every attempt costs no query. <b>Bound: a change made on one
 * instance is seen by the others within {@code refreshInterval}</b> (default 1 s) of its commit,
 * plus one query's time; this instance's own writes are seen at once. Disabling a subscription on
 * one instance therefore stops sends from the others within that bound. A snapshot older than the
 * interval is checked with one single-row query at the next read and reloaded only when something
 * changed. When the database cannot be reached, reads keep serving the last snapshot (one warning
 * per outage) and writes throw {@link dev.webhookkit.core.DependencyUnavailableException}; only the
 * very first read throws, having nothing to serve. A row the codec cannot read is skipped with one
 * warning that names its key (not its text). Thread-safe.
 */
public final class JdbcSubscriptionRegistry implements SubscriptionRegistry {
    private final JdbcRegistry<Subscription> rows;

    private JdbcSubscriptionRegistry(JdbcRegistry<Subscription> rows) {
        this.rows = rows;
    }

    /** Starts a configuration around the host's {@link DataSource} and the codec of stored endpoints. */
    public static Builder builder(DataSource dataSource, RegistryCodec<Subscription> codec) {
        return new Builder(dataSource, codec);
    }

    @Override
    public void create(Subscription entry) {
        rows.create(entry);
    }

    @Override
    public Optional<Subscription> get(String key) {
        return rows.get(key);
    }

    @Override
    public void update(Subscription entry) {
        rows.update(entry);
    }

    @Override
    public void put(Subscription entry) {
        rows.put(entry);
    }

    @Override
    public boolean delete(String key) {
        return rows.delete(key);
    }

    @Override
    public List<Subscription> list() {
        return rows.list();
    }

    @Override
    public List<Subscription> matching(String eventType) {
        Objects.requireNonNull(eventType, "eventType");
        List<Subscription> matched = new ArrayList<>();
        for (Subscription s : rows.values()) {
            if (s.enabled() && s.accepts(eventType)) {
                matched.add(s);
            }
        }
        return matched;
    }

    @Override
    public String toString() {
        return "JdbcSubscriptionRegistry[" + rows + "]";
    }

    /** Configures a {@link JdbcSubscriptionRegistry}; not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private final RegistryCodec<Subscription> codec;
        private String tablePrefix = Tables.DEFAULT_PREFIX;
        private Duration refreshInterval = JdbcRegistry.DEFAULT_REFRESH_INTERVAL;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> warnings = JdbcRegistry.LOG_WARNINGS;

        private Builder(DataSource dataSource, RegistryCodec<Subscription> codec) {
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
        public JdbcSubscriptionRegistry build() {
            JdbcRegistry.checkRefreshInterval(refreshInterval);
            return new JdbcSubscriptionRegistry(new JdbcRegistry<>(dataSource, new Tables(tablePrefix), "subscription", codec,
                    refreshInterval, clock, warnings));
        }
    }
}
