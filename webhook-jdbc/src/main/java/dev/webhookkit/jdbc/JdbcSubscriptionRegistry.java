package dev.webhookkit.jdbc;

import dev.webhookkit.core.spi.RegistryCodec;
import dev.webhookkit.jdbc.internal.JdbcRegistry;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
public final class JdbcSubscriptionRegistry extends RegistryRows<Subscription> implements SubscriptionRegistry {

    private JdbcSubscriptionRegistry(JdbcRegistry<Subscription> rows) {
        super(rows);
    }

    /** Starts a configuration around the host's {@link DataSource} and the codec of stored subscriptions. */
    public static Builder builder(DataSource dataSource, RegistryCodec<Subscription> codec) {
        return new Builder(dataSource, codec);
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

    /** Configures a {@link JdbcSubscriptionRegistry}; not thread-safe. */
    public static final class Builder extends RegistryRows.Settings<Subscription, Builder> {
        private Builder(DataSource dataSource, RegistryCodec<Subscription> codec) {
            super(dataSource, codec);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @throws dev.webhookkit.core.ConfigurationException naming the setting when one is invalid */
        public JdbcSubscriptionRegistry build() {
            return new JdbcSubscriptionRegistry(rows("subscription"));
        }
    }
}
