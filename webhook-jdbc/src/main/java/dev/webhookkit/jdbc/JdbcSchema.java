package dev.webhookkit.jdbc;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.jdbc.internal.DayPartitions;
import dev.webhookkit.jdbc.internal.Sql;
import dev.webhookkit.jdbc.internal.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
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
 * <p>The outbox and the delivery log are partitioned (PostgreSQL 12 or later): pending messages in
 * {@code webhookkit_outbox_pending}, finished ones and attempts in one table per UTC day
 * ({@code webhookkit_outbox_dYYYYMMDD}, {@code webhookkit_attempt_dYYYYMMDD}) that a purge drops
 * whole. The script holds the parents and the default tables; {@link #create} also creates the
 * day tables of the next {@value #DAYS_CREATED} days, and the {@link JdbcDeliveryStore} the later
 * ones as it purges. Tables created by 0.1.0-SNAPSHOT (not partitioned) are not converted: drain
 * and drop {@code webhookkit_outbox} and {@code webhookkit_attempt}, then create them again.
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
    /** Day tables {@link #create} makes, from today (UTC) on. */
    public static final int DAYS_CREATED = 7;

    private JdbcSchema() {
    }

    /** Creates the tables and indexes that are missing, with the default prefix. */
    public static void create(DataSource dataSource) {
        create(dataSource, DEFAULT_TABLE_PREFIX);
    }

    /**
     * Creates the tables and indexes that are missing, named with {@code tablePrefix}, in one
     * transaction; then the outbox's day tables from today on ({@value #DAYS_CREATED} days), each
     * in a short transaction of its own.
     *
     * @throws dev.webhookkit.core.ConfigurationException when the prefix is not a plain lower-case
     *     identifier, or the outbox is a table from before partitioning (0.1.0-SNAPSHOT)
     * @throws dev.webhookkit.core.DependencyUnavailableException when the database cannot be reached
     */
    public static void create(DataSource dataSource, String tablePrefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        List<String> statements = statements(tablePrefix);
        Tables tables = new Tables(tablePrefix);
        Sql.transaction(dataSource, "creating the webhookkit schema", c -> {
            refuseUnpartitioned(c, tables, tables.outbox());
            refuseUnpartitioned(c, tables, tables.attempt());
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return null;
        });
        LocalDate today = DayPartitions.dayOf(Instant.now());
        new DayPartitions(tables).createMissing(dataSource, today, today.plusDays(DAYS_CREATED - 1));
    }

    /** A plain table ('r'; partitioned ones are 'p') is webhook-jdbc 0.1.0-SNAPSHOT's, which the script cannot extend. */
    private static void refuseUnpartitioned(Connection c, Tables tables, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT relkind FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && "r".equals(rs.getString(1))) {
                    throw new ConfigurationException(table + " is a table from webhook-jdbc 0.1.0-SNAPSHOT, before the outbox was partitioned:"
                            + " let the dispatchers deliver what is pending, drop (or rename) the tables " + tables.outbox()
                            + " and " + tables.attempt() + ", and create the schema again");
                }
            }
        }
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
