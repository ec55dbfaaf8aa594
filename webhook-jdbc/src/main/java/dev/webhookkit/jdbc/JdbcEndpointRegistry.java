package dev.webhookkit.jdbc;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.spi.RegistryCodec;
import dev.webhookkit.jdbc.internal.JdbcRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
public final class JdbcEndpointRegistry extends RegistryRows<Endpoint> implements EndpointRegistry {

    private JdbcEndpointRegistry(JdbcRegistry<Endpoint> rows) {
        super(rows);
    }

    /** Starts a configuration around the host's {@link DataSource} and the codec of stored endpoints. */
    public static Builder builder(DataSource dataSource, RegistryCodec<Endpoint> codec) {
        return new Builder(dataSource, codec);
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

    /** Configures a {@link JdbcEndpointRegistry}; not thread-safe. */
    public static final class Builder extends RegistryRows.Settings<Endpoint, Builder> {
        private Builder(DataSource dataSource, RegistryCodec<Endpoint> codec) {
            super(dataSource, codec);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @throws dev.webhookkit.core.ConfigurationException naming the setting when one is invalid */
        public JdbcEndpointRegistry build() {
            return new JdbcEndpointRegistry(rows("endpoint"));
        }
    }
}
