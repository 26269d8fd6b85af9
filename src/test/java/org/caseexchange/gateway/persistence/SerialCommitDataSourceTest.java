package org.caseexchange.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Commits and rollbacks on the embedded database wait while another commit or a compaction writes H2's
 * store, whether they are explicit, the end of a statement in auto-commit mode or the return of a
 * connection with a transaction open; and a statement run that way commits
 * or changes nothing, as it would without the wrapper.
 */
class SerialCommitDataSourceTest {

    @TempDir
    Path directory;

    SerialCommitDataSource dataSource;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("db") + ";WRITE_DELAY=0");
        h2.setUser("sa");
        dataSource = new SerialCommitDataSource(h2);
        new JdbcTemplate(dataSource).execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }

    @Test
    void aTransactionCommitsOnlyOnceTheStoreIsNoLongerHeld() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.createStatement().executeUpdate("INSERT INTO t VALUES (1)");

            CompletableFuture<Void> commit = whileTheStoreIsHeld(() -> {
                connection.commit();
                return null;
            });

            commit.get(10, TimeUnit.SECONDS);
        }
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aStatementInAutoCommitModeCommitsOnlyOnceTheStoreIsNoLongerHeld() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)");
            insert.setInt(1, 1);

            CompletableFuture<Integer> update = whileTheStoreIsHeld(insert::executeUpdate);

            assertThat(update.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(connection.getAutoCommit()).as("auto-commit after the statement").isTrue();
            assertThat(insert.getConnection()).as("the statement's connection").isSameAs(connection);
        }
        assertThat(rows()).as("rows seen from another connection").isEqualTo(1);
    }

    @Test
    void aFailingStatementInAutoCommitModeChangesNothingAndLeavesAutoCommitOn() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Statement statement = connection.createStatement();
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO t VALUES (1), (1)")).isInstanceOf(SQLException.class);
            assertThat(connection.getAutoCommit()).isTrue();
            statement.executeUpdate("INSERT INTO t VALUES (2)");
        }
        assertThat(rows()).as("only the statement that succeeded").isEqualTo(1);
    }

    @Test
    void turningAutoCommitOnCommitsTheOpenTransactionOnlyOnceTheStoreIsNoLongerHeld() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.createStatement().executeUpdate("INSERT INTO t VALUES (1)");

            whileTheStoreIsHeld(() -> {
                connection.setAutoCommit(true);
                return null;
            }).get(10, TimeUnit.SECONDS);
        }
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aRollbackEndsTheTransactionOnlyOnceTheStoreIsNoLongerHeld() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.createStatement().executeUpdate("INSERT INTO t VALUES (1)");

            whileTheStoreIsHeld(() -> {
                connection.rollback();
                return null;
            }).get(10, TimeUnit.SECONDS);

            connection.createStatement().executeUpdate("INSERT INTO t VALUES (2)");
            connection.commit();
        }
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void returningAConnectionWithATransactionOpenWaitsWhileTheStoreIsHeld() throws Exception {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        connection.createStatement().executeUpdate("INSERT INTO t VALUES (1)");

        whileTheStoreIsHeld(() -> {
            connection.close();
            return null;
        }).get(10, TimeUnit.SECONDS);

        assertThat(rows()).isZero();
    }

    interface Work<T> {
        T run() throws SQLException;
    }

    /** Starts the work while a compaction holds the store, checks it waits, then lets the compaction end. */
    private <T> CompletableFuture<T> whileTheStoreIsHeld(Work<T> work) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> compaction = CompletableFuture.runAsync(() -> dataSource.exclusively(() -> {
            held.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> result.get(500, TimeUnit.MILLISECONDS)).as("the commit while the store is held")
                .isInstanceOf(TimeoutException.class);
        assertThat(rows()).as("rows visible while the commit waits").isZero();
        release.countDown();
        compaction.get(10, TimeUnit.SECONDS);
        return result;
    }

    private int rows() {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM t", Integer.class);
    }
}
