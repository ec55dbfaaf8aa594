package dev.webhookkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import dev.webhookkit.testing.EndpointHealthStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Endpoint health in PostgreSQL against the contract; "again" is a second store on the same table, as another instance has. */
@Tag("services")
class JdbcEndpointHealthStoreContractTest extends EndpointHealthStoreContractTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("health");
    private static HikariDataSource db;

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("health", 6, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @Override
    protected EndpointHealthStore createStore() {
        TestDatabase.truncateTables(db, PREFIX);
        return JdbcDeliveryStore.builder(db).tablePrefix(PREFIX).build().endpointHealthStore().orElseThrow();
    }

    @Override
    protected EndpointHealthStore sameStoreAgain() {
        return JdbcEndpointHealthStore.of(db, PREFIX);
    }
}
