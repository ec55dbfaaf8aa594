package dev.webhookkit.jdbc;

import dev.webhookkit.core.spi.Registry;
import dev.webhookkit.core.spi.RegistryCodec;
import dev.webhookkit.jdbc.internal.JdbcRegistry;
import dev.webhookkit.jdbc.internal.Tables;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * What the two JDBC registries share: the {@link Registry} operations, handed to one
 * {@link JdbcRegistry} of their kind, and the settings of their builders. Each public registry adds
 * only its own look-up (by path, by event type).
 */
abstract class RegistryRows<T> implements Registry<T> {
    final JdbcRegistry<T> rows;

    RegistryRows(JdbcRegistry<T> rows) {
        this.rows = rows;
    }

    @Override
    public void create(T entry) {
        rows.create(entry);
    }

    @Override
    public Optional<T> get(String key) {
        return rows.get(key);
    }

    @Override
    public void update(T entry) {
        rows.update(entry);
    }

    @Override
    public void put(T entry) {
        rows.put(entry);
    }

    @Override
    public boolean delete(String key) {
        return rows.delete(key);
    }

    @Override
    public List<T> list() {
        return rows.list();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + rows + "]";
    }

    /** The settings of both registries' builders; {@code B} is the public builder, returned by every setter. */
    abstract static class Settings<T, B extends Settings<T, B>> {
        private final DataSource dataSource;
        private final RegistryCodec<T> codec;
        private String tablePrefix = Tables.DEFAULT_PREFIX;
        private Duration refreshInterval = JdbcRegistry.DEFAULT_REFRESH_INTERVAL;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> warnings = JdbcRegistry.LOG_WARNINGS;

        Settings(DataSource dataSource, RegistryCodec<T> codec) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.codec = Objects.requireNonNull(codec, "codec");
        }

        abstract B self();

        /** The prefix of the table names (default {@value Tables#DEFAULT_PREFIX}), as given to {@link JdbcSchema#create(DataSource, String)}. */
        public B tablePrefix(String tablePrefix) {
            this.tablePrefix = Objects.requireNonNull(tablePrefix, "tablePrefix");
            return self();
        }

        /**
         * How old the snapshot may get before a read checks the table for changes: the bound within
         * which other instances' changes are seen. Default 1 s; zero checks on every read (a query each).
         */
        public B refreshInterval(Duration refreshInterval) {
            this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
            return self();
        }

        /** Measures the snapshot's age and stamps {@code updated_at}; default system UTC. */
        public B clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return self();
        }

        /** Test hook: where skipped rows and failed refreshes are reported (default: the registry's logger). */
        B warnings(Consumer<String> warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return self();
        }

        /** @throws dev.webhookkit.core.ConfigurationException naming the setting when one is invalid */
        JdbcRegistry<T> rows(String kind) {
            JdbcRegistry.checkRefreshInterval(refreshInterval);
            return new JdbcRegistry<>(dataSource, new Tables(tablePrefix), kind, codec, refreshInterval, clock, warnings);
        }
    }
}
