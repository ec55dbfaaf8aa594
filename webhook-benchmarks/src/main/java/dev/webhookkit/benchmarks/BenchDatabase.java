package dev.webhookkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The PostgreSQL the JDBC benchmarks run against: {@code -Dwebhookkit.bench.jdbcUrl} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}) as {@code -Dwebhookkit.bench.user} (default
 * {@code postgres}).
 */
final class BenchDatabase {
    private BenchDatabase() {
    }

    /** A pool of at most {@code size} connections; the caller closes it. */
    static HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(System.getProperty("webhookkit.bench.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/test"));
        config.setUsername(System.getProperty("webhookkit.bench.user", "postgres"));
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    /** Drops every table {@code JdbcSchema.create(db, prefix)} made (the partitions and sequences go with them). */
    static void dropTables(DataSource db, String prefix) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + prefix + "outbox, " + prefix + "attempt, " + prefix + "event, " + prefix + "endpoint_health, "
                    + prefix + "registry, " + prefix + "registry_version");
        }
    }
}
