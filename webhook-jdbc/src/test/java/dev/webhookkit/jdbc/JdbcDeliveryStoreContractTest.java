package dev.webhookkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.testing.DeliveryStoreContractTest;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The shared DeliveryStore contract (webhook-outbound's test kit) against PostgreSQL. */
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

    @Override
    protected DeliveryStore createStore(int capacity, Clock clock) {
        TestDatabase.truncateTables(db, PREFIX);
        return JdbcDeliveryStore.builder(db).tablePrefix(PREFIX).capacity(capacity).clock(clock).build();
    }
}
