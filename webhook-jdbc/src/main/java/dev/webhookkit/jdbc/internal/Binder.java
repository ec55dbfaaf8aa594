package dev.webhookkit.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;

/**
 * Binds a statement's parameters in the order their {@code ?} appear, so no caller counts
 * positions and a statement's parameters are bound together, where its SQL is written.
 */
public final class Binder {
    private final PreparedStatement statement;
    private int next = 1;

    public Binder(PreparedStatement statement) {
        this.statement = statement;
    }

    /** Binds all of one statement's parameters. */
    @FunctionalInterface
    public interface Binding {
        void bind(Binder binder) throws SQLException;
    }

    public Binder string(String value) throws SQLException {
        statement.setString(next++, value);
        return this;
    }

    /** Each value in turn, for an {@code IN (?, …)} list of {@link Sql#placeholders} of their number. */
    public Binder strings(Collection<String> values) throws SQLException {
        for (String v : values) {
            string(v);
        }
        return this;
    }

    public Binder integer(int value) throws SQLException {
        statement.setInt(next++, value);
        return this;
    }

    public Binder longValue(long value) throws SQLException {
        statement.setLong(next++, value);
        return this;
    }

    public Binder bool(boolean value) throws SQLException {
        statement.setBoolean(next++, value);
        return this;
    }

    public Binder bytes(byte[] value) throws SQLException {
        statement.setBytes(next++, value);
        return this;
    }

    /** As TIMESTAMP WITH TIME ZONE, cut to microseconds ({@link Sql#setInstant}). */
    public Binder instant(Instant value) throws SQLException {
        Sql.setInstant(statement, next++, value);
        return this;
    }
}
