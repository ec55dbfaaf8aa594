package dev.webhookkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.spi.AttemptLog;
import dev.webhookkit.outbound.spi.DeliveryQueue;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.testing.AttemptLogContractTest;
import dev.webhookkit.testing.BatchRedeliveryContractTest;
import dev.webhookkit.testing.DeliveryQueriesContractTest;
import dev.webhookkit.testing.DeliveryQueueContractTest;
import dev.webhookkit.testing.DeliveryRetentionContractTest;
import dev.webhookkit.testing.DeliveryStoreContractTest;
import dev.webhookkit.testing.LeaseRenewalContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/** The shared outbox contracts (webhook-outbound's test kits) against PostgreSQL: each part, then across parts. */
@Tag("services")
class JdbcDeliveryStoreContractTest extends DeliveryStoreContractTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("contract");
    private static HikariDataSource db;

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("contract", 6, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    /** A store on emptied tables: the nested kits run one test at a time, so they share the tables. */
    static JdbcDeliveryStore emptyStore(int capacity, Clock clock) {
        TestDatabase.truncateTables(db, PREFIX);
        return JdbcDeliveryStore.builder(db).tablePrefix(PREFIX).capacity(capacity).clock(clock).build();
    }

    @Override
    protected DeliveryStore createStore(int capacity, Clock clock) {
        return emptyStore(capacity, clock);
    }

    @Nested
    class Queue extends DeliveryQueueContractTest {
        @Override
        protected DeliveryQueue createQueue(int capacity, Clock clock) {
            return emptyStore(capacity, clock);
        }
    }

    @Nested
    class LeaseRenewal extends LeaseRenewalContractTest {
        @Override
        protected DeliveryQueue createQueue(Clock clock) {
            return emptyStore(100, clock);
        }
    }

    @Nested
    class Attempts extends AttemptLogContractTest {
        @Override
        protected AttemptLog createLog(Clock clock) {
            return emptyStore(100, clock);
        }
    }

    @Nested
    class Queries extends DeliveryQueriesContractTest<DeliveryStore> {
        @Override
        protected DeliveryStore createStore(int capacity, Clock clock) {
            return emptyStore(capacity, clock);
        }
    }

    @Nested
    class BatchRedelivery extends BatchRedeliveryContractTest<DeliveryStore> {
        @Override
        protected DeliveryStore createStore(int capacity, Clock clock) {
            return emptyStore(capacity, clock);
        }
    }

    @Nested
    class Retention extends DeliveryRetentionContractTest<DeliveryStore> {
        @Override
        protected DeliveryStore createStore(int capacity, Clock clock) {
            return emptyStore(capacity, clock);
        }
    }
}
