package dev.webhookkit.jdbc;

import dev.webhookkit.jdbc.internal.Sql;
import dev.webhookkit.jdbc.internal.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The SQL schema of webhook-jdbc's tables, shipped in the jar as
 * {@value #POSTGRESQL_SCRIPT}: the outbox ({@code webhookkit_outbox}), the delivery log
 * ({@code webhookkit_attempt}) and the inbound event history ({@code webhookkit_event}).
 *
 * <p>Apply it the way the host manages its schema — a migration tool, or
 * {@code unzip -p webhook-jdbc.jar dev/webhookkit/jdbc/schema-postgresql.sql | psql -d mydb} — or
 * let the application create what is missing at start-up with {@link #create(DataSource)}. Every
 * statement is {@code CREATE … IF NOT EXISTS}, so running it again changes nothing.
 *
 * <p>A table prefix other than {@value #DEFAULT_TABLE_PREFIX} renames every table and index
 * (several applications, or tests, in one database schema); the stores must then be built with
 * the same prefix.
 */
public final class JdbcSchema {
    /** Class-path location of the PostgreSQL schema. */
    public static final String POSTGRESQL_SCRIPT = "/dev/webhookkit/jdbc/schema-postgresql.sql";
    /** The prefix of every table and index name in the shipped script. */
    public static final String DEFAULT_TABLE_PREFIX = Tables.DEFAULT_PREFIX;

    private JdbcSchema() {
    }

    /** Creates the tables and indexes that are missing, with the default prefix. */
    public static void create(DataSource dataSource) {
        create(dataSource, DEFAULT_TABLE_PREFIX);
    }

    /**
     * Creates the tables and indexes that are missing, named with {@code tablePrefix}, in one
     * transaction.
     *
     * @throws dev.webhookkit.core.ConfigurationException when the prefix is not a plain lower-case identifier
     * @throws dev.webhookkit.core.DependencyUnavailableException when the database cannot be reached
     */
    public static void create(DataSource dataSource, String tablePrefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        List<String> statements = statements(tablePrefix);
        Sql.transaction(dataSource, "creating the webhookkit schema", c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }

    /** The PostgreSQL script with every {@value #DEFAULT_TABLE_PREFIX} name given {@code tablePrefix}. */
    public static String postgresqlScript(String tablePrefix) {
        Tables tables = new Tables(tablePrefix);
        return load().replace(DEFAULT_TABLE_PREFIX, tables.prefix());
    }

    /** The script's statements, comments removed, for tools that run one statement at a time. */
    public static List<String> statements(String tablePrefix) {
        StringBuilder sql = new StringBuilder();
        for (String line : postgresqlScript(tablePrefix).split("\n")) {
            int comment = line.indexOf("--");
            sql.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        List<String> out = new ArrayList<>();
        for (String statement : sql.toString().split(";")) {
            if (!statement.isBlank()) {
                out.add(statement.strip());
            }
        }
        return out;
    }

    private static String load() {
        try (InputStream in = JdbcSchema.class.getResourceAsStream(POSTGRESQL_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(POSTGRESQL_SCRIPT + " is missing from the webhook-jdbc jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
