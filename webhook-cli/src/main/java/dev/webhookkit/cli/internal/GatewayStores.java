package dev.webhookkit.cli.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.admin.EndpointJson;
import dev.webhookkit.admin.SubscriptionJson;
import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.jdbc.JdbcDeliveryStore;
import dev.webhookkit.jdbc.JdbcEndpointRegistry;
import dev.webhookkit.jdbc.JdbcEventLog;
import dev.webhookkit.jdbc.JdbcSchema;
import dev.webhookkit.jdbc.JdbcSubscriptionRegistry;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.spi.DeliveryStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code serve} keeps endpoints, subscriptions, received events and outbound messages: all
 * in memory, or all in one PostgreSQL database. {@link #close()} closes the connection pool.
 *
 * @param endpoints the endpoint registry
 * @param subscriptions the subscription registry
 * @param events the received events
 * @param messages the outbox
 * @param pool the connection pool, when on PostgreSQL
 */
record GatewayStores(EndpointRegistry endpoints, SubscriptionRegistry subscriptions, EventLog events, DeliveryStore messages,
        Optional<HikariDataSource> pool) implements AutoCloseable {
    /** In memory: the last events received. */
    static final int MEMORY_EVENTS = 10_000;
    /** In memory: at most this many messages wait for delivery. */
    static final int MEMORY_PENDING_MESSAGES = 100_000;
    /** Connections: the receiver, the admin API and the dispatcher's workers share them. */
    static final int POOL_SIZE = 10;
    /** How long a request waits for a free connection, and start-up for the first one. */
    static final long CONNECTION_TIMEOUT_MILLIS = 5_000;

    GatewayStores {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(pool, "pool");
    }

    static GatewayStores inMemory(Clock clock) {
        return new GatewayStores(EndpointRegistry.inMemory(), SubscriptionRegistry.inMemory(),
                EventLog.inMemory(MEMORY_EVENTS, 64 * 1024), DeliveryStore.inMemory(MEMORY_PENDING_MESSAGES, clock), Optional.empty());
    }

    /**
     * Connects, creates the tables that are missing and builds the stores on them. Several
     * instances may share the database: the registries see each other's changes within
     * their refresh interval (1 s), the outbox hands each message to one of them at a time.
     *
     * @throws DependencyUnavailableException when the database cannot be reached
     */
    static GatewayStores postgres(ServeSettings.Jdbc jdbc, EndpointJson endpointJson, Clock clock) {
        HikariDataSource pool = pool(jdbc);
        try {
            JdbcSchema.create(pool);
            return new GatewayStores(
                    // The API's codecs write the rows: one schema for the API, the file and the table.
                    JdbcEndpointRegistry.builder(pool, endpointJson).clock(clock).build(),
                    JdbcSubscriptionRegistry.builder(pool, SubscriptionJson.instance()).clock(clock).build(),
                    JdbcEventLog.builder(pool).clock(clock).build(),
                    JdbcDeliveryStore.builder(pool).clock(clock).build(),
                    Optional.of(pool));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(ServeSettings.Jdbc jdbc) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbc.url());
        jdbc.user().ifPresent(config::setUsername);
        jdbc.password().ifPresent(config::setPassword);
        config.setPoolName("webhook-serve");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        try {
            // Hikari connects once here (initializationFailTimeout 1 ms): an unreachable database fails the start.
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DependencyUnavailableException("cannot connect to PostgreSQL at " + jdbc.safeUrl() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** What the readiness banner and the health answer call the store. */
    String description() {
        return pool.isPresent() ? "postgresql" : "memory";
    }

    @Override
    public void close() {
        pool.ifPresent(HikariDataSource::close);
    }
}
