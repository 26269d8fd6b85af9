package org.caseexchange.gateway.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The embedded H2 database with one commit or rollback at a time, so that a crash cannot leave a
 * transaction half committed.
 *
 * <p>H2 2.3 ends a transaction in steps: a commit marks the undo log committed, turns each change into a
 * committed value one by one, then empties the undo log; a rollback puts back each old value one by one,
 * then empties the undo log. Each then writes the store to the file, and H2 takes each table's and
 * index's state for that write one after the other ({@code MVStore.collectChangedMapRoots}). If another
 * transaction is halfway through its own steps meanwhile, the file can hold its undo log already empty
 * and only some of its changes done; if the process dies before the next write, H2 reads the rest on
 * restart as never made. The crash test saw both sides of this, we believe: the head of the audit log
 * moved past entries that were not there, and an answer sent from the outbox whose exchange row was not
 * there.
 *
 * <p>Every commit and rollback here, explicit or at the end of a statement in auto-commit mode, therefore
 * runs under one lock, and so does anything else that writes the store ({@link #exclusively}) and the
 * return of a connection to the pool, which rolls back what its user left open. H2 writes the store at
 * the end of each of these anyway, under its own lock, so this costs little beyond that. A statement in
 * auto-commit mode runs in a transaction of its own and only its end takes the lock, so that no statement
 * waiting for a row lock holds up every commit. Queries are not touched.
 *
 * <p>What the lock cannot prevent: a write of the store still catches other transactions' uncommitted
 * changes halfway, some with their undo records and some without. After a crash H2 rolls back the former;
 * the latter stay in the file, and H2 takes them for the changes of whichever new transaction gets the
 * same internal number. {@link H2CrashLeftovers} clears them before anything else uses the database.
 * H2 also writes the store from within any statement once many megabytes of changes are unsaved, which
 * with a write at every commit happens in bulk loads, not in exchanges.
 */
public final class SerialCommitDataSource extends DelegatingDataSource {

    private static final Set<String> STATEMENT_UPDATES = Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch",
            "executeLargeBatch");

    private final ReentrantLock commits = new ReentrantLock();

    public SerialCommitDataSource(DataSource target) {
        super(target);
    }

    /** Runs work that writes H2's store, such as a compaction, with no commit in progress. */
    public <T> T exclusively(Supplier<T> work) {
        commits.lock();
        try {
            return work.get();
        } finally {
            commits.unlock();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return serialCommits(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return serialCommits(super.getConnection(username, password));
    }

    private Connection serialCommits(Connection connection) {
        return (Connection) Proxy.newProxyInstance(SerialCommitDataSource.class.getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(connection));
    }

    private final class ConnectionHandler implements InvocationHandler {

        private final Connection connection;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            switch (method.getName()) {
                case "commit":
                    commit();
                    return null;
                case "close":
                    // Returning the connection to the pool rolls back a transaction its user left open.
                    if (connection.isClosed() || connection.getAutoCommit()) {
                        return forward(connection, method, arguments);
                    }
                    return whileNoOtherCommits(method, arguments);
                case "rollback":
                case "setAutoCommit":
                    // Turning auto-commit on commits an open transaction.
                    return whileNoOtherCommits(method, arguments);
                case "createStatement":
                case "prepareStatement":
                case "prepareCall":
                    Statement statement = (Statement) forward(connection, method, arguments);
                    Class<?> kind = statement instanceof CallableStatement ? CallableStatement.class
                            : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                    return Proxy.newProxyInstance(SerialCommitDataSource.class.getClassLoader(), new Class<?>[] {kind},
                            new StatementHandler(statement, (Connection) proxy));
                case "equals":
                    return proxy == arguments[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return forward(connection, method, arguments);
            }
        }

        private Object whileNoOtherCommits(Method method, Object[] arguments) throws Throwable {
            return whileNoOtherCommits(() -> forward(connection, method, arguments));
        }

        void commit() throws Throwable {
            whileNoOtherCommits(() -> {
                connection.commit();
                return null;
            });
        }

        void rollback() throws Throwable {
            whileNoOtherCommits(() -> {
                connection.rollback();
                return null;
            });
        }

        private Object whileNoOtherCommits(Call call) throws Throwable {
            commits.lock();
            try {
                return call.run();
            } finally {
                commits.unlock();
            }
        }

        /** A statement that would commit on its own is run in a transaction of its own, committed under the lock. */
        Object ownTransaction(Statement statement, Method method, Object[] arguments) throws Throwable {
            connection.setAutoCommit(false);
            boolean committed = false;
            try {
                Object result = forward(statement, method, arguments);
                commit();
                committed = true;
                return result;
            } finally {
                try {
                    if (!committed) {
                        rollback();
                    }
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }

        private final class StatementHandler implements InvocationHandler {

            private final Statement statement;
            private final Connection connectionProxy;

            StatementHandler(Statement statement, Connection connectionProxy) {
                this.statement = statement;
                this.connectionProxy = connectionProxy;
            }

            @Override
            public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
                if (STATEMENT_UPDATES.contains(method.getName()) && connection.getAutoCommit()) {
                    return ownTransaction(statement, method, arguments);
                }
                return switch (method.getName()) {
                    case "getConnection" -> connectionProxy;
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> forward(statement, method, arguments);
                };
            }
        }
    }

    private interface Call {
        Object run() throws Throwable;
    }

    private static Object forward(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
