package dev.webhookkit.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.testing.EventLogContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** webhook-testing's event log contract against PostgreSQL (JdbcEventLogTest has what is the JDBC log's own). */
@Tag("services")
class JdbcEventLogContractTest extends EventLogContractTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("events_contract");
    private static HikariDataSource db;

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("events-contract", 4, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @Override
    protected EventLog create() {
        TestDatabase.truncateTables(db, PREFIX);
        return JdbcEventLog.builder(db).tablePrefix(PREFIX).build();
    }
}
