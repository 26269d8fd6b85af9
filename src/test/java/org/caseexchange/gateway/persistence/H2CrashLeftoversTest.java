package org.caseexchange.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.caseexchange.gateway.support.EmbeddedGatewayTest;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A crash can leave uncommitted values in the H2 file without their undo records. The test puts such
 * values there the way a torn store write does (a transaction's changes stay in the tables, its undo log
 * does not), reopens the database, shows that H2 then gives different answers depending on which
 * internal transaction number a reader gets, and that after clearing every reader sees the committed
 * data only.
 */
class H2CrashLeftoversTest {

    @TempDir
    Path directory;

    JdbcDataSource h2;

    @BeforeEach
    void database() throws SQLException {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("db") + ";WRITE_DELAY=0");
        h2.setUser("sa");
        try (Connection connection = h2.getConnection()) {
            connection.createStatement().execute("CREATE TABLE quota (partner VARCHAR(20), period INT, used INT, PRIMARY KEY (partner, period))");
            connection.createStatement().execute("INSERT INTO quota VALUES ('USA', 1, 5)");
        }
    }

    @Test
    void aReaderWithTheCutOffTransactionsNumberSeesOnlyCommittedDataOnceCleared() throws Exception {
        TornStoreWrite.leave(h2, "QUOTA", "INSERT INTO quota VALUES ('USA', 2, 1)", "UPDATE quota SET used = 6 WHERE period = 1");

        try (Connection first = h2.getConnection(); Connection second = h2.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            assertThat(rows(first)).as("H2 as it is: the reader with the cut-off transaction's number").containsExactly("USA/1=6", "USA/2=1");
            assertThat(rows(second)).as("H2 as it is: any other reader").containsExactly("USA/1=5");
        }

        SerialCommitDataSource gateway = new SerialCommitDataSource(h2);
        assertThat(H2CrashLeftovers.clear(gateway)).as("the inserted row and the updated one, each in the table and its key").isEqualTo(4);

        try (Connection first = gateway.getConnection(); Connection second = gateway.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            assertThat(rows(first)).containsExactly("USA/1=5");
            assertThat(rows(second)).containsExactly("USA/1=5");
            first.createStatement().executeUpdate("INSERT INTO quota VALUES ('USA', 2, 1)");
            first.commit();
            second.rollback();
            assertThat(rows(second)).containsExactly("USA/1=5", "USA/2=1");
        }
        try (Connection restarted = gateway.getConnection()) {
            assertThat(rows(restarted)).containsExactly("USA/1=5", "USA/2=1");
        }
    }

    @Test
    void theChangesOfATransactionStillOpenAreLeftAlone() throws Exception {
        SerialCommitDataSource gateway = new SerialCommitDataSource(h2);
        try (Connection open = gateway.getConnection()) {
            open.setAutoCommit(false);
            open.createStatement().executeUpdate("INSERT INTO quota VALUES ('USA', 2, 1)");

            assertThat(H2CrashLeftovers.clear(gateway)).isZero();

            open.commit();
        }
        try (Connection reader = gateway.getConnection()) {
            assertThat(rows(reader)).containsExactly("USA/1=5", "USA/2=1");
        }
    }

    @Test
    void theGatewayClearsThemBeforeAnythingUsesTheDatabase() throws Exception {
        String dataDir = EmbeddedGatewayTest.newDataDirectory();
        Map<String, Object> settings = Map.of("gateway.data-dir", dataDir);
        EmbeddedGatewayTest.startGateway(settings).close();
        JdbcDataSource stopped = new JdbcDataSource();
        stopped.setURL("jdbc:h2:file:" + dataDir + "/db/gateway;IFEXISTS=TRUE");
        stopped.setUser("gateway");
        TornStoreWrite.leave(stopped, "ANNEX_QUOTA_USAGE",
                "INSERT INTO annex_quota_usage (partner_code, annex_id, period_key, used) VALUES ('USA-USCIS', 'ANNEX-1', 'D2026-11-30', 7)");

        try (ConfigurableApplicationContext gateway = EmbeddedGatewayTest.startGateway(settings)) {
            DataSource database = gateway.getBean(DataSource.class);
            // As many transactions open at once as it takes for one of them to get the cut-off one's number.
            List<Connection> readers = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    Connection reader = database.getConnection();
                    readers.add(reader);
                    reader.setAutoCommit(false);
                    try (ResultSet count = reader.createStatement().executeQuery("SELECT COUNT(*) FROM annex_quota_usage")) {
                        count.next();
                        assertThat(count.getInt(1)).as("quota rows seen by reader %d", i).isZero();
                    }
                }
            } finally {
                for (Connection reader : readers) {
                    reader.rollback();
                    reader.close();
                }
            }
        }
    }

    private static List<String> rows(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = connection.createStatement().executeQuery("SELECT partner, period, used FROM quota ORDER BY period")) {
            while (result.next()) {
                rows.add(result.getString(1) + "/" + result.getInt(2) + "=" + result.getInt(3));
            }
        }
        return rows;
    }
}
