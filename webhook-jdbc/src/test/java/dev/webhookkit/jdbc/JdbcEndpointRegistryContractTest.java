package dev.webhookkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.testing.EndpointRegistryContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The endpoint registry kit against PostgreSQL. */
@Tag("services")
class JdbcEndpointRegistryContractTest extends EndpointRegistryContractTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("endpoints");
    private static HikariDataSource db;

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("endpoints", 10, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @Override
    protected EndpointRegistry create() {
        RegistryTables.truncate(db, PREFIX);
        return JdbcEndpointRegistry.builder(db, new TestCodecs.Endpoints()).tablePrefix(PREFIX).build();
    }
}
