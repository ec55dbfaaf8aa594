package dev.webhookkit.jdbc;

import dev.webhookkit.jdbc.internal.Binder;
import dev.webhookkit.jdbc.internal.Sql;
import dev.webhookkit.jdbc.internal.Tables;
import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.EndpointHealthState;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A durable {@link EndpointHealthStore}: one row per subscription in
 * {@code webhookkit_endpoint_health} (see {@link JdbcSchema}), so failure counts and the reason a
 * subscription was disabled survive restarts and are shared by every dispatcher instance and the
 * admin API on the database. {@link JdbcDeliveryStore#endpointHealthStore()} provides one on the
 * outbox's database and prefix, which a dispatcher on that store uses by default.
 *
 * <p>Every change is one statement: a failure is an {@code INSERT … ON CONFLICT DO UPDATE} that adds
 * to the stored counts in the database, so instances counting the same subscription's failures at
 * the same moment lose none. Thread-safe. An unreachable database throws
 * {@link dev.webhookkit.core.DependencyUnavailableException}; a missing table a
 * {@link dev.webhookkit.core.ConfigurationException} saying how to create it.
 */
public final class JdbcEndpointHealthStore implements EndpointHealthStore {
    private static final String COLUMNS = "subscription_id, failures, failing_since, failed_messages, disabled_reason, disabled_at";

    private final DataSource dataSource;
    private final String table;
    private final String recordFailure;
    private final String recordSuccess;
    private final String recordDisabled;

    private JdbcEndpointHealthStore(DataSource dataSource, Tables tables) {
        this.dataSource = dataSource;
        this.table = tables.endpointHealth();
        this.recordFailure = "INSERT INTO " + table + " AS h (subscription_id, failures, failing_since, failed_messages) VALUES (?, 1, ?, ?)"
                + " ON CONFLICT (subscription_id) DO UPDATE SET failures = h.failures + 1,"
                + " failing_since = COALESCE(h.failing_since, EXCLUDED.failing_since),"
                + " failed_messages = h.failed_messages + EXCLUDED.failed_messages RETURNING " + COLUMNS;
        // Only rows with something to reset are written: a success on a healthy subscription changes nothing.
        this.recordSuccess = "UPDATE " + table + " SET failures = 0, failing_since = NULL, failed_messages = 0"
                + " WHERE subscription_id = ? AND (failures <> 0 OR failed_messages <> 0 OR failing_since IS NOT NULL)";
        this.recordDisabled = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, 0, NULL, 0, ?, ?)"
                + " ON CONFLICT (subscription_id) DO UPDATE SET failures = 0, failing_since = NULL, failed_messages = 0,"
                + " disabled_reason = EXCLUDED.disabled_reason, disabled_at = EXCLUDED.disabled_at";
    }

    /** A store on {@code dataSource} with the default table prefix ({@value Tables#DEFAULT_PREFIX}). */
    public static JdbcEndpointHealthStore of(DataSource dataSource) {
        return of(dataSource, Tables.DEFAULT_PREFIX);
    }

    /**
     * A store on {@code dataSource} whose table is named with {@code tablePrefix}, as given to
     * {@link JdbcSchema#create(DataSource, String)}.
     *
     * @throws dev.webhookkit.core.ConfigurationException when the prefix is not a plain lower-case identifier
     */
    public static JdbcEndpointHealthStore of(DataSource dataSource, String tablePrefix) {
        return new JdbcEndpointHealthStore(Objects.requireNonNull(dataSource, "dataSource"),
                new Tables(Objects.requireNonNull(tablePrefix, "tablePrefix")));
    }

    @Override
    public EndpointHealthState recordFailure(String subscriptionId, Instant at, boolean messageGivenUp) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(at, "at");
        return Sql.autoCommit(dataSource, "recording a failure of subscription " + subscriptionId, c -> {
            try (PreparedStatement ps = c.prepareStatement(recordFailure)) {
                new Binder(ps).string(subscriptionId).instant(at).integer(messageGivenUp ? 1 : 0);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return state(rs);
                }
            }
        });
    }

    @Override
    public void recordSuccess(String subscriptionId) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        update("recording a success of subscription " + subscriptionId, recordSuccess, b -> b.string(subscriptionId));
    }

    @Override
    public void recordDisabled(String subscriptionId, DisableReason reason, Instant at) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        update("recording why subscription " + subscriptionId + " was disabled", recordDisabled,
                b -> b.string(subscriptionId).string(reason.name()).instant(at));
    }

    @Override
    public void clear(String subscriptionId) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        update("clearing the health of subscription " + subscriptionId, "DELETE FROM " + table + " WHERE subscription_id = ?",
                b -> b.string(subscriptionId));
    }

    @Override
    public EndpointHealthState find(String subscriptionId) {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        return Sql.autoCommit(dataSource, "reading the health of subscription " + subscriptionId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE subscription_id = ?")) {
                new Binder(ps).string(subscriptionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? state(rs) : EndpointHealthState.healthy(subscriptionId);
                }
            }
        });
    }

    private void update(String operation, String sql, Binder.Binding binding) {
        Sql.autoCommit(dataSource, operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binding.bind(new Binder(ps));
                return ps.executeUpdate();
            }
        });
    }

    private static EndpointHealthState state(ResultSet rs) throws SQLException {
        String reason = rs.getString("disabled_reason");
        return new EndpointHealthState(rs.getString("subscription_id"), rs.getLong("failures"),
                Optional.ofNullable(Sql.getInstant(rs, "failing_since")), rs.getLong("failed_messages"),
                Optional.ofNullable(reason).map(DisableReason::valueOf), Optional.ofNullable(Sql.getInstant(rs, "disabled_at")));
    }

    @Override
    public String toString() {
        return "JdbcEndpointHealthStore[" + table + "]";
    }
}
