package dev.webhookkit.spring.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands webhook-jdbc the connection of the caller's Spring transaction when there is one, so that
 * {@code dispatcher.publish} inside {@code @Transactional} writes the outbox row in that
 * transaction: it commits with the business data or not at all. The store's own
 * commit/rollback/close on that connection are left to the transaction (a rollback the store asks
 * for marks the transaction rollback-only). Outside a transaction it is the plain DataSource.
 *
 * <p>Spring's TransactionAwareDataSourceProxy is not enough: it passes {@code commit()} through,
 * which would commit the caller's transaction early.
 */
public final class TransactionJoiningDataSource extends DelegatingDataSource {
    public TransactionJoiningDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource target = obtainTargetDataSource();
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.getResource(target) instanceof ConnectionHolder holder
                && holder.getConnectionHandle() != null) {
            holder.requested();
            return joined(holder);
        }
        return target.getConnection();
    }

    private static Connection joined(ConnectionHolder holder) {
        Connection connection = holder.getConnection();
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "commit", "setAutoCommit" -> null;
            case "rollback" -> {
                if (args == null || args.length == 0) {
                    holder.setRollbackOnly();
                    yield null;
                }
                yield invoke(connection, method, args);
            }
            case "close" -> {
                holder.released();
                yield null;
            }
            case "getAutoCommit" -> false;
            case "isClosed" -> false;
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "transaction-bound " + connection;
            default -> invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(TransactionJoiningDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Connection target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
