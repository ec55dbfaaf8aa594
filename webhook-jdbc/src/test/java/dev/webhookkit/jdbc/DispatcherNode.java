package dev.webhookkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.time.Clock;
import java.time.Duration;

/**
 * One dispatcher instance on a shared PostgreSQL outbox, as the crash test runs it both in the test
 * JVM and in a separate one ({@link DispatcherProcess}). Each instance has its own pool and its own
 * in-memory subscription registry with the same subscription, tagged with the instance's name so
 * the receiver can tell who delivered.
 */
final class DispatcherNode implements AutoCloseable {
    static final String SUBSCRIPTION = "sink";
    static final String INSTANCE_HEADER = "X-Test-Instance";
    static final int WORKERS = 8;
    static final int CLAIM_BATCH = 10;
    /**
     * The subscription's attempt timeout: 5 s rather than the default 10 s keeps the crash test
     * short. The lease is the derived one, renewed while held: 2 x 5 s - 50 ms poll - 1 s.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    final HikariDataSource pool;
    final WebhookDispatcher dispatcher;

    /**
     * @param dispatcherClock the dispatcher's clock (claim times and so lease ends); the store stamps
     *     its changes on the system clock. The crash test runs both instances on the system clock.
     */
    DispatcherNode(String jdbcUrl, String tablePrefix, String receiverUrl, String instanceId, Clock dispatcherClock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(TestDatabase.USER);
        config.setMaximumPoolSize(WORKERS + 2);
        config.setPoolName(instanceId);
        this.pool = new HikariDataSource(config);
        SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
        subscriptions.create(Subscription.builder(SUBSCRIPTION, receiverUrl).secret("crash-test-secret")
                .header(INSTANCE_HEADER, instanceId).maxInFlight(WORKERS * CLAIM_BATCH).timeout(TIMEOUT).build());
        this.dispatcher = WebhookDispatcher.builder()
                .store(JdbcDeliveryStore.builder(pool).tablePrefix(tablePrefix).build())
                .subscriptions(subscriptions)
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                .instanceId(instanceId)
                .clock(dispatcherClock)
                .workers(WORKERS)
                .claimBatch(CLAIM_BATCH)
                .pollInterval(Duration.ofMillis(50))
                .build();
    }

    @Override
    public void close() {
        dispatcher.close(Duration.ofSeconds(10));
        pool.close();
    }
}
