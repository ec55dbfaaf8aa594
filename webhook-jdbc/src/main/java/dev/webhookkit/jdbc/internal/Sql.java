package dev.webhookkit.jdbc.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.WebhookException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Connections, transactions and the translation of {@link SQLException}s into webhookkit's
 * exceptions: an unreachable or overloaded database becomes {@link DependencyUnavailableException},
 * a missing table or column {@link ConfigurationException} (with the fix), anything else
 * {@link WebhookException}. Messages name the operation and the SQLState, never credentials.
 */
public final class Sql {
    /** PostgreSQL's unique_violation (and the SQL standard's integrity constraint class). */
    public static final String UNIQUE_VIOLATION = "23505";
    /** PostgreSQL's serialization_failure; in READ COMMITTED, a row moved to another partition under a lock or update. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** Runs of an auto-commit work that met moved rows. */
    static final int MOVED_ROW_TRIES = 3;
    /** At most this many bind parameters in one IN list. */
    public static final int MAX_IN_LIST = 500;

    private Sql() {
    }

    /** Work done on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode. A statement that met a row another
     * transaction just moved to another partition (the outbox's status change) fails with
     * {@value #SERIALIZATION_FAILURE} where an unpartitioned table would have re-checked the row:
     * on a connection of its own (auto-commit, so nothing of it was kept) the work is run again, at
     * most {@value #MOVED_ROW_TRIES} times.
     */
    public static <T> T autoCommit(DataSource dataSource, String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                try {
                    return work.run(c);
                } catch (SQLException e) {
                    if (attempt == MOVED_ROW_TRIES || !SERIALIZATION_FAILURE.equals(e.getSQLState()) || !c.getAutoCommit()) {
                        throw e;
                    }
                }
            } catch (SQLException e) {
                throw translate(e, operation);
            }
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T transaction(DataSource dataSource, String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw translate(e, operation);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    /** The webhookkit exception for a failed operation. */
    public static RuntimeException translate(SQLException e, String operation) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String text = operation + " failed (SQLState " + (state.isEmpty() ? "unknown" : state) + "): " + e.getMessage();
        if (state.startsWith("42")) {
            return new ConfigurationException(text + " — are the webhookkit tables there? Apply "
                    + "dev/webhookkit/jdbc/schema-postgresql.sql or call JdbcSchema.create(dataSource, tablePrefix)", e);
        }
        if (isUnavailable(e, state)) {
            return new DependencyUnavailableException(text, e);
        }
        return new WebhookException(text, e);
    }

    private static boolean isUnavailable(SQLException e, String state) {
        // 08 connection, 40 rollback (serialization, deadlock), 53 resources, 57 operator intervention, 58 system error
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException || state.isEmpty()
                || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57") || state.startsWith("58");
    }

    /** Writes an instant as TIMESTAMP WITH TIME ZONE, cut to the microseconds the column keeps. */
    public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC));
    }

    /** Reads a TIMESTAMP WITH TIME ZONE; empty columns give null (only for nullable ones). */
    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The instant as the database will keep it. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Text as PostgreSQL can store it: no NUL characters (a binary response snippet may carry some). */
    public static String text(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    /** "?, ?, ?" for {@code n} parameters. */
    public static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
