package dev.webhookkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.testing.SubscriptionRegistryContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The subscription registry kit against PostgreSQL. */
@Tag("services")
class JdbcSubscriptionRegistryContractTest extends SubscriptionRegistryContractTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("subscriptions");
    private static HikariDataSource db;

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("subscriptions", 10, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @Override
    protected SubscriptionRegistry create() {
        RegistryTables.truncate(db, PREFIX);
        return JdbcSubscriptionRegistry.builder(db, new TestCodecs.Subscriptions()).tablePrefix(PREFIX).build();
    }
}
