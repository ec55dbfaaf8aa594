package dev.webhookkit.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands out connections of the live database, or — switched to {@link #stop()} — of a real
 * PostgreSQL data source on a closed port, so a registry sees a database that goes away and comes
 * back. Counts the connections asked for.
 */
final class SwitchableDataSource implements DataSource {
    private final DataSource live;
    private final DataSource dead;
    private volatile boolean stopped;
    final AtomicInteger connections = new AtomicInteger();

    SwitchableDataSource(DataSource live, DataSource dead) {
        this.live = live;
        this.dead = dead;
    }

    void stop() {
        stopped = true;
    }

    void start() {
        stopped = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        connections.incrementAndGet();
        return (stopped ? dead : live).getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        connections.incrementAndGet();
        return (stopped ? dead : live).getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return live.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        live.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        live.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return live.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
