package dev.webhookkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The local PostgreSQL the {@code services} tests use (127.0.0.1:5432, database {@code test}, user
 * {@code postgres}, trust authentication). Each test class works under its own table prefix.
 */
final class TestDatabase {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private TestDatabase() {
    }

    /** A small pool; the caller closes it. */
    static HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setUsername(USER);
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    /** A pool on a database where the webhookkit tables exist under {@code prefix}. */
    static HikariDataSource poolWithTables(String name, int size, String prefix) {
        HikariDataSource db = pool(name, size);
        JdbcSchema.create(db, prefix);
        return db;
    }

    /** Drops the tables under {@code prefix} and closes the pool. */
    static void dropTablesAndClose(HikariDataSource db, String prefix) {
        dropTables(db, prefix);
        db.close();
    }

    /** A table prefix no other test class or run uses. */
    static String uniquePrefix(String what) {
        return ("t_" + what + "_" + UUID.randomUUID().toString().substring(0, 8) + "_").toLowerCase(Locale.ROOT);
    }

    static void dropTables(DataSource db, String prefix) {
        execute(db, "DROP TABLE IF EXISTS " + prefix + "outbox, " + prefix + "attempt, " + prefix + "event, " + prefix + "endpoint_health");
        RegistryTables.drop(db, prefix);
    }

    /** Empties the tables: DELETE, since TRUNCATE of the partitioned outbox makes new files for every day table. */
    static void truncateTables(DataSource db, String prefix) {
        execute(db, "DELETE FROM " + prefix + "outbox; DELETE FROM " + prefix + "attempt; DELETE FROM " + prefix + "event; DELETE FROM "
                + prefix + "endpoint_health");
    }

    static void execute(DataSource db, String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
